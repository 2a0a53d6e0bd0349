import { type ReferenceTarget, type SpectralProfile, totalDb } from '../reference/index.js';
import { balancedCurveDb } from './balanced-curve.js';

/**
 * A mix's tonal balance as deviations from a curve (the built-in balanced curve, or a
 * reference's spectrum): per grid band, mix minus curve in dB, with the median over
 * LEVEL_BAND_HZ removed (a level difference is loudness, not balance; a median is not moved
 * by one region's excess the way a mean is). Then per region of interest, the mean
 * deviation over the whole region and over its most deviant octave (a build-up an octave
 * wide is a problem even when the rest of a wider region is fine).
 */

export type RegionId = 'low' | 'low-mid' | 'presence' | 'air';

export interface Region {
  readonly id: RegionId;
  /** How a decision names it, e.g. "Low end". */
  readonly label: string;
  readonly loHz: number;
  readonly hiHz: number;
}

/** The regions the assistant looks at (the brief's low-end build-up and harshness included). */
export const REGIONS: readonly Region[] = [
  { id: 'low', label: 'Low end', loHz: 60, hiHz: 250 },
  { id: 'low-mid', label: 'Low mids', loHz: 250, hiHz: 500 },
  { id: 'presence', label: 'Presence (2–5 kHz)', loHz: 2000, hiHz: 5000 },
  { id: 'air', label: 'Air (10–16 kHz)', loHz: 10_000, hiHz: 16_000 },
];

export const LEVEL_BAND_HZ = [40, 16_000] as const;
/** Bands this far below the mix's loudest band are noise floor, not balance. */
const NOISE_FLOOR_DB = 70;

export interface RegionDeviation {
  readonly id: RegionId;
  readonly label: string;
  readonly loHz: number;
  readonly hiHz: number;
  /** Mean deviation over the region's bands (dB; positive = more than the curve). */
  readonly meanDb: number;
  /** The most deviant octave inside the region (the whole region when it is narrower). */
  readonly worst: { readonly loHz: number; readonly hiHz: number; readonly meanDb: number };
}

export interface TonalBalance {
  /** 'balanced' (the built-in curve) or 'reference'. */
  readonly against: 'balanced' | 'reference';
  readonly frequenciesHz: Float64Array;
  /** Mix minus curve (dB), median-levelled; NaN where a band cannot be judged. */
  readonly deviationDb: Float64Array;
  readonly regions: readonly RegionDeviation[];
  /** Least-squares slope of the deviation over 100 Hz–10 kHz (dB/octave). */
  readonly tiltDbPerOctave: number;
}

export function tonalBalance(profile: SpectralProfile, reference?: ReferenceTarget): TonalBalance {
  const grid = profile.frequenciesHz;
  const mix = totalDb(profile);
  const curve = reference ? referenceTotalDb(reference) : Float64Array.from(grid, balancedCurveDb);
  const upperHz = Math.min(profile.upperHz, reference?.upperHz ?? Number.POSITIVE_INFINITY);
  let loudest = Number.NEGATIVE_INFINITY;
  for (const v of mix) if (Number.isFinite(v)) loudest = Math.max(loudest, v);
  const deviationDb = new Float64Array(grid.length).fill(Number.NaN);
  grid.forEach((hz, k) => {
    if (hz > upperHz || !Number.isFinite(curve[k])) return;
    if (!(mix[k] > loudest - NOISE_FLOOR_DB)) return;
    deviationDb[k] = mix[k] - curve[k];
  });
  const level = median(valuesIn(grid, deviationDb, LEVEL_BAND_HZ[0], LEVEL_BAND_HZ[1]));
  for (let k = 0; k < deviationDb.length; k++) deviationDb[k] -= level;
  const regions = REGIONS.map((r) => {
    const values = valuesIn(grid, deviationDb, r.loHz, r.hiHz);
    return {
      ...r,
      meanDb: values.length > 0 ? mean(values) : Number.NaN,
      worst: worstOctave(grid, deviationDb, r.loHz, r.hiHz),
    };
  });
  return {
    against: reference ? 'reference' : 'balanced',
    frequenciesHz: grid,
    deviationDb,
    regions,
    tiltDbPerOctave: slope(grid, deviationDb, 100, 10_000),
  };
}

/** The octave window inside [loHz, hiHz] whose mean deviation is largest in size. */
function worstOctave(grid: Float64Array, values: Float64Array, loHz: number, hiHz: number) {
  let best = { loHz, hiHz, meanDb: Number.NaN };
  const starts =
    hiHz / loHz > 2 ? grid.filter((hz) => hz >= loHz && hz * 2 <= hiHz * 1.0001) : [loHz];
  for (const start of starts) {
    const end = hiHz / loHz > 2 ? start * 2 : hiHz;
    const v = valuesIn(grid, values, start, end * 1.0001);
    if (v.length === 0) continue;
    const m = mean(v);
    if (Number.isNaN(best.meanDb) || Math.abs(m) > Math.abs(best.meanDb)) {
      best = { loHz: start, hiHz: end, meanDb: m };
    }
  }
  return best;
}

/** A reference target's mid + side band power, relative to its loudness. */
function referenceTotalDb(reference: ReferenceTarget): Float64Array {
  return Float64Array.from(reference.midDb, (m, k) => {
    const w = reference.widthDb?.[k];
    return w === undefined || Number.isNaN(w) ? m : m + 10 * Math.log10(1 + 10 ** (w / 10));
  });
}

export function valuesIn(
  grid: Float64Array,
  values: Float64Array,
  loHz: number,
  hiHz: number,
): number[] {
  const out: number[] = [];
  grid.forEach((hz, k) => {
    if (hz >= loHz && hz <= hiHz && !Number.isNaN(values[k])) out.push(values[k]);
  });
  return out;
}

function slope(grid: Float64Array, values: Float64Array, loHz: number, hiHz: number): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  grid.forEach((hz, k) => {
    if (hz < loHz || hz > hiHz || Number.isNaN(values[k])) return;
    const x = Math.log2(hz);
    n++;
    sx += x;
    sy += values[k];
    sxx += x * x;
    sxy += x * values[k];
  });
  const d = n * sxx - sx * sx;
  return n < 2 || d === 0 ? 0 : (n * sxy - sx * sy) / d;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
