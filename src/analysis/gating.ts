import { ABSOLUTE_GATE_LUFS, energyToLufs, lufsToEnergy } from './lufs.js';

/**
 * Gated statistics over stored block energies: BS.1770-4 integrated loudness and EBU Tech 3342
 * loudness range (loudness.md §1.3–1.4). Exact: every block's energy is kept and gated as
 * written in the standards, not binned into a histogram.
 *
 * Comparisons are strict (">"), as BS.1770 writes them; libebur128 and FFmpeg use ">=", which
 * differs only at exact ties (loudness.md §1.3).
 */

const ABSOLUTE_GATE_ENERGY = lufsToEnergy(ABSOLUTE_GATE_LUFS);
/** Relative gate of integrated loudness: −10 LU (BS.1770-4; it was −8 LU in Tech 3341 V1). */
export const INTEGRATED_RELATIVE_GATE_LU = -10;
/** Relative gate of loudness range: −20 LU (Tech 3342). */
export const RANGE_RELATIVE_GATE_LU = -20;
/** Loudness range = 95th − 10th percentile of the gated short-term values (Tech 3342). */
export const RANGE_LOW_PERCENTILE = 0.1;
export const RANGE_HIGH_PERCENTILE = 0.95;

export interface IntegratedLoudness {
  /** LUFS; -Infinity when no block passes the absolute gate. */
  readonly integratedLufs: number;
  /** The relative gate actually applied, LUFS; -Infinity when no block passes the absolute gate. */
  readonly relativeGateLufs: number;
}

/** Integrated loudness of 400 ms gating-block energies (mean squares, channel-weighted). */
export function integratedLoudness(blockEnergies: Float64Array): IntegratedLoudness {
  const absoluteMean = meanAbove(blockEnergies, ABSOLUTE_GATE_ENERGY);
  if (absoluteMean === 0) {
    return {
      integratedLufs: Number.NEGATIVE_INFINITY,
      relativeGateLufs: Number.NEGATIVE_INFINITY,
    };
  }
  const relativeGateEnergy = absoluteMean * 10 ** (INTEGRATED_RELATIVE_GATE_LU / 10);
  const gatedMean = meanAbove(blockEnergies, Math.max(ABSOLUTE_GATE_ENERGY, relativeGateEnergy));
  return {
    integratedLufs: energyToLufs(gatedMean),
    relativeGateLufs: energyToLufs(relativeGateEnergy),
  };
}

export interface LoudnessRange {
  /** LU; 0 when no short-term value passes the gates. */
  readonly loudnessRangeLu: number;
  /** 10th and 95th percentiles of the gated short-term loudness, LUFS (-Infinity when none). */
  readonly lowLufs: number;
  readonly highLufs: number;
}

/**
 * Loudness range of short-term (3 s) energies sampled at ≥ 10 Hz. Percentiles interpolate
 * linearly between closest ranks (Hyndman–Fan type 7, numpy's default): for n sorted values
 * the p-th percentile sits at rank (n − 1)·p. libebur128 rounds to the nearest rank instead;
 * both give 10/5/20/15 LU on Tech 3342 cases 1–4 (loudness.md §1.4).
 */
export function loudnessRange(shortTermEnergies: Float64Array): LoudnessRange {
  const absoluteMean = meanAbove(shortTermEnergies, ABSOLUTE_GATE_ENERGY);
  if (absoluteMean === 0) {
    return {
      loudnessRangeLu: 0,
      lowLufs: Number.NEGATIVE_INFINITY,
      highLufs: Number.NEGATIVE_INFINITY,
    };
  }
  const gateEnergy = Math.max(
    ABSOLUTE_GATE_ENERGY,
    absoluteMean * 10 ** (RANGE_RELATIVE_GATE_LU / 10),
  );
  let kept = 0;
  for (let i = 0; i < shortTermEnergies.length; i++) {
    if (shortTermEnergies[i] > gateEnergy) kept++;
  }
  const loudness = new Float64Array(kept);
  let next = 0;
  for (let i = 0; i < shortTermEnergies.length; i++) {
    const energy = shortTermEnergies[i];
    if (energy > gateEnergy) loudness[next++] = energyToLufs(energy);
  }
  loudness.sort();
  const lowLufs = percentileOfSorted(loudness, RANGE_LOW_PERCENTILE);
  const highLufs = percentileOfSorted(loudness, RANGE_HIGH_PERCENTILE);
  return { loudnessRangeLu: highLufs - lowLufs, lowLufs, highLufs };
}

/** Linear interpolation between closest ranks (type 7); `sorted` must be ascending, non-empty. */
export function percentileOfSorted(sorted: Float64Array, fraction: number): number {
  const rank = (sorted.length - 1) * fraction;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
}

/** Mean of the values strictly above `threshold`; 0 when none are. */
function meanAbove(values: Float64Array, threshold: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value > threshold) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}
