import { gainToDb } from '../../core/units.js';

/**
 * Peak estimation on an oversampled grid, refined by a parabola. A grid alone reads a crest
 * that falls between two points low by 1/cos(π f/(n fs)) (BS.1770 Annex 2 attachment;
 * loudness.md §2: 0.169 dB at fs/2 for n = 8). The vertex of the parabola through a local
 * maximum and its two neighbours accounts for the curvature and leaves a worst case of
 * `parabolicUnderReadDb(0.5, 8)` ≈ 0.005 dB for a tone anywhere up to fs/2.
 */

/** Vertex of the parabola through (−1, a), (0, b), (1, c) when b is the largest; b otherwise. */
export function parabolicPeak(a: number, b: number, c: number): number {
  const curvature = a - 2 * b + c;
  if (b < a || b < c || curvature >= 0) return b;
  const d = c - a;
  return b - (d * d) / (8 * curvature);
}

/**
 * Worst under-read (dB, ≥ 0) of grid-plus-parabola for a sine of `cyclesPerSample`
 * (frequency / base rate) on a grid of `factor` points per base sample, over every position
 * of the grid against the crest. Pure geometry: the crest is at t = 0 and the nearest grid
 * point within half a grid step of it.
 */
export function parabolicUnderReadDb(cyclesPerSample: number, factor: number): number {
  const step = (2 * Math.PI * cyclesPerSample) / factor; // radians between grid points
  let worst = 1;
  const positions = 512;
  for (let k = 0; k <= positions; k++) {
    const offset = (k / positions - 0.5) * step;
    worst = Math.min(
      worst,
      parabolicPeak(Math.cos(offset - step), Math.cos(offset), Math.cos(offset + step)),
    );
  }
  return -gainToDb(worst);
}

/**
 * Per-frame peaks of a stream of |values| on a grid of `factor` points per frame: frame i gets
 * the largest of its own points and of the parabola vertices found while scanning them (the
 * vertex of point q − 1 is found at point q). `carry` holds the last two magnitudes between
 * calls (two numbers at `carryIndex`).
 */
export function scanRefinedPeaks(
  top: Float64Array,
  frames: number,
  factor: number,
  carry: Float64Array,
  carryIndex: number,
  peaks: Float64Array,
): void {
  let a = carry[carryIndex];
  let b = carry[carryIndex + 1];
  for (let i = 0; i < frames; i++) {
    let peak = 0;
    const base = i * factor;
    for (let j = 0; j < factor; j++) {
      const v = top[base + j];
      const c = v < 0 ? -v : v;
      if (c > peak) peak = c;
      if (b >= a && b >= c) {
        const refined = parabolicPeak(a, b, c);
        if (refined > peak) peak = refined;
      }
      a = b;
      b = c;
    }
    peaks[i] = peak;
  }
  carry[carryIndex] = a;
  carry[carryIndex + 1] = b;
}
