/**
 * Sample-accurate onset time inside a search range: the change point of the short-time
 * energy of what the sound before the range does not predict.
 *
 * 1. Whitening. An AR(16) predictor is fitted (autocorrelation method, Levinson–Durbin) to
 *    the 20 ms before the range and run over it; its error is what is new. A steady tone
 *    under the onset is predicted away and leaves only its noise, so a quieter note entering
 *    over a louder tone is a clear step in the error's energy rather than a fraction of a
 *    dB in the signal's (Basseville & Nikiforov, "Detection of abrupt changes", 1993, §8:
 *    change detection on the innovations of an AR model). Where there is too little before
 *    the range, the predictor is the first difference (x[n] − x[n−1]), which tilts the
 *    spectrum up by 6 dB/octave like the high-frequency-content onset function (Masri 1996).
 *    Both errors are tried and the one showing the more likely step is used: a predictor
 *    that cancels the steady tone also cancels a new note a semitone from it.
 * 2. Where. The split of the range (extended 10 ms each side) into two segments of constant
 *    energy, the later louder, that is most likely (the log-likelihood statistic for a jump
 *    in variance, ibid. §2.2). Long segments average out the beat of a steady tone with the
 *    new note, which moves a short window's maximum by several milliseconds.
 * 3. To the sample. Within ±W of that split, the largest log ratio between the energy just
 *    after and just before a candidate sample, r(m) = log(E[m, m + W) + ε) − log(E[m − W, m) + ε),
 *    W = 2 ms: for a step in energy it peaks exactly at the step.
 */
import { levinson, maskedAutocorrelation } from '../repair/ar-model.js';

const WINDOW_SECONDS = 0.002;
/**
 * ε is also at least this fraction of the loudest window in the search range (−40 dB), so
 * the ratio is not steered by how a faint earlier sound (a bass note's cycle) happens to
 * fall across a 2 ms window while the onset is 40 dB louder.
 */
const LOCAL_FLOOR = 1e-4;
/** The segments of step 2 reach this far beyond the range, so neither is ever shorter. */
const EDGE_SECONDS = 0.01;
const PREDICTOR_ORDER = 16;
const CONTEXT_SECONDS = 0.02;
const FIRST_DIFFERENCE = Float64Array.of(1, -1);

export class OnsetRefiner {
  private readonly signal: Float32Array;
  private readonly window: number;
  private readonly edge: number;
  private readonly context: number;
  private readonly floor: number;
  /** Prefix sums of the squared prediction error over [start, …) of the current range. */
  private prefix: Float64Array = new Float64Array(1);
  private start = 0;

  constructor(signal: Float32Array, sampleRate: number) {
    this.signal = signal;
    this.window = Math.max(2, Math.round(WINDOW_SECONDS * sampleRate));
    this.edge = Math.max(this.window, Math.round(EDGE_SECONDS * sampleRate));
    this.context = Math.round(CONTEXT_SECONDS * sampleRate);
    // ε: a floor 100 dB below the mean first-difference energy per window, so digital
    // silence does not make every sample of it a candidate with an infinite ratio.
    let sum = 0;
    for (let i = 1; i < signal.length; i++) sum += (signal[i] - signal[i - 1]) ** 2;
    this.floor = Math.max((sum / Math.max(1, signal.length)) * this.window * 1e-10, 1e-30);
  }

  /** Sample in [from, to] with the largest energy jump, and that jump in dB. */
  refine(from: number, to: number): { sample: number; riseDb: number } {
    const n = this.signal.length;
    const w = this.window;
    const first = Math.max(from, 0);
    const last = Math.min(to, n);
    const lo = Math.max(0, first - this.edge);
    const hi = Math.min(n, last + this.edge);
    // Both error signals are tried; the one whose step is the more likely (larger
    // log-likelihood ratio against no change) places it. The predictor also cancels a new
    // note close in pitch to the steady tone (466 Hz over 440 Hz), the difference does not.
    let chosen: { coarse: number; gain: number; floor: number; prefix: Float64Array } | undefined;
    for (const predictor of [this.predictorBefore(lo), FIRST_DIFFERENCE]) {
      this.errorEnergy(predictor, lo, hi);
      let loudest = 0;
      for (let m = first; m <= last; m++) loudest = Math.max(loudest, this.energy(m, m + w));
      const floor = Math.max(this.floor, loudest * LOCAL_FLOOR);
      const { split, gain } = this.segmentChange(first, last, floor / w);
      if (chosen === undefined || gain > chosen.gain)
        chosen = { coarse: split, gain, floor, prefix: this.prefix };
      if (predictor === FIRST_DIFFERENCE) break;
    }
    if (chosen === undefined) return { sample: first, riseDb: 0 };
    this.prefix = chosen.prefix;
    const { coarse, floor } = chosen;
    let best = first;
    let bestRatio = -Infinity;
    for (let m = Math.max(first, coarse - w); m <= Math.min(last, coarse + w); m++) {
      const after = this.energy(m, m + w);
      const before = this.energy(m - w, m);
      const ratio = (after + floor) / (before + floor);
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = m;
      }
    }
    return { sample: best, riseDb: 10 * Math.log10(bestRatio) };
  }

  /** An AR predictor of the context before `lo`, or the first difference without one. */
  private predictorBefore(lo: number): Float64Array {
    if (lo - this.context < 0 || this.context <= 4 * PREDICTOR_ORDER) return FIRST_DIFFERENCE;
    const r = maskedAutocorrelation(this.signal, lo - this.context, lo, PREDICTOR_ORDER, undefined);
    return r[0] > 0 ? levinson(r, PREDICTOR_ORDER).coefficients : FIRST_DIFFERENCE;
  }

  /** Prefix sums of the squared prediction error of [lo, hi) under predictor `a`. */
  private errorEnergy(a: Float64Array, lo: number, hi: number): void {
    const x = this.signal;
    const order = a.length - 1;
    this.start = lo;
    this.prefix = new Float64Array(hi - lo + 1);
    for (let i = lo; i < hi; i++) {
      let e = 0;
      for (let k = 0; k <= order && i - k >= 0; k++) e += a[k] * x[i - k];
      this.prefix[i - lo + 1] = this.prefix[i - lo] + e * e;
    }
  }

  /**
   * The split m of the whitened stretch into two segments of constant energy, the later
   * louder, that explains it best: the maximum over m of −n₁·log(S₁/n₁) − n₂·log(S₂/n₂)
   * (each segment's mean energy per sample, plus `floor`), and how much more likely that
   * split is than one segment throughout (the log-likelihood ratio).
   */
  private segmentChange(from: number, to: number, floor: number): { split: number; gain: number } {
    const a = this.start;
    const b = this.start + this.prefix.length - 1;
    let best = from;
    let bestScore = -Infinity;
    const none = -(b - a) * Math.log(this.energy(a, b) / Math.max(1, b - a) + floor);
    for (let m = Math.max(from, a + 1); m <= Math.min(to, b - 1); m++) {
      const n1 = m - a;
      const n2 = b - m;
      const p1 = this.energy(a, m) / n1 + floor;
      const p2 = this.energy(m, b) / n2 + floor;
      if (p2 <= p1) continue;
      const score = -n1 * Math.log(p1) - n2 * Math.log(p2);
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return { split: best, gain: bestScore - none };
  }

  private energy(from: number, to: number): number {
    const n = this.prefix.length - 1;
    const a = Math.min(Math.max(from - this.start, 0), n);
    const b = Math.min(Math.max(to - this.start, 0), n);
    return this.prefix[b] - this.prefix[a];
  }
}
