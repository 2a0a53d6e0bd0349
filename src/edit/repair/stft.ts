/**
 * Short-time Fourier transform with exact overlap-add reconstruction, for spectral repairs.
 *
 * Analysis and synthesis both use a periodic Hann window w at a hop of N/4. The sum of w²
 * over the four frames covering any sample is the constant 3/2 (the cos and cos² terms of
 * w² = 3/8 − cos(θ)/2 + cos(2θ)/8 cancel over shifts of π/2), so dividing the overlap-added
 * frames by 3/2 returns the input exactly when the spectra are not modified (weighted
 * overlap-add, Crochiere 1980; Griffin & Lim 1984, eq. 6). A modified spectrum is still
 * tapered by the synthesis window, which keeps gain changes between frames smooth.
 *
 * Frame j covers samples [j·hop − N + hop, j·hop + hop): the first frames reach before the
 * start and the last past the end (those samples read as zero), so every sample of the clip
 * is covered by exactly four frames and the output lines up with the input sample for
 * sample (no latency).
 */
import { RealFft } from '../../core/fft.js';

/** Frames overlap by 75 %: four frames cover every sample. */
export const STFT_OVERLAP = 4;

export class Stft {
  readonly fftSize: number;
  readonly hop: number;
  /** Number of bins from DC to Nyquist inclusive (N/2 + 1). */
  readonly binCount: number;
  readonly window: Float64Array;
  /** Σ w² over one hop-aligned set of frames: 3/2 for Hann at N/4. */
  readonly windowSquareSum: number;
  private readonly fft: RealFft;
  private readonly frame: Float64Array;
  private readonly output: Float64Array;

  constructor(fftSize: number) {
    this.fftSize = fftSize;
    this.hop = fftSize / STFT_OVERLAP;
    this.binCount = fftSize / 2 + 1;
    this.fft = new RealFft(fftSize);
    this.window = new Float64Array(fftSize);
    for (let n = 0; n < fftSize; n++) {
      this.window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / fftSize);
    }
    let sum = 0;
    for (let n = 0; n < this.hop; n++) {
      for (let f = 0; f < STFT_OVERLAP; f++) sum += this.window[n + f * this.hop] ** 2;
    }
    this.windowSquareSum = sum / this.hop;
    this.frame = new Float64Array(fftSize);
    this.output = new Float64Array(fftSize);
  }

  createSpectrum(): Float64Array {
    return this.fft.createSpectrum();
  }

  /** Frames needed to cover `length` samples four times over. */
  frameCount(length: number): number {
    return Math.ceil(length / this.hop) + STFT_OVERLAP - 1;
  }

  /** First sample of frame `j` (negative for the first frames). */
  frameStart(j: number): number {
    return (j - (STFT_OVERLAP - 1)) * this.hop;
  }

  /** Windowed spectrum of frame `j` of `x` (samples outside `x` read as zero). */
  analyze(x: Float32Array, j: number, spectrum: Float64Array): void {
    const start = this.frameStart(j);
    const frame = this.frame;
    const w = this.window;
    const n = this.fftSize;
    const from = Math.max(0, -start);
    const to = Math.min(n, x.length - start);
    frame.fill(0);
    for (let i = from; i < to; i++) frame[i] = w[i] * x[start + i];
    this.fft.forward(frame, spectrum);
  }

  /**
   * Inverse transform of frame `j`, windowed, scaled by 1/Σw² and added into `out` (same
   * length as the analysed signal). The spectrum must be conjugate-symmetric.
   */
  synthesizeAdd(spectrum: Float64Array, j: number, out: Float64Array): void {
    const start = this.frameStart(j);
    const frame = this.output;
    const w = this.window;
    const scale = 1 / this.windowSquareSum;
    this.fft.inverse(spectrum, frame);
    const from = Math.max(0, -start);
    const to = Math.min(this.fftSize, out.length - start);
    for (let i = from; i < to; i++) out[start + i] += frame[i] * w[i] * scale;
  }

  /** Multiplies bins 0…N/2 by real gains, and their mirror images alike (stays Hermitian). */
  applyGains(spectrum: Float64Array, gains: Float64Array): void {
    const n = this.fftSize;
    const half = n / 2;
    for (let k = 0; k <= half; k++) {
      const g = gains[k];
      spectrum[2 * k] *= g;
      spectrum[2 * k + 1] *= g;
      if (k > 0 && k < half) {
        spectrum[2 * (n - k)] *= g;
        spectrum[2 * (n - k) + 1] *= g;
      }
    }
  }
}

/** Power |X(k)|² of bins 0…N/2. */
export function binPowers(spectrum: Float64Array, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    out[k] = re * re + im * im;
  }
}

/**
 * Analysis frame size for a sample rate: the power of two nearest `seconds`. The default,
 * 43 ms (2048 at 44.1 and 48 kHz), is long enough to resolve the harmonics of a 100 Hz
 * voice (≥ 4 bins apart) and short enough to follow syllables.
 */
export function denoiseFftSize(sampleRate: number, seconds = 0.043): number {
  const target = seconds * sampleRate;
  return 2 ** Math.max(8, Math.round(Math.log2(target)));
}
