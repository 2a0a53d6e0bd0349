import type { InterpolatorDesign } from './interpolator-design.js';

/**
 * The hot loops of the true-peak meter: the largest |interpolated value| over a run of
 * outputs, for the polyphase branches of an `InterpolatorDesign`.
 *
 * Output k interpolates between input[k + H − 1] and input[k + H] from input[k … k + T − 1]
 * (H = T/2). Mirror branches p and F − p share one pass: with u_j = input[k + j] and
 * v_j = input[k + T − 1 − j],
 *     y_p = s + d,  y_{F−p} = s − d,  s = Σ_{j<H} a_j (u_j + v_j),  d = Σ_{j<H} b_j (u_j − v_j),
 * a_j = (c_p[j] + c_p[T−1−j])/2, b_j = (c_p[j] − c_p[T−1−j])/2 — half the multiplications of
 * two plain dot products. The middle branch (p = F/2, symmetric taps) needs only s.
 * Each loop computes four neighbouring outputs per pass over the taps, reusing the loaded
 * samples, so four independent accumulator chains keep the FPU busy.
 */

export interface PairKernel {
  /** a_j, j < H. */
  readonly sumTaps: Float64Array;
  /** b_j, j < H; absent for the middle branch. */
  readonly differenceTaps: Float64Array | undefined;
}

/** Folded taps for every branch pair of a design (plus the middle branch when F is even). */
export function foldBranches(design: InterpolatorDesign): PairKernel[] {
  const { factor, tapsPerPhase, branches } = design;
  const half = tapsPerPhase / 2;
  const kernels: PairKernel[] = [];
  for (let p = 1; p <= factor / 2; p++) {
    const taps = branches[p - 1];
    const sumTaps = new Float64Array(half);
    const differenceTaps = new Float64Array(half);
    for (let j = 0; j < half; j++) {
      const mirror = taps[tapsPerPhase - 1 - j];
      sumTaps[j] = (taps[j] + mirror) / 2;
      differenceTaps[j] = (taps[j] - mirror) / 2;
    }
    // The middle branch is its own mirror (c_j = c_{T−1−j}): b_j = 0 and y = s.
    const isMiddle = 2 * p === factor;
    kernels.push({ sumTaps, differenceTaps: isMiddle ? undefined : differenceTaps });
  }
  return kernels;
}

/**
 * max |y| over outputs start … start + count − 1 (count a multiple of 4) of one folded pair
 * (both branches) or the middle branch. `input` must hold start + count + T − 1 samples.
 */
export function peakOfKernel(
  input: Float32Array,
  start: number,
  count: number,
  kernel: PairKernel,
  tapsPerPhase: number,
): number {
  return kernel.differenceTaps === undefined
    ? middlePeak(input, start, count, kernel.sumTaps, tapsPerPhase)
    : pairPeak(input, start, count, kernel.sumTaps, kernel.differenceTaps, tapsPerPhase);
}

function pairPeak(
  input: Float32Array,
  start: number,
  count: number,
  sumTaps: Float64Array,
  differenceTaps: Float64Array,
  tapsPerPhase: number,
): number {
  const half = tapsPerPhase >> 1;
  const end = start + count;
  let peak = 0;
  for (let k = start; k < end; k += 4) {
    const last = k + tapsPerPhase - 1;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    // u_i walks up from input[k + i], v_i walks down from input[last + i].
    let u0 = input[k];
    let u1 = input[k + 1];
    let u2 = input[k + 2];
    let v1 = input[last + 1];
    let v2 = input[last + 2];
    let v3 = input[last + 3];
    for (let j = 0; j < half; j++) {
      const u3 = input[k + 3 + j];
      const v0 = input[last - j];
      const a = sumTaps[j];
      const b = differenceTaps[j];
      s0 += a * (u0 + v0);
      d0 += b * (u0 - v0);
      s1 += a * (u1 + v1);
      d1 += b * (u1 - v1);
      s2 += a * (u2 + v2);
      d2 += b * (u2 - v2);
      s3 += a * (u3 + v3);
      d3 += b * (u3 - v3);
      u0 = u1;
      u1 = u2;
      u2 = u3;
      v3 = v2;
      v2 = v1;
      v1 = v0;
    }
    // max(|s + d|, |s − d|) = |s| + |d|, exactly in floating point too.
    peak = Math.max(
      peak,
      Math.abs(s0) + Math.abs(d0),
      Math.abs(s1) + Math.abs(d1),
      Math.abs(s2) + Math.abs(d2),
      Math.abs(s3) + Math.abs(d3),
    );
  }
  return peak;
}

function middlePeak(
  input: Float32Array,
  start: number,
  count: number,
  taps: Float64Array,
  tapsPerPhase: number,
): number {
  const half = tapsPerPhase >> 1;
  const end = start + count;
  let peak = 0;
  for (let k = start; k < end; k += 4) {
    const last = k + tapsPerPhase - 1;
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let u0 = input[k];
    let u1 = input[k + 1];
    let u2 = input[k + 2];
    let v1 = input[last + 1];
    let v2 = input[last + 2];
    let v3 = input[last + 3];
    for (let j = 0; j < half; j++) {
      const u3 = input[k + 3 + j];
      const v0 = input[last - j];
      const c = taps[j];
      m0 += c * (u0 + v0);
      m1 += c * (u1 + v1);
      m2 += c * (u2 + v2);
      m3 += c * (u3 + v3);
      u0 = u1;
      u1 = u2;
      u2 = u3;
      v3 = v2;
      v2 = v1;
      v1 = v0;
    }
    peak = Math.max(peak, Math.abs(m0), Math.abs(m1), Math.abs(m2), Math.abs(m3));
  }
  return peak;
}
