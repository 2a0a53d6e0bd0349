import { measureLag } from '../../../src/demo/lag.js';

/**
 * The lag (in samples, fractional) by which `late` trails `early`, measured on an excerpt:
 * [start, start + length) of `early` against the same span of `late` widened by maxLag, by
 * the demo's own plain cross-correlation (src/demo/lag.ts). A sample rate of 1 makes its
 * lags and its search range read in samples.
 */
export function lagOf(
  early: Float32Array,
  late: Float32Array,
  start: number,
  length: number,
  maxLag: number,
): number {
  const guide = early.subarray(start, start + length);
  const take = late.subarray(start, start + length + maxLag);
  return measureLag(guide, take, 1, maxLag).samples;
}
