import type { Scale } from './scales.js';
import { coord } from './svg.js';

/**
 * Path data for series. Points whose value is not finite (−∞ LUFS for silence, a NaN from an
 * empty column) break the line: the gap is the honest picture of "no value here", and no
 * "NaN" ever reaches the file. Only absolute M, L and Z commands are written, so the data can
 * be read back by a ten-line parser (the tests do).
 */

/** Pixel point. */
interface Point {
  x: number;
  y: number;
}

/**
 * Keep, for every pixel column, the first, lowest, highest and last point in time order: the
 * drawn line is indistinguishable from the full one at that width, but a 10-minute series at
 * 100 ms (6000 points) costs at most four points per pixel.
 */
export function reduceToPixelColumns(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  let start = 0;
  while (start < points.length) {
    const column = Math.floor(points[start].x);
    let end = start + 1;
    while (end < points.length && Math.floor(points[end].x) === column) end++;
    if (end - start <= 4) {
      for (let i = start; i < end; i++) out.push(points[i]);
    } else {
      let lo = start;
      let hi = start;
      for (let i = start; i < end; i++) {
        if (points[i].y < points[lo].y) lo = i;
        if (points[i].y > points[hi].y) hi = i;
      }
      const keep = [...new Set([start, Math.min(lo, hi), Math.max(lo, hi), end - 1])];
      for (const i of keep) out.push(points[i]);
    }
    start = end;
  }
  return out;
}

function polyline(points: readonly Point[], move: boolean): string {
  let d = '';
  let last = '';
  points.forEach((p, i) => {
    const xy = `${coord(p.x)} ${coord(p.y)}`;
    if (xy === last) return;
    d += `${i === 0 && move ? 'M' : 'L'}${xy}`;
    last = xy;
  });
  return d;
}

/** Runs of consecutive indices whose x and y are both finite. */
function finiteRuns(count: number, finite: (i: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= count; i++) {
    const ok = i < count && finite(i);
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/**
 * A line through (x[i], y[i]) in data units; one subpath per finite run. A run of one point
 * becomes a dot-length segment so it stays visible with round caps.
 */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xScale: Scale,
  yScale: Scale,
): string {
  const count = Math.min(xs.length, ys.length);
  let d = '';
  for (const [start, end] of finiteRuns(count, (i) => Number.isFinite(xs[i] + ys[i]))) {
    const points: Point[] = [];
    for (let i = start; i < end; i++) points.push({ x: xScale.map(xs[i]), y: yScale.map(ys[i]) });
    if (points.length === 1) points.push({ x: points[0].x + 0.1, y: points[0].y });
    d += polyline(reduceToPixelColumns(points), true);
  }
  return d;
}

/**
 * A filled band between `lows` and `highs` at each x (an envelope, or an area down to a
 * baseline when one of them is constant): one closed subpath per finite run.
 */
export function bandPath(
  xs: ArrayLike<number>,
  lows: ArrayLike<number>,
  highs: ArrayLike<number>,
  xScale: Scale,
  yScale: Scale,
): string {
  const count = Math.min(xs.length, lows.length, highs.length);
  let d = '';
  const finite = (i: number) => Number.isFinite(xs[i] + lows[i] + highs[i]);
  for (const [start, end] of finiteRuns(count, finite)) {
    const upper: Point[] = [];
    const lower: Point[] = [];
    for (let i = start; i < end; i++) {
      const x = xScale.map(xs[i]);
      upper.push({ x, y: yScale.map(highs[i]) });
      lower.push({ x, y: yScale.map(lows[i]) });
    }
    lower.reverse();
    d += `${polyline(upper, true)}${polyline(lower, false)}Z`;
  }
  return d;
}
