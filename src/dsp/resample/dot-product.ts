/**
 * The inner loop of the resampler: one output sample is the dot product of a phase's taps
 * with a window of interleaved input history. Accumulation is in double precision, in four
 * partial sums (t ≡ 0, 1, 2, 3 mod 4) combined as (s0 + s1) + (s2 + s3): four independent
 * add chains run about twice as fast as one on current CPUs, and the order is fixed, so the
 * result depends only on the data — never on block boundaries or on the channel count (the
 * single and paired variants perform the same additions in the same order).
 *
 * Channel c of C interleaved channels starts at `start + c` with stride C.
 */

/** Σ_t history[start + t·stride] · coefficients[coefficientStart + t], t = 0 … taps − 1. */
export function dotChannel(
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

/**
 * dotChannel for two adjacent channels (at `start` and `start + 1`) at once, sharing each
 * coefficient load (about 1.4× the speed of two single calls). Results go to `result[0]`
 * and `result[1]`, a caller-owned scratch, so nothing allocates.
 */
export function dotChannelPair(
  history: Float64Array,
  start: number,
  stride: number,
  coefficients: Float64Array,
  coefficientStart: number,
  taps: number,
  result: Float64Array,
): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let h = start;
  let k = coefficientStart;
  const unrolledEnd = coefficientStart + (taps & ~3);
  const end = coefficientStart + taps;
  const stride2 = 2 * stride;
  const stride3 = 3 * stride;
  for (; k < unrolledEnd; k += 4, h += 4 * stride) {
    const c0 = coefficients[k];
    const c1 = coefficients[k + 1];
    const c2 = coefficients[k + 2];
    const c3 = coefficients[k + 3];
    a0 += history[h] * c0;
    b0 += history[h + 1] * c0;
    a1 += history[h + stride] * c1;
    b1 += history[h + stride + 1] * c1;
    a2 += history[h + stride2] * c2;
    b2 += history[h + stride2 + 1] * c2;
    a3 += history[h + stride3] * c3;
    b3 += history[h + stride3 + 1] * c3;
  }
  for (; k < end; k++, h += stride) {
    const c = coefficients[k];
    a0 += history[h] * c;
    b0 += history[h + 1] * c;
  }
  result[0] = a0 + a1 + (a2 + a3);
  result[1] = b0 + b1 + (b2 + b3);
}
