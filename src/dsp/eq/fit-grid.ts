import { type AnalogSection, analogMagnitudeSquared } from './analog-prototypes.js';
import { MAX_BUTTERWORTH_SECTIONS } from './butterworth.js';

/**
 * The frequencies at which a band's digital response is fitted to, and checked against, its
 * analog target. Frequencies are in radians per sample.
 *
 * - 48 log-spaced points from 1/16 of the band's lowest analog pole or zero (4 octaves
 *   below, where the target is flat) to the top of the specified band, 0.45·fs;
 * - 12 more, evenly spaced, over the upper half of it, where a digital section strays most;
 * - 13 across every resonance (complex pole or zero pair with Q > 1) below 1.2 × the top,
 *   spanning ±2 bandwidths, so that a narrow peak or dip cannot fall between points;
 * - 3 above the specified band (0.45…0.49·fs) with a small weight, so that the response
 *   stays sensible up to Nyquist without costing accuracy below 0.45·fs.
 *
 * The specification ends where the target falls below −60 dB (a lowpass stopband, a notch's
 * null). Points down to −66 dB are still checked, because a digital section's error grows
 * fast just below the last checked point (measured: 0.04 dB at −56 dB, 0.13 dB at −60 dB in
 * a 48 dB/oct lowpass at 96 kHz); points below that keep a small weight and are not checked.
 */

/** Top of the specified band: 0.45·fs, in rad/sample. */
export const SPEC_TOP = 0.9 * Math.PI;
/** −66 dB as a squared magnitude: the floor of the checked points (6 dB below the spec's). */
export const DESIGN_FLOOR = 10 ** -6.6;

const LOG_POINTS = 48;
const TOP_POINTS = 12;
const RESONANCE_POINTS = 13;
const MAX_RESONANCES = 4;
const ABOVE_POINTS = 3;
const ABOVE_TOP = 0.98 * Math.PI;
const ABOVE_WEIGHT = 0.2;
const FLOOR_WEIGHT = 0.03;

export const MAX_GRID_POINTS =
  LOG_POINTS + TOP_POINTS + RESONANCE_POINTS * MAX_RESONANCES + ABOVE_POINTS;

export class FitGrid {
  readonly omega = new Float64Array(MAX_GRID_POINTS);
  readonly weight = new Float64Array(MAX_GRID_POINTS);
  /** 1 where the error counts against the specification. */
  readonly checked = new Uint8Array(MAX_GRID_POINTS);
  /** The analog target |H|² (product over the band's sections). */
  readonly target = new Float64Array(MAX_GRID_POINTS);
  /** Each section's own |h|², at sectionTarget[k·MAX_GRID_POINTS + i]. */
  readonly sectionTarget = new Float64Array(MAX_GRID_POINTS * MAX_BUTTERWORTH_SECTIONS);
  count = 0;
  private lowest = 0;
  private resonances = 0;
  /** Points each side of a resonance (they span 2 bandwidths). */
  private halfSpan = 0;

