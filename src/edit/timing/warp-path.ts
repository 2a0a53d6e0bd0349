/**
 * From a DTW path to warp points. A path is a staircase of whole frames, and inside a held
 * note or a silence any stair is as good as another: only where the sound changes (onsets,
 * note changes) does the match pin the timing down. So:
 *
 * 1. For each take frame, the mean guide frame of the path cells in that row.
 * 2. A confidence per frame: how much worse the match becomes when the guide frame is moved
 *    `probeFrames` either way (large at an onset, near zero in a held note).
 * 3. A weighted Whittaker smoother, made robust (below), (Eilers, "A perfect smoother", Analytical Chemistry
 *    2003): z minimising Σ wᵢ(yᵢ − zᵢ)² + λ·Σ(Δ²zᵢ)². Where the weights are high it follows
 *    the path; where they vanish it bridges smoothly (a cubic-spline-like curve) between the
 *    confident frames, as the timing inside a held note must be inferred from its ends.
 * 4. Strictly increasing, by at least 1 % of the take's own pace.
 * 5. Ramer–Douglas–Peucker simplification (Douglas & Peucker, Cartographica 1973).
 */
import type { DtwPath } from './dtw.js';

const MIN_SLOPE = 0.01;
/**
 * Confidence is the squared rise: an onset's match rises several times more than a held
 * note's, and squaring lets the few onset frames outweigh the many note frames.
 */
const CONFIDENCE_POWER = 2;

/** Mean guide frame of the path cells in each take row. */
export function pathRows(path: DtwPath, takeFrames: number): Float64Array {
  const sum = new Float64Array(takeFrames);
  const count = new Float64Array(takeFrames);
  for (let p = 0; p < path.a.length; p++) {
    sum[path.a[p]] += path.b[p];
    count[path.a[p]] += 1;
  }
  return sum.map((s, i) => s / count[i]);
}

/**
 * Confidence of each row's match: (min(d(i, j − probe), d(i, j + probe)) − d(i, j))², at
 * least 0, plus `floor` times the mean (so every row has some weight).
 */
export function matchConfidence(
  rows: Float64Array,
  guideFrames: number,
  distance: (i: number, j: number) => number,
  probeFrames: number,
  floor: number,
): Float64Array {
  const weights = new Float64Array(rows.length);
  let mean = 0;
  for (let i = 0; i < rows.length; i++) {
    const j = Math.round(rows[i]);
    const here = distance(i, j);
    const before = distance(i, Math.max(0, j - probeFrames));
    const after = distance(i, Math.min(guideFrames - 1, j + probeFrames));
    weights[i] = Math.max(0, Math.min(before, after) - here) ** CONFIDENCE_POWER;
    mean += weights[i] / rows.length;
  }
  const minimum = Math.max(mean * floor, 1e-12);
  return weights.map((w) => w + minimum);
}

/**
 * The weighted Whittaker smoother with second differences: solves (W + DᵀΛD)z = Wy, a
 * symmetric positive definite pentadiagonal system, by banded Cholesky in O(n). The
 * curvature penalty of frame i is λ/(1 + wᵢ/w̄): where a match is confident (an onset) the
 * curve may bend — a singer late on one note and early on the next — while it stays stiff
 * through held notes and gaps.
 */
export function whittakerSmooth(y: Float64Array, weights: Float64Array, lambdaBase: number) {
  const n = y.length;
  if (n < 3) return Float64Array.from(y);
  // Bands of A = W + λDᵀD: main, first and second sub-diagonal (A[i][i−1], A[i][i−2]).
  const a0 = Float64Array.from(weights);
  const a1 = new Float64Array(n);
  const a2 = new Float64Array(n);
  let meanWeight = 0;
  for (const w of weights) meanWeight += w / n;
  for (let r = 0; r + 2 < n; r++) {
    // Row r of D is (1, −2, 1) at columns r, r+1, r+2; its penalty is relaxed where the
    // middle frame's match is confident.
    const lambda = lambdaBase / (1 + weights[r + 1] / meanWeight);
    a0[r] += lambda;
    a0[r + 1] += 4 * lambda;
    a0[r + 2] += lambda;
    a1[r + 1] -= 2 * lambda;
    a1[r + 2] -= 2 * lambda;
    a2[r + 2] += lambda;
  }
  // A = L·Lᵀ, L lower triangular with two sub-diagonals l1, l2.
  const l0 = new Float64Array(n);
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i >= 2) l2[i] = a2[i] / l0[i - 2];
    if (i >= 1) l1[i] = (a1[i] - (i >= 2 ? l2[i] * l1[i - 1] : 0)) / l0[i - 1];
    l0[i] = Math.sqrt(a0[i] - l1[i] * l1[i] - l2[i] * l2[i]);
  }
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = weights[i] * y[i];
    if (i >= 1) s -= l1[i] * u[i - 1];
    if (i >= 2) s -= l2[i] * u[i - 2];
    u[i] = s / l0[i];
  }
  const z = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = u[i];
    if (i + 1 < n) s -= l1[i + 1] * z[i + 1];
    if (i + 2 < n) s -= l2[i + 2] * z[i + 2];
    z[i] = s / l0[i];
  }
  return z;
}

/**
 * The smoother made robust by iterative reweighting (Tukey's biweight on the residuals,
 * scale `scaleFrames`): rows whose match disagrees with the curve through the confident
 * frames by much more than the scale lose their weight, so a stretch of confidently wrong
 * matches (two performances' vibratos lining up cycle by cycle inside a held note) does
 * not drag the curve away from the onsets on either side.
 */
export function robustSmooth(
  y: Float64Array,
  weights: Float64Array,
  lambda: number,
  scaleFrames: number,
  iterations: number,
): Float64Array {
  let z = whittakerSmooth(y, weights, lambda);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const reweighted = weights.map((w, i) => {
      const r = (y[i] - z[i]) / (BIWEIGHT_C * scaleFrames);
      return Math.abs(r) >= 1 ? w * 1e-6 : w * (1 - r * r) ** 2;
    });
    z = whittakerSmooth(y, reweighted, lambda);
  }
  return z;
}

/** Tukey's biweight constant (95 % efficiency for Gaussian residuals). */
const BIWEIGHT_C = 4.685;

/** Makes `y` strictly increasing, each step at least MIN_SLOPE (in place). */
export function forceIncreasing(y: Float64Array): Float64Array {
  for (let i = 1; i < y.length; i++) {
    if (y[i] < y[i - 1] + MIN_SLOPE) y[i] = y[i - 1] + MIN_SLOPE;
  }
  return y;
}

/** Indices of the points kept by Ramer–Douglas–Peucker on (i, y[i]) within `tolerance`. */
export function simplify(y: Float64Array, tolerance: number): number[] {
  const n = y.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    const slope = (y[to] - y[from]) / (to - from);
    let worst = -1;
    let worstError = tolerance;
    for (let i = from + 1; i < to; i++) {
      const error = Math.abs(y[i] - (y[from] + slope * (i - from)));
      if (error > worstError) {
        worstError = error;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([from, worst], [worst, to]);
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) kept.push(i);
  return kept;
}
