/**
 * Units and conversions. Names carry their unit (`gainDb`, `cutoffHz`, `attackMs`); these
 * helpers are the only place the conversion formulas live.
 */

/** Amplitude ratio for a level in dB (20·log10 convention). */
export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/** Level in dB of an amplitude ratio; 0 gives -Infinity, never NaN. */
export function gainToDb(gain: number): number {
  return gain > 0 ? 20 * Math.log10(gain) : Number.NEGATIVE_INFINITY;
}

/** Level in dB of a power (energy) ratio (10·log10 convention). */
export function powerToDb(power: number): number {
  return power > 0 ? 10 * Math.log10(power) : Number.NEGATIVE_INFINITY;
}

export function dbToPower(db: number): number {
  return 10 ** (db / 10);
}

export function secondsToSamples(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}

export function msToSamples(ms: number, sampleRate: number): number {
  return Math.round((ms / 1000) * sampleRate);
}

/**
 * One-pole smoothing coefficient reaching 1 − 1/e of a step in `timeMs`.
 * Used by envelope followers and parameter smoothers alike.
 */
export function onePoleCoefficient(timeMs: number, sampleRate: number): number {
  if (timeMs <= 0) return 0;
  return Math.exp(-1 / ((timeMs / 1000) * sampleRate));
}

/** Finite numbers for reports: -Infinity and NaN become null (JSON has no -inf). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
