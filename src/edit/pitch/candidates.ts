import type { YinDip } from './yin.js';

/**
 * Pitch candidates with probabilities, after pYIN's first stage (M. Mauch and S. Dixon,
 * "pYIN: a fundamental frequency estimator using probabilistic threshold distributions",
 * ICASSP 2014): instead of one YIN threshold, a distribution of thresholds s with a Beta
 * prior. For each s, YIN's absolute-threshold rule picks the first dip of d' below s; a
 * dip's probability is the prior mass of the thresholds that pick it. When no dip is below
 * s, the deepest dip gets that mass scaled by a small factor (pYIN's p_a), so a barely
 * periodic frame keeps a weak candidate instead of none.
 */
export interface ThresholdPrior {
  readonly thresholds: Float64Array;
  readonly weights: Float64Array;
}

/** pYIN's p_a: mass given to the deepest dip for thresholds no dip reaches. */
const BELOW_NO_THRESHOLD_FACTOR = 0.01;

/**
 * Thresholds 0.01, 0.02 … 1.00 weighted by a Beta(2, β) density with the given mean
 * (pYIN uses means 0.10, 0.15 and 0.20; mean = 2 / (2 + β)).
 */
export function betaThresholdPrior(mean: number, count = 100): ThresholdPrior {
  const beta = 2 / mean - 2;
  const thresholds = new Float64Array(count);
  const weights = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const s = (k + 1) / count;
    thresholds[k] = s;
    // Beta(2, β) density up to a constant: s (1 − s)^(β − 1).
    weights[k] = s * (1 - s) ** (beta - 1);
    total += weights[k];
  }
  for (let k = 0; k < count; k++) weights[k] /= total;
  return { thresholds, weights };
}

/**
 * Probability of each dip (same order as `dips`, shortest lag first) into `out`; returns
 * their sum, the frame's voicing probability.
 */
export function dipProbabilities(
  dips: readonly YinDip[],
  prior: ThresholdPrior,
  out: Float64Array,
): number {
  const n = dips.length;
  out.fill(0, 0, n);
  if (n === 0) return 0;
  let deepest = 0;
  for (let i = 1; i < n; i++) if (dips[i].aperiodicity < dips[deepest].aperiodicity) deepest = i;
  const { thresholds, weights } = prior;
  let total = 0;
  for (let k = 0; k < thresholds.length; k++) {
    const s = thresholds[k];
    let chosen = -1;
    for (let i = 0; i < n; i++) {
      if (dips[i].aperiodicity < s) {
        chosen = i;
        break;
      }
    }
    if (chosen >= 0) {
      out[chosen] += weights[k];
      total += weights[k];
    } else {
      out[deepest] += weights[k] * BELOW_NO_THRESHOLD_FACTOR;
      total += weights[k] * BELOW_NO_THRESHOLD_FACTOR;
    }
  }
  return total;
}
