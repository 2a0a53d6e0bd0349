import type { ResolvedBreakpoint } from '../session/resolved.js';

/**
 * An automation lane as a function of timeline frame. Before the first point the lane
 * holds the first value; after the last, the last value. Segments:
 * - linear: straight line between the two values;
 * - hold: the point's value until the next point (a step);
 * - exponential: geometric interpolation v0·(v1/v0)^x when both values are positive and
 *   non-zero (natural for frequencies and ratios), otherwise an ease of fixed curvature
 *   v0 + (v1 − v0)·(2^(4x) − 1)/15.
 * Every point's value is reached exactly at its frame.
 */
export class AutomationCurve {
  private readonly frames: Float64Array;
  private readonly values: Float64Array;
  private readonly curves: ResolvedBreakpoint['curve'][];
  /** Segment index of the last lookup: lookups move forward, so this makes them O(1). */
  private cursor = 0;

  constructor(points: readonly ResolvedBreakpoint[], sampleRate: number) {
    if (points.length === 0) throw new RangeError('an automation lane needs at least one point');
    this.frames = Float64Array.from(points, (p) => p.timeSeconds * sampleRate);
    this.values = Float64Array.from(points, (p) => p.value);
    this.curves = points.map((p) => p.curve);
  }

  /** Value at timeline frame `frame` (may be fractional). */
  valueAt(frame: number): number {
    const { frames, values } = this;
    const last = frames.length - 1;
    if (frame <= frames[0]) return values[0];
    if (frame >= frames[last]) return values[last];
    let i = this.cursor;
    if (i >= last || frame < frames[i]) i = 0;
    while (i < last - 1 && frame >= frames[i + 1]) i++;
    this.cursor = i;
    const span = frames[i + 1] - frames[i];
    const x = span > 0 ? (frame - frames[i]) / span : 1;
    return interpolate(this.curves[i], values[i], values[i + 1], x);
  }

  /** True when the lane holds one value over [from, to), so callers can skip per-sample work. */
  isConstantOver(from: number, to: number): boolean {
    const { frames, values } = this;
    const last = frames.length - 1;
    if (to <= frames[0] || from >= frames[last]) return true;
    for (let i = 0; i < last; i++) {
      if (frames[i + 1] <= from || frames[i] >= to) continue;
      if (values[i] !== values[i + 1] && this.curves[i] !== 'hold') return false;
      if (this.curves[i] === 'hold' && frames[i + 1] < to && values[i] !== values[i + 1])
        return false;
    }
    return true;
  }

  /** Fills `out[0…length)` with the values at frames `start … start + length − 1`. */
  fill(start: number, length: number, out: Float64Array): void {
    for (let i = 0; i < length; i++) out[i] = this.valueAt(start + i);
  }
}

function interpolate(
  curve: ResolvedBreakpoint['curve'],
  v0: number,
  v1: number,
  x: number,
): number {
  switch (curve) {
    case 'hold':
      return v0;
    case 'linear':
      return v0 + (v1 - v0) * x;
    case 'exponential':
      if (v0 > 0 && v1 > 0) return v0 * (v1 / v0) ** x;
      return v0 + ((v1 - v0) * (2 ** (4 * x) - 1)) / 15;
  }
}
