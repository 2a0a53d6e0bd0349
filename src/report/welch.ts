import { RealFft } from '../core/fft.js';

/**
 * Average power spectral density by Welch's method (periodic Hann window, 50 % overlap by
 * default), over all channels: each channel's segments are averaged alike. Streams: audio is
 * pushed in chunks and only one segment per channel is held.
 *
 * Density scaling: D[k] = c·|X[k]|² / (fs · Σw²), c = 2 for bins strictly between DC and
 * Nyquist (one-sided). With it, the integral of D over frequency is the signal's mean square
 * whatever the window, so band levels can be read off as powers (a full-scale sine integrates
 * to ½, −3.01 dB). (Welch, IEEE Trans. Audio Electroacoust. 15(2), 1967; Heinzel, Rüdiger &
 * Schilling, "Spectrum and spectral density estimation by the DFT", 2002, §9.)
 */

export interface WelchOptions {
  /** Segment length, a power of two (default 8192). */
  readonly fftSize?: number;
  /** Fraction of a segment shared with the next, 0 ≤ overlap < 1 (default 0.5). */
  readonly overlap?: number;
}

export interface PowerSpectralDensity {
  readonly sampleRate: number;
  readonly fftSize: number;
  /** One-sided density per bin k (k·fs/fftSize Hz), k = 0 … fftSize/2; power per Hz. */
  readonly density: Float64Array;
  /** Segments averaged (over all channels). */
  readonly segments: number;
}

export const DEFAULT_WELCH_FFT_SIZE = 8192;

export class WelchAccumulator {
  readonly fftSize: number;
  private readonly hop: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly buffers: Float64Array[];
  private readonly frame: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly sum: Float64Array;
  private filled = 0;
  private segments = 0;

  constructor(
    readonly sampleRate: number,
    readonly channelCount: number,
    options: WelchOptions = {},
  ) {
    this.fftSize = options.fftSize ?? DEFAULT_WELCH_FFT_SIZE;
    const overlap = options.overlap ?? 0.5;
    if (!(overlap >= 0 && overlap < 1))
      throw new RangeError(`Overlap must be in [0, 1), got ${overlap}`);
    this.hop = Math.max(1, Math.round(this.fftSize * (1 - overlap)));
    this.fft = new RealFft(this.fftSize);
    this.window = periodicHann(this.fftSize);
    this.buffers = Array.from({ length: channelCount }, () => new Float64Array(this.fftSize));
    this.frame = new Float64Array(this.fftSize);
    this.spectrum = this.fft.createSpectrum();
    this.sum = new Float64Array(this.fftSize / 2 + 1);
  }

  push(channels: readonly Float32Array[], frames: number): void {
    let offset = 0;
    while (offset < frames) {
      const take = Math.min(this.fftSize - this.filled, frames - offset);
      for (let c = 0; c < this.channelCount; c++) {
        const buffer = this.buffers[c];
        const source = channels[c];
        for (let i = 0; i < take; i++) buffer[this.filled + i] = source[offset + i];
      }
      this.filled += take;
      offset += take;
      if (this.filled === this.fftSize) {
        for (const buffer of this.buffers) this.addSegment(buffer, this.window);
        for (const buffer of this.buffers) buffer.copyWithin(0, this.hop);
        this.filled = this.fftSize - this.hop;
      }
    }
  }

  /**
   * The average density. Audio shorter than one segment is analysed as one zero-padded
   * segment with a window of its own length, so a short clip still has a spectrum.
   */
  result(): PowerSpectralDensity {
    if (this.segments === 0 && this.filled > 1) {
      const window = new Float64Array(this.fftSize);
      window.set(periodicHann(this.filled));
      for (const buffer of this.buffers) this.addSegment(buffer.fill(0, this.filled), window);
    }
    const density = new Float64Array(this.sum.length);
    if (this.segments > 0)
      for (let k = 0; k < density.length; k++) density[k] = this.sum[k] / this.segments;
    return { sampleRate: this.sampleRate, fftSize: this.fftSize, density, segments: this.segments };
  }

  private addSegment(samples: Float64Array, window: Float64Array): void {
    let windowPower = 0;
    for (let i = 0; i < this.fftSize; i++) {
      this.frame[i] = samples[i] * window[i];
      windowPower += window[i] * window[i];
    }
    this.fft.forward(this.frame, this.spectrum);
    const scale = 1 / (this.sampleRate * windowPower);
    const nyquist = this.fftSize / 2;
    for (let k = 0; k <= nyquist; k++) {
      const re = this.spectrum[2 * k];
      const im = this.spectrum[2 * k + 1];
      const oneSided = k === 0 || k === nyquist ? 1 : 2;
      this.sum[k] += oneSided * scale * (re * re + im * im);
    }
    this.segments++;
  }
}

/** w[n] = ½ − ½·cos(2πn/N): the Hann window that tiles exactly at 50 % overlap. */
export function periodicHann(length: number): Float64Array {
  const w = new Float64Array(length);
  for (let n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length);
  return w;
}
