/**
 * The inner loop of the resampler: one output sample is the dot product of a phase's taps
 * with a window of interleaved input history. Accumulation is in double precision, in four
 * partial sums (t ≡ 0, 1, 2, 3 mod 4) combined as (s0 + s1) + (s2 + s3): four independent
 * add chains run about twice as fast as one on current CPUs, and the order is fixed, so the
 * result depends only on the data — never on block boundaries or on the channel count (the
 * mono, stereo and strided variants perform the same additions in the same order).
 */

/**
 * Σ_t history[start + t·stride] · coefficients[coefficientStart + t], t = 0 … taps − 1.
 * Serves every channel layout: channel c of C interleaved channels is `start + c`, stride C.
 */
export function dotStrided(
  history: Float64Array,
  start: number,
  stride: number,
  coefficients: Float64Array,
  coefficientStart: number,
  taps: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let h = start;
  let k = coefficientStart;
  const unrolledEnd = coefficientStart + (taps & ~3);
  const end = coefficientStart + taps;
  for (; k < unrolledEnd; k += 4, h += 4 * stride) {
    s0 += history[h] * coefficients[k];
    s1 += history[h + stride] * coefficients[k + 1];
    s2 += history[h + 2 * stride] * coefficients[k + 2];
    s3 += history[h + 3 * stride] * coefficients[k + 3];
  }
  for (; k < end; k++, h += stride) s0 += history[h] * coefficients[k];
  return s0 + s1 + (s2 + s3);
}

/** dotStrided with stride 1, written out so the JIT sees unit-stride loads. */
export function dotMono(
  history: Float64Array,
  start: number,
  coefficients: Float64Array,
  coefficientStart: number,
  taps: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let h = start;
  let k = coefficientStart;
  const unrolledEnd = coefficientStart + (taps & ~3);
  const end = coefficientStart + taps;
  for (; k < unrolledEnd; k += 4, h += 4) {
    s0 += history[h] * coefficients[k];
    s1 += history[h + 1] * coefficients[k + 1];
    s2 += history[h + 2] * coefficients[k + 2];
    s3 += history[h + 3] * coefficients[k + 3];
  }
  for (; k < end; k++, h++) s0 += history[h] * coefficients[k];
  return s0 + s1 + (s2 + s3);
}

/**
 * Both channels of interleaved stereo history at once, sharing each coefficient load;
 * results go to `result[0]` and `result[1]` (a caller-owned scratch, so nothing allocates).
 */
export function dotStereo(
  history: Float64Array,
  start: number,
  coefficients: Float64Array,
  coefficientStart: number,
  taps: number,
  result: Float64Array,
): void {
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let h = start;
  let k = coefficientStart;
  const unrolledEnd = coefficientStart + (taps & ~3);
  const end = coefficientStart + taps;
  for (; k < unrolledEnd; k += 4, h += 8) {
    const c0 = coefficients[k];
    const c1 = coefficients[k + 1];
    const c2 = coefficients[k + 2];
    const c3 = coefficients[k + 3];
    l0 += history[h] * c0;
    r0 += history[h + 1] * c0;
    l1 += history[h + 2] * c1;
    r1 += history[h + 3] * c1;
    l2 += history[h + 4] * c2;
    r2 += history[h + 5] * c2;
    l3 += history[h + 6] * c3;
    r3 += history[h + 7] * c3;
  }
  for (; k < end; k++, h += 2) {
    const c = coefficients[k];
    l0 += history[h] * c;
    r0 += history[h + 1] * c;
  }
  result[0] = l0 + l1 + (l2 + l3);
  result[1] = r0 + r1 + (r2 + r3);
}
