/**
 * Keeps transients out of the stretch: around each onset the time map is replaced by a
 * rigid piece (slope 1) through the onset's own target, (o ± w) → (T(o) ± w), and the
 * stretch the user asked for is taken up by the material between onsets. With w = N/2
 * (half the engine's window) every frame whose window holds the onset is a rigid frame, and
 * the phase vocoder renders those with their analysis phases (phase-vocoder.ts), so the
 * attack comes out as it went in, landing where the map sends the onset.
 *
 * The rigid pieces must leave a sane map: each segment that touches one must increase and
 * keep its slope within a factor of 4 of the user's slope over the same span (and within
 * 1/8…8). Where it would not (onsets too close for the stretch asked for), the pieces
 * concerned shrink by 30 % at a time, and are dropped below N/4.
 */
import { PiecewiseLinearMap } from './time-map.js';

export interface TransientPlan {
  readonly map: PiecewiseLinearMap;
  /** Source-sample intervals held rigid (and phase-reset), sorted. */
  readonly resets: [number, number][];
}

const SLOPE_FACTOR = 4;
const MIN_SLOPE = 1 / 8;
const MAX_SLOPE = 8;
const SHRINK = 0.7;

interface KeyPoint {
  readonly source: number;
  readonly target: number;
  /** Index of the onset whose rigid piece this point bounds, or −1 for a user point. */
  readonly onset: number;
}

/**
 * `userMap` and `onsets` in samples; `halfWidth` the rigid half-width (N/2), `minHalfWidth`
 * the smallest worth keeping (N/4); `sourceFrames` the clip's length.
 */
export function protectTransients(
  userMap: PiecewiseLinearMap,
  onsets: readonly number[],
  halfWidth: number,
  minHalfWidth: number,
  sourceFrames: number,
): TransientPlan {
  const widths = onsets.map(() => halfWidth);
  const onsetTargets = onsets.map((o) => userMap.forward(o));
  // The user's breakpoints, plus the clip's ends so extrapolation beyond is unchanged.
  const userSources = [...userMap.source, 0, sourceFrames].sort((a, b) => a - b);

  for (let iteration = 0; ; iteration++) {
    const points = keyPoints(userMap, userSources, onsets, onsetTargets, widths);
    const offenders = new Set<number>();
    for (let i = 1; i < points.length; i++) {
      const p = points[i - 1];
      const q = points[i];
      if (p.onset < 0 && q.onset < 0) continue;
      const ds = q.source - p.source;
      const dt = q.target - p.target;
      let bad = ds < 1 || dt < 1;
      if (!bad && p.onset !== q.onset) {
        const slope = dt / ds;
        const userSlope = (userMap.forward(q.source) - userMap.forward(p.source)) / ds;
        bad =
          slope < Math.max(MIN_SLOPE, userSlope / SLOPE_FACTOR) ||
          slope > Math.min(MAX_SLOPE, userSlope * SLOPE_FACTOR);
      }
      if (bad) {
        if (p.onset >= 0) offenders.add(p.onset);
        if (q.onset >= 0) offenders.add(q.onset);
      }
    }
    if (offenders.size === 0) {
      const resets: [number, number][] = [];
      onsets.forEach((o, j) => {
        if (widths[j] > 0) resets.push([o - widths[j], o + widths[j]]);
      });
      const map = new PiecewiseLinearMap(
        points.map((p) => p.source),
        points.map((p) => p.target),
      );
      return { map, resets };
    }
    for (const j of offenders) {
      widths[j] *= SHRINK;
      if (widths[j] < minHalfWidth || iteration > 40) widths[j] = 0;
    }
  }
}

function keyPoints(
  userMap: PiecewiseLinearMap,
  userSources: readonly number[],
  onsets: readonly number[],
  onsetTargets: readonly number[],
  widths: readonly number[],
): KeyPoint[] {
  const points: KeyPoint[] = [];
  onsets.forEach((o, j) => {
    const w = widths[j];
    if (w <= 0) return;
    points.push({ source: o - w, target: onsetTargets[j] - w, onset: j });
    points.push({ source: o + w, target: onsetTargets[j] + w, onset: j });
  });
  const inside = (s: number) =>
    onsets.some((o, j) => widths[j] > 0 && s >= o - widths[j] && s <= o + widths[j]);
  for (const s of userSources) {
    if (!inside(s)) points.push({ source: s, target: userMap.forward(s), onset: -1 });
  }
  points.sort((a, b) => a.source - b.source || a.target - b.target);
  // Identical user points (the clip's ends may repeat a breakpoint) appear once.
  return points.filter(
    (p, i) =>
      i === 0 ||
      p.onset >= 0 ||
      points[i - 1].source !== p.source ||
      points[i - 1].target !== p.target,
  );
}