  /**
   * Builds the grid for the first `sectionCount` of `sections`; `coarse` halves every count
   * (for designs tracking settings in motion, where speed matters more than the last
   * hundredth of a dB).
   */
  build(sections: readonly AnalogSection[], sectionCount: number, coarse: boolean): void {
    const logPoints = coarse ? LOG_POINTS / 2 : LOG_POINTS;
    const topPoints = coarse ? TOP_POINTS / 2 : TOP_POINTS;
    this.halfSpan = ((coarse ? (RESONANCE_POINTS + 1) / 2 : RESONANCE_POINTS) - 1) / 2;
    this.lowest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < sectionCount; k++) {
      const h = sections[k];
      this.noteRoots(h.n2, h.n1, h.n0);
      this.noteRoots(1, h.d1, h.d0);
    }
    const lo = Math.min(Math.max(this.lowest / 16, 1e-7), SPEC_TOP / 8);
    let n = 0;
    const ratio = (SPEC_TOP / lo) ** (1 / (logPoints - 1));
    let w = lo;
    for (let i = 0; i < logPoints; i++, w *= ratio) n = this.add(n, Math.min(w, SPEC_TOP), 1);
    for (let i = 1; i <= topPoints; i++)
      n = this.add(n, SPEC_TOP * (0.5 + (0.5 * i) / (topPoints + 1)), 1);
    this.resonances = 0;
    for (let k = 0; k < sectionCount; k++) {
      const h = sections[k];
      if (h.n1 === 0 && h.n0 > 0 && h.n2 > 0) {
        // A notch's null, as wide as its poles make it (any Q: the dip is deep in dB).
        n = this.addPoints(n, Math.sqrt(h.n0 / h.n2), Math.sqrt(h.d0) / h.d1, lo);
      } else n = this.addResonance(n, h.n2, h.n1, h.n0, lo);
      n = this.addResonance(n, 1, h.d1, h.d0, lo);
    }
    for (let i = 1; i <= ABOVE_POINTS; i++) {
      n = this.add(n, SPEC_TOP + ((ABOVE_TOP - SPEC_TOP) * i) / ABOVE_POINTS, ABOVE_WEIGHT);
    }
    this.count = n;
    for (let i = 0; i < n; i++) {
      let t = 1;
      for (let k = 0; k < sectionCount; k++) {
        const tk = analogMagnitudeSquared(sections[k], this.omega[i]);
        this.sectionTarget[k * MAX_GRID_POINTS + i] = tk;
        t *= tk;
      }
      this.target[i] = t;
      const inSpec = this.omega[i] <= SPEC_TOP;
      if (t < DESIGN_FLOOR) this.weight[i] *= FLOOR_WEIGHT;
      this.checked[i] = inSpec && t >= DESIGN_FLOOR ? 1 : 0;
    }
  }

  private add(n: number, omega: number, weight: number): number {
    this.omega[n] = omega;
    this.weight[n] = weight;
    return n + 1;
  }

  /** Notes the magnitude of the nonzero roots of a·s² + b·s + c (lowest so far). */
  private noteRoots(a: number, b: number, c: number): void {
    if (c === 0) {
      if (a !== 0 && b !== 0) this.lowest = Math.min(this.lowest, Math.abs(b / a));
      return;
    }
    if (a === 0) {
      if (b !== 0) this.lowest = Math.min(this.lowest, Math.abs(c / b));
      return;
    }
    const disc = b * b - 4 * a * c;
    if (disc < 0) {
      this.lowest = Math.min(this.lowest, Math.sqrt(c / a));
      return;
    }
    // Real roots: the smaller in magnitude is c / (a · the larger).
    const larger = (-b - Math.sign(b || 1) * Math.sqrt(disc)) / (2 * a);
    this.lowest = Math.min(this.lowest, Math.abs(c / (a * larger)));
  }

  /** Points across a complex root pair of a·s² + b·s + c with Q > 1 (if below 1.2 × top). */
  private addResonance(n: number, a: number, b: number, c: number, lo: number): number {
    if (a === 0 || b === 0 || c === 0) return n;
    const q = Math.sqrt(a * c) / Math.abs(b);
    return q > 1 ? this.addPoints(n, Math.sqrt(c / a), q, lo) : n;
  }

  /** RESONANCE_POINTS points spanning ±2 bandwidths (w0/q) around w0. */
  private addPoints(n: number, w0: number, q: number, lo: number): number {
    if (this.resonances === MAX_RESONANCES || w0 > 1.2 * SPEC_TOP) return n;
    this.resonances++;
    const half = this.halfSpan;
    for (let k = -half; k <= half; k++) {
      const w = w0 * (1 + (2 * k) / (half * q));
      if (w > lo && w < SPEC_TOP) n = this.add(n, w, 1);
    }
    return n;
  }
}
