/**
 * A time map: a piecewise-linear, strictly increasing function from source time to output
 * time, given by points. One representation serves every timing edit — a constant shift is
 * one point, a stretch two, a quantise or an alignment many — and the stretch engine renders
 * any of them.
 *
 * Outside the points the map continues with the slope of its first and last segment (as a
 * DAW continues the tempo beyond the first and last warp marker); a single point is a pure
 * shift (slope 1); no points is the identity.
 */
import { MixdownError } from '../../core/errors.js';

/** One warp marker: the audio at `sourceSeconds` in the clip plays at `targetSeconds`. */
export interface WarpPoint {
  readonly sourceSeconds: number;
  readonly targetSeconds: number;
}

/**
 * Refuses points that do not form a strictly increasing map, naming the first bad point
 * (`path` says where the points live in the session, e.g. "tracks[0].clips[2].edits[1]").
 */
export function validateWarpPoints(points: readonly WarpPoint[], path: string): void {
  const where = path === '' ? 'points' : `${path}.points`;
  points.forEach((p, i) => {
    if (!Number.isFinite(p.sourceSeconds) || !Number.isFinite(p.targetSeconds)) {
      throw new MixdownError(
        'invalid-argument',
        `Warp point ${where}[${i}] (source ${p.sourceSeconds} s, target ${p.targetSeconds} s) is not a pair of finite times; give both in seconds.`,
      );
    }
    if (i === 0) return;
    const q = points[i - 1];
    if (p.sourceSeconds <= q.sourceSeconds || p.targetSeconds <= q.targetSeconds) {
      const which = p.sourceSeconds <= q.sourceSeconds ? 'source' : 'target';
      throw new MixdownError(
        'invalid-argument',
        `Warp point ${where}[${i}] (source ${fmt(p.sourceSeconds)} s → target ${fmt(p.targetSeconds)} s) does not come after ${where}[${i - 1}] (source ${fmt(q.sourceSeconds)} s → target ${fmt(q.targetSeconds)} s) in ${which} time; warp points must increase in both source and target time.`,
      );
    }
  });
}

function fmt(seconds: number): string {
  return String(Number(seconds.toFixed(6)));
}

/**
 * The map as breakpoints in any one unit (seconds or samples). Construct only from points
 * already known to be strictly increasing (see `validateWarpPoints`).
 */
export class PiecewiseLinearMap {
  readonly source: Float64Array;
  readonly target: Float64Array;

  constructor(source: ArrayLike<number>, target: ArrayLike<number>) {
    this.source = Float64Array.from(source);
    this.target = Float64Array.from(target);
  }

  static fromPoints(points: readonly WarpPoint[], scale = 1): PiecewiseLinearMap {
    return new PiecewiseLinearMap(
      points.map((p) => p.sourceSeconds * scale),
      points.map((p) => p.targetSeconds * scale),
    );
  }

  static identity(): PiecewiseLinearMap {
    return new PiecewiseLinearMap([], []);
  }

  get size(): number {
    return this.source.length;
  }

  /** Output time of source time `s`. */
  forward(s: number): number {
    return evaluate(this.source, this.target, s);
  }

  /** Source time that plays at output time `t`. */
  inverse(t: number): number {
    return evaluate(this.target, this.source, t);
  }

  /** Slope (output seconds per source second) of the segment that holds source time `s`. */
  slopeAt(s: number): number {
    const n = this.source.length;
    if (n < 2) return 1;
    const i = Math.min(Math.max(upperIndex(this.source, s) - 1, 0), n - 2);
    return (this.target[i + 1] - this.target[i]) / (this.source[i + 1] - this.source[i]);
  }
}

/** Index of the first breakpoint greater than `x` (binary search). */
function upperIndex(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function evaluate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 0) return x;
  if (n === 1) return ys[0] + (x - xs[0]);
  const i = Math.min(Math.max(upperIndex(xs, x) - 1, 0), n - 2);
  const slope = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
  return ys[i] + slope * (x - xs[i]);
}
