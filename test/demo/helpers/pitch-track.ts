import { RealFft } from '../../../src/core/fft.js';

/**
 * f0 by YIN (A. de Cheveigné and H. Kawahara, "YIN, a fundamental frequency estimator for
 * speech and music", JASA 111, 2002): the difference function, its cumulative-mean
 * normalisation, the first dip below a threshold, and parabolic interpolation of the dip.
 * The correlation term is computed with an FFT so whole takes can be tracked quickly.
 */
export interface PitchTrackerOptions {
  readonly sampleRate: number;
  readonly minHz?: number;
  readonly maxHz?: number;
  /** Integration window, samples. */
  readonly window?: number;
  readonly threshold?: number;
}

export class PitchTracker {
  private readonly sampleRate: number;
  private readonly window: number;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly threshold: number;
  private readonly fft: RealFft;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly specA: Float64Array;
  private readonly specB: Float64Array;
  private readonly r: Float64Array;
  private readonly d: Float64Array;

  constructor(options: PitchTrackerOptions) {
    this.sampleRate = options.sampleRate;
    this.window = options.window ?? 1024;
    this.minLag = Math.floor(this.sampleRate / (options.maxHz ?? 600));
    this.maxLag = Math.ceil(this.sampleRate / (options.minHz ?? 60));
    this.threshold = options.threshold ?? 0.1;
    let size = 2;
    while (size < this.window + this.maxLag + 1) size *= 2;
    this.fft = new RealFft(size);
    this.a = new Float64Array(size);
    this.b = new Float64Array(size);
    this.specA = this.fft.createSpectrum();
    this.specB = this.fft.createSpectrum();
    this.r = new Float64Array(size);
    this.d = new Float64Array(this.maxLag + 2);
  }

  /** Samples a frame reads from its start. */
  get span(): number {
    return this.window + this.maxLag + 1;
  }

  /** f0 in Hz of the frame starting at `start`, or NaN when it is not periodic. */
  estimate(x: Float32Array, start: number): number {
    const { window: W, maxLag, a, b } = this;
    if (start < 0 || start + this.span > x.length) return Number.NaN;
    a.fill(0);
    b.fill(0);
    for (let j = 0; j < W; j++) a[j] = x[start + j];
    for (let j = 0; j < W + maxLag + 1; j++) b[j] = x[start + j];
    this.fft.forward(a, this.specA);
    this.fft.forward(b, this.specB);
    // conj(A)·B: its inverse is r(τ) = Σ a[j]·b[j + τ].
    const sa = this.specA;
    const sb = this.specB;
    for (let k = 0; k < sa.length; k += 2) {
      const re = sa[k] * sb[k] + sa[k + 1] * sb[k + 1];
      const im = sa[k] * sb[k + 1] - sa[k + 1] * sb[k];
      sa[k] = re;
      sa[k + 1] = im;
    }
    this.fft.inverse(sa, this.r);

    // d(τ) = E(0) + E(τ) − 2 r(τ), with E(τ) the energy of b[τ, τ + W).
    let e0 = 0;
    for (let j = 0; j < W; j++) e0 += b[j] * b[j];
    let eTau = e0;
    const d = this.d;
    d[0] = 0;
    let running = 0;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      eTau += b[tau + W - 1] * b[tau + W - 1] - b[tau - 1] * b[tau - 1];
      const raw = e0 + eTau - 2 * this.r[tau];
      running += raw;
      d[tau] = running > 0 ? (raw * tau) / running : 1;
    }
    let best = -1;
    for (let tau = this.minLag; tau <= maxLag; tau++) {
      if (d[tau] < this.threshold) {
        while (tau + 1 <= maxLag && d[tau + 1] < d[tau]) tau++;
        best = tau;
        break;
      }
    }
    if (best < 0) return Number.NaN;
    const y0 = d[best - 1];
    const y1 = d[best];
    const y2 = d[best + 1];
    const denominator = y0 - 2 * y1 + y2;
    const shift = denominator > 0 ? (0.5 * (y0 - y2)) / denominator : 0;
    return this.sampleRate / (best + shift);
  }

  /** f0 every `hopSeconds` with frames centred in [fromSeconds, toSeconds]: [time, Hz] pairs. */
  track(
    x: Float32Array,
    fromSeconds: number,
    toSeconds: number,
    hopSeconds = 0.005,
  ): [number, number][] {
    const out: [number, number][] = [];
    for (let t = fromSeconds; t <= toSeconds + 1e-9; t += hopSeconds) {
      const start = Math.round(t * this.sampleRate - this.window / 2);
      const f0 = this.estimate(x, start);
      if (Number.isFinite(f0)) out.push([t, f0]);
    }
    return out;
  }
}
