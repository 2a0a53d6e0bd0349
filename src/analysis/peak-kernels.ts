/**
 * The hot loops of the true-peak meter, over a Float64Array working buffer (one array type, so
 * V8 keeps these call sites monomorphic).
 *
 * Output k interpolates between input[k + H − 1] and input[k + H] from input[k … k + T − 1]
 * (H = T/2). Each loop computes four neighbouring outputs per pass over the taps, reusing the
 * loaded samples, so four independent accumulator chains keep the FPU busy; counts must be
 * multiples of 4.
 */

/**
 * max |y| of two mirror branches p and F − p at once (c_{F−p}[j] = c_p[T−1−j]). With
 * u_j = input[k + j] and v_j = input[k + T − 1 − j]:
 *     y_p = s + d,  y_{F−p} = s − d,  s = Σ_{j<H} a_j (u_j + v_j),  d = Σ_{j<H} b_j (u_j − v_j),
 * a_j = (c_p[j] + c_p[T−1−j])/2, b_j = (c_p[j] − c_p[T−1−j])/2: half the multiplications of two
 * plain dot products. And max(|s + d|, |s − d|) = |s| + |d|, exactly in floating point too.
 */
export function pairPeak(
  input: Float64Array,
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

/**
 * The midpoint branch (d = 1/2, symmetric taps c_j = c_{T−1−j}) for outputs start … start +
 * count − 1: y = Σ_{j<H} c_j (u_j + v_j). Output i goes to output[offset + i·stride] (stride 2
 * interleaves midpoints between samples); returns max |y|.
 */
export function midpointsInto(
  input: Float64Array,
  start: number,
  count: number,
  taps: Float64Array,
  tapsPerPhase: number,
  output: Float64Array,
  offset: number,
  stride: number,
): number {
  const half = tapsPerPhase >> 1;
  const end = start + count;
  let peak = 0;
  for (let k = start, o = offset; k < end; k += 4, o += 4 * stride) {
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
    output[o] = m0;
    output[o + stride] = m1;
    output[o + 2 * stride] = m2;
    output[o + 3 * stride] = m3;
    peak = Math.max(peak, Math.abs(m0), Math.abs(m1), Math.abs(m2), Math.abs(m3));
  }
  return peak;
}
