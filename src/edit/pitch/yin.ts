import { nextPowerOfTwo, RealFft } from '../../core/fft.js';

/**
 * One frame of YIN (A. de Cheveigné and H. Kawahara, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 111(4), 2002): the difference function
 * d(τ) = Σ_j (x_j − x_{j+τ})² over an integration window of W samples, its cumulative-mean
 * normalisation d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k) (step 3, which removes the dip at τ = 0 and
 * makes dip depth comparable across lags), and every local minimum of d' in the lag range,
 * refined by parabolic interpolation of the raw d (step 5: interpolating d' would bias the
 * period, the paper notes).
 *
 * d(τ) = e₀ + e_τ − 2 r(τ) (eq. 7), with r the cross-correlation of the window with the
 * frame computed by FFT and the energies e by a running sum, so one frame costs three
 * FFTs instead of W·maxLag multiplications.
 */
export interface YinOptions {
  readonly sampleRate: number;
  readonly minHz: number;
  readonly maxHz: number;
}

/** A dip of d' that could be the period. */
export interface YinDip {
  /** Period in samples, interpolated. */
  readonly lagSamples: number;
  /** d' at the dip (0 = perfectly periodic, about 1 = no periodicity at this lag). */
  readonly aperiodicity: number;
}

export class YinFrame {
  readonly minLag: number;
  readonly maxLag: number;
  /** Integration window W, samples. */
  readonly windowSamples: number;
  /** Samples a frame reads: W + maxLag + 1. */
  readonly frameSamples: number;
  /** d' of the last analysed frame, indices 0…maxLag. */
  readonly cmnd: Float64Array;
  private readonly diff: Float64Array;
  private readonly fft: RealFft;
  private readonly frame: Float64Array;
  private readonly window: Float64Array;
  private readonly frameSpectrum: Float64Array;
  private readonly windowSpectrum: Float64Array;
  private readonly correlation: Float64Array;
  private readonly squares: Float64Array;

  constructor(options: YinOptions) {
    this.minLag = Math.max(2, Math.floor(options.sampleRate / options.maxHz));
    this.maxLag = Math.ceil(options.sampleRate / options.minHz);
    // One longest period in the window: the shortest W that still sees a whole cycle of
    // the lowest pitch (the paper's 25 ms serves a 40 Hz floor the same way).
    this.windowSamples = this.maxLag;
    this.frameSamples = this.windowSamples + this.maxLag + 1;
    const size = nextPowerOfTwo(this.frameSamples);
    this.fft = new RealFft(size);
    this.frame = new Float64Array(size);
    this.window = new Float64Array(size);
    this.frameSpectrum = this.fft.createSpectrum();
    this.windowSpectrum = this.fft.createSpectrum();
    this.correlation = new Float64Array(size);
    this.squares = new Float64Array(this.frameSamples + 1);
    this.diff = new Float64Array(this.maxLag + 1);
    this.cmnd = new Float64Array(this.maxLag + 1);
  }

  /**
   * Analyses the frame that starts at sample `start` of `signal` (zeros outside it).
   * Returns the mean square of the integration window (for energy gating).
   */
  analyse(signal: Float32Array, start: number): number {
    const { frame, window, frameSamples: n, windowSamples: w, maxLag } = this;
    frame.fill(0);
    window.fill(0);
    const from = Math.max(0, start);
    const to = Math.min(signal.length, start + n);
    for (let i = from; i < to; i++) frame[i - start] = signal[i];
    for (let j = 0; j < w; j++) window[j] = frame[j];

    const sq = this.squares;
    sq[0] = 0;
    for (let i = 0; i < n; i++) sq[i + 1] = sq[i] + frame[i] * frame[i];

    this.fft.forward(frame, this.frameSpectrum);
    this.fft.forward(window, this.windowSpectrum);
    const fs = this.frameSpectrum;
    const ws = this.windowSpectrum;
    // conj(W)·F: the spectrum of r(τ) = Σ_j w_j f_{j+τ}.
    for (let k = 0; k < fs.length; k += 2) {
      const re = ws[k] * fs[k] + ws[k + 1] * fs[k + 1];
      const im = ws[k] * fs[k + 1] - ws[k + 1] * fs[k];
      fs[k] = re;
      fs[k + 1] = im;
    }
    this.fft.inverse(fs, this.correlation);

    const r = this.correlation;
    const d = this.diff;
    const dn = this.cmnd;
    const e0 = sq[w];
    d[0] = 0;
    dn[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= maxLag; tau++) {
      const value = Math.max(0, e0 + (sq[tau + w] - sq[tau]) - 2 * r[tau]);
      d[tau] = value;
      running += value;
      dn[tau] = running > 0 ? (value * tau) / running : 1;
    }
    return e0 / w;
  }

  /**
   * Local minima of d' in [minLag, maxLag), shortest lag first, at most `limit` of them
   * (the deepest kept when there are more), into `out`; returns how many.
   */
  dips(out: YinDip[], limit: number): number {
    const dn = this.cmnd;
    const d = this.diff;
    out.length = 0;
    for (let tau = this.minLag; tau < this.maxLag; tau++) {
      const v = dn[tau];
      if (!(v < dn[tau - 1] && v <= dn[tau + 1])) continue;
      // Vertex of the parabola through d at τ−1, τ, τ+1.
      const a = d[tau - 1];
      const b = d[tau];
      const c = d[tau + 1];
      const curvature = a - 2 * b + c;
      const offset = curvature > 0 ? Math.max(-1, Math.min(1, (0.5 * (a - c)) / curvature)) : 0;
      out.push({ lagSamples: tau + offset, aperiodicity: v });
    }
    if (out.length > limit) {
      const kept = out
        .slice()
        .sort((x, y) => x.aperiodicity - y.aperiodicity)
        .slice(0, limit);
      kept.sort((x, y) => x.lagSamples - y.lagSamples);
      out.length = 0;
      out.push(...kept);
    }
    return out.length;
  }

  /** The smallest d' in the lag range (1 − this is the frame's best periodicity). */
  minimumAperiodicity(): number {
    let best = 1;
    for (let tau = this.minLag; tau <= this.maxLag; tau++) best = Math.min(best, this.cmnd[tau]);
    return best;
  }
}
