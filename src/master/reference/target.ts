import { MixdownError } from '../../core/errors.js';
import type { SpectralProfile } from './spectral-profile.js';

/**
 * The target several references make together. Each reference's spectrum is first taken
 * relative to its own integrated loudness (its tonal balance, whatever its level), then the
 * references are averaged band by band in dB with their weights (a weighted geometric mean
 * of powers: a reference 10 dB brighter and one 10 dB darker average to neutral, not to the
 * brighter one). Loudness is the weighted mean in LUFS; width the weighted mean of each
 * band's side-to-mid ratio in dB, over the stereo references only (a mono reference says
 * nothing about width). Bands a reference cannot speak for (above its `upperHz`, or silent)
 * are left out of that band's average.
 */

export interface ReferenceInput {
  readonly profile: SpectralProfile;
  /** Relative weight (> 0); default 1. Weights are normalised to sum to 1. */
  readonly weight?: number;
  /** For messages, e.g. the file name. */
  readonly name?: string;
}

export interface ReferenceTarget {
  readonly frequenciesHz: Float64Array;
  /** Mid band power relative to the loudness (dB re LUFS); −Infinity where no reference speaks. */
  readonly midDb: Float64Array;
  /** Side-to-mid ratio per band (dB); null when no reference is stereo. */
  readonly widthDb: Float64Array | null;
  readonly integratedLufs: number;
  /** Weighted broadband side-to-mid ratio (dB) of the stereo references; null when none is. */
  readonly sideToMidDb: number | null;
  /** Highest frequency every reference speaks for (Hz). */
  readonly upperHz: number;
  /** Normalised weights, in the order given. */
  readonly weights: readonly number[];
  readonly names: readonly string[];
}

export function combineReferences(references: readonly ReferenceInput[]): ReferenceTarget {
  if (references.length === 0) {
    throw new MixdownError('invalid-argument', 'Reference matching needs at least one reference.');
  }
  const names = references.map((r, i) => r.name ?? `reference ${i + 1}`);
  const raw = references.map((r, i) => {
    const w = r.weight ?? 1;
    if (!(Number.isFinite(w) && w > 0)) {
      throw new MixdownError(
        'invalid-argument',
        `The weight of ${names[i]} must be a number above 0, got ${w}.`,
      );
    }
    if (!Number.isFinite(r.profile.integratedLufs)) {
      // A file without programme is an input problem (exit 1), not a command-line one.
      throw new MixdownError(
        'no-audio',
        `${names[i]} is silent (below the −70 LUFS gate); choose a reference with programme in it.`,
      );
    }
    return w;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const grid = references[0].profile.frequenciesHz;
  references.forEach((r, i) => {
    const f = r.profile.frequenciesHz;
    if (f.length !== grid.length || f.some((hz, k) => Math.abs(hz - grid[k]) > 1e-9 * hz)) {
      throw new MixdownError(
        'invalid-argument',
        `${names[i]} was profiled on a different frequency grid; profile every reference with the same options.`,
      );
    }
  });

  const bands = grid.length;
  const midDb = new Float64Array(bands);
  const stereo = references.some((r) => r.profile.sideDb !== null);
  const widthDb = stereo ? new Float64Array(bands) : null;
  for (let k = 0; k < bands; k++) {
    let midSum = 0;
    let midWeight = 0;
    let widthSum = 0;
    let widthWeight = 0;
    references.forEach((r, i) => {
      const p = r.profile;
      if (grid[k] > p.upperHz) return;
      const m = p.midDb[k];
      if (!Number.isFinite(m)) return;
      midSum += weights[i] * (m - p.integratedLufs);
      midWeight += weights[i];
      const s = p.sideDb?.[k];
      if (s !== undefined && Number.isFinite(s)) {
        widthSum += weights[i] * (s - m);
        widthWeight += weights[i];
      }
    });
    midDb[k] = midWeight > 0 ? midSum / midWeight : Number.NEGATIVE_INFINITY;
    if (widthDb) widthDb[k] = widthWeight > 0 ? widthSum / widthWeight : Number.NaN;
  }

  let lufs = 0;
  let widthSum = 0;
  let widthWeight = 0;
  references.forEach((r, i) => {
    lufs += weights[i] * r.profile.integratedLufs;
    if (r.profile.sideDb !== null && Number.isFinite(r.profile.sideToMidDb)) {
      widthSum += weights[i] * r.profile.sideToMidDb;
      widthWeight += weights[i];
    }
  });
  return {
    frequenciesHz: grid,
    midDb,
    widthDb,
    integratedLufs: lufs,
    sideToMidDb: widthWeight > 0 ? widthSum / widthWeight : null,
    upperHz: Math.min(...references.map((r) => r.profile.upperHz)),
    weights,
    names,
  };
}
