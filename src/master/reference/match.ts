import { MixdownError } from '../../core/errors.js';
import type { InsertDocument } from '../../session/schema.js';
import type { MatchEqPoint } from './match-eq.js';
import type { SpectralProfile } from './spectral-profile.js';
import type { ReferenceTarget } from './target.js';

/**
 * Aims: bring a mix towards one or several references in three independent respects, each
 * with its own amount (0–100 %):
 *
 * - spectrum (`matchEqPercent`): the tonal difference, target minus mix per band (both
 *   relative to their loudness), its median over MATCH_CENTRE_HZ removed (a level offset is
 *   loudness, not tone: the EQ spends its bounded boost and cut on shape), times the amount,
 *   clamped to [−maxCutDb, +maxBoostDb]. Applied to mid and, so that each band keeps its
 *   width, equally to side. Bands where the mix or the target is within NOISE_FLOOR_DB of
 *   silence (or −Infinity) are skipped: the curve bridges them rather than boost noise.
 * - width (`matchWidthPercent`): per band, the target's side-to-mid ratio minus the mix's,
 *   smoothed over WIDTH_SMOOTHING_OCTAVES, clamped to ±maxWidthChangeDb and scaled by the
 *   amount, added to the side curve only. Bands where the mix's side is more than
 *   SIDE_FLOOR_DB below its mid are left alone (there is nothing there to widen).
 * - loudness (`matchLoudnessPercent`): target LUFS = mix + amount·(reference − mix). It is not
 *   an EQ: it is handed to loudness targeting (the final limiter's drive).
 *
 * The result is a `match-eq` insert (the curve as data, one point per grid band) plus the
 * loudness target, with one line per decision. Mono mixes get the mid curve only. Above the
 * highest band both the mix and every reference can speak for (0.45·fs of each, at most
 * 20 kHz), the curve holds its last value; if that band is below MIN_MATCH_UPPER_HZ the
 * match is refused rather than guessed.
 */

export interface MatchOptions {
  /** How much of the spectral difference to apply (0–100 %, default 100). */
  readonly matchEqPercent?: number;
  /** How much of the loudness difference to target (0–100 %, default 100). */
  readonly matchLoudnessPercent?: number;
  /** How much of the width difference to apply (0–100 %, default 100). */
  readonly matchWidthPercent?: number;
  /** Largest boost of either curve (dB, default 6). */
  readonly maxBoostDb?: number;
  /** Largest cut of either curve (dB, positive, default 6). */
  readonly maxCutDb?: number;
  /** Largest change of a band's side-to-mid ratio (dB, default 6). */
  readonly maxWidthChangeDb?: number;
}

export interface MatchDecision {
  readonly stage: 'spectrum' | 'width' | 'loudness';
  readonly reason: string;
}

export interface ReferenceMatch {
  /** The `match-eq` insert (session format), bounds included. */
  readonly insert: InsertDocument;
  readonly points: readonly MatchEqPoint[];
  readonly loudness: {
    readonly inputLufs: number;
    readonly referenceLufs: number;
    /** What loudness targeting should bring the master to (LUFS). */
    readonly targetLufs: number;
  };
  readonly width: {
    readonly inputSideToMidDb: number;
    readonly referenceSideToMidDb: number | null;
  };
  /** Highest band the curve was measured to (Hz); it is held flat above. */
  readonly upperHz: number;
  readonly decisions: readonly MatchDecision[];
}

export const DEFAULT_MAX_BOOST_DB = 6;
export const DEFAULT_MAX_CUT_DB = 6;
export const DEFAULT_MAX_WIDTH_CHANGE_DB = 6;
/** The band whose median level difference is taken as level, not tone. */
export const MATCH_CENTRE_HZ = [40, 16_000] as const;
/** A band this far below the loudest band of its own spectrum is noise, not programme. */
export const NOISE_FLOOR_DB = 70;
/** Side this far below mid in a band: the band is mono, and its width is not matched. */
export const SIDE_FLOOR_DB = 30;
export const WIDTH_SMOOTHING_OCTAVES = 1;
/** A match must reach at least this high (references at 32 kHz and above do). */
export const MIN_MATCH_UPPER_HZ = 12_000;

export function matchReferences(
  input: SpectralProfile,
  target: ReferenceTarget,
  options: MatchOptions = {},
): ReferenceMatch {
  const eqAmount = amount(options.matchEqPercent, 'matchEqPercent');
  const loudnessAmount = amount(options.matchLoudnessPercent, 'matchLoudnessPercent');
  const widthAmount = amount(options.matchWidthPercent, 'matchWidthPercent');
  const maxBoostDb = bound(options.maxBoostDb, DEFAULT_MAX_BOOST_DB, 'maxBoostDb');
  const maxCutDb = bound(options.maxCutDb, DEFAULT_MAX_CUT_DB, 'maxCutDb');
  const maxWidthDb = bound(
    options.maxWidthChangeDb,
    DEFAULT_MAX_WIDTH_CHANGE_DB,
    'maxWidthChangeDb',
  );
  const grid = input.frequenciesHz;
  if (
    grid.length !== target.frequenciesHz.length ||
    grid.some((hz, k) => Math.abs(hz - target.frequenciesHz[k]) > 1e-9 * hz)
  ) {
    throw new MixdownError(
      'invalid-argument',
      'The mix and the references were profiled on different frequency grids; profile them with the same options.',
    );
  }
  if (!Number.isFinite(input.integratedLufs)) {
    throw new MixdownError(
      'invalid-argument',
      'The mix is silent (below the −70 LUFS gate); there is nothing to match.',
    );
  }
  const upperHz = Math.min(input.upperHz, target.upperHz);
  if (upperHz < MIN_MATCH_UPPER_HZ) {
    throw new MixdownError(
      'unsupported-format',
      `A match needs spectra up to ${MIN_MATCH_UPPER_HZ / 1000} kHz, but the mix or a reference only reaches ${(upperHz / 1000).toFixed(1)} kHz (its sample rate is too low); use files sampled at 32 kHz or more.`,
    );
  }

  const decisions: MatchDecision[] = [];
  const bands = grid.length;
  const inside = (k: number) => grid[k] <= upperHz;

  // Tonal difference, mid.
  const mixFloor = maxFinite(input.midDb) - NOISE_FLOOR_DB;
  const targetFloor = maxFinite(target.midDb) - NOISE_FLOOR_DB;
  const difference = new Float64Array(bands).fill(Number.NaN);
  for (let k = 0; k < bands; k++) {
    const m = input.midDb[k];
    const t = target.midDb[k];
    if (!inside(k) || !(m > mixFloor) || !(t > targetFloor)) continue;
    difference[k] = t - (m - input.integratedLufs);
  }
  const centre: number[] = [];
  for (let k = 0; k < bands; k++) {
    if (
      grid[k] >= MATCH_CENTRE_HZ[0] &&
      grid[k] <= MATCH_CENTRE_HZ[1] &&
      !Number.isNaN(difference[k])
    ) {
      centre.push(difference[k]);
    }
  }
  if (centre.length === 0) {
    throw new MixdownError(
      'invalid-argument',
      'The mix and the references share no audible band between 40 Hz and 16 kHz; there is nothing to match.',
    );
  }
  const offset = median(centre);

  // Width difference per band, smoothed; NaN where it is not matched.
  const stereo = input.sideDb !== null && target.widthDb !== null;
  const widthChange = new Float64Array(bands).fill(Number.NaN);
  if (stereo) {
    const raw = new Float64Array(bands).fill(Number.NaN);
    for (let k = 0; k < bands; k++) {
      const m = input.midDb[k];
      const s = input.sideDb![k];
      const w = target.widthDb![k];
      if (!inside(k) || !(m > mixFloor) || !Number.isFinite(s) || Number.isNaN(w)) continue;
      if (s - m < -SIDE_FLOOR_DB) continue;
      raw[k] = w - (s - m);
    }
    const perOctave = (bands - 1) / Math.log2(grid[bands - 1] / grid[0]);
    const half = Math.round((WIDTH_SMOOTHING_OCTAVES * perOctave) / 2);
    for (let k = 0; k < bands; k++) {
      if (Number.isNaN(raw[k])) continue;
      let sum = 0;
      let count = 0;
      for (let j = Math.max(0, k - half); j <= Math.min(bands - 1, k + half); j++) {
        if (Number.isNaN(raw[j])) continue;
        sum += raw[j];
        count++;
      }
      widthChange[k] = clamp(sum / count, -maxWidthDb, maxWidthDb);
    }
  }

  const points: MatchEqPoint[] = [];
  let held = 0;
  for (let k = 0; k < bands; k++) {
    if (Number.isNaN(difference[k]) && Number.isNaN(widthChange[k])) continue;
    const tonal = Number.isNaN(difference[k]) ? 0 : eqAmount * (difference[k] - offset);
    const mid = clamp(tonal, -maxCutDb, maxBoostDb);
    if (mid !== tonal) held++;
    const width = Number.isNaN(widthChange[k]) ? 0 : widthAmount * widthChange[k];
    const side = stereo ? clamp(tonal + width, -maxCutDb, maxBoostDb) : mid;
    points.push({
      frequencyHz: round(grid[k], 2),
      midGainDb: round(mid, 2),
      sideGainDb: round(side, 2),
    });
  }

  decisions.push(spectrumDecision(points, eqAmount, held, maxBoostDb, maxCutDb, upperHz));
  decisions.push(widthDecision(input, target, widthChange, widthAmount, stereo));
  const referenceLufs = target.integratedLufs;
  const targetLufs = input.integratedLufs + loudnessAmount * (referenceLufs - input.integratedLufs);
  decisions.push({
    stage: 'loudness',
    reason: `Loudness: mix ${fmt(input.integratedLufs)} LUFS, reference ${fmt(referenceLufs)} LUFS; at ${pct(loudnessAmount)} the target is ${fmt(targetLufs)} LUFS (${signed(targetLufs - input.integratedLufs)} dB), handed to loudness targeting.`,
  });

  return {
    insert: { type: 'match-eq', points: points.map((p) => ({ ...p })), maxBoostDb, maxCutDb },
    points,
    loudness: { inputLufs: input.integratedLufs, referenceLufs, targetLufs },
    width: { inputSideToMidDb: input.sideToMidDb, referenceSideToMidDb: target.sideToMidDb },
    upperHz,
    decisions,
  };
}

function spectrumDecision(
  points: readonly MatchEqPoint[],
  eqAmount: number,
  held: number,
  maxBoostDb: number,
  maxCutDb: number,
  upperHz: number,
): MatchDecision {
  if (eqAmount === 0) {
    return { stage: 'spectrum', reason: 'Spectrum: not matched (amount 0 %).' };
  }
  let boost = points[0];
  let cut = points[0];
  for (const p of points) {
    if (p.midGainDb > boost.midGainDb) boost = p;
    if (p.midGainDb < cut.midGainDb) cut = p;
  }
  const bounds =
    held > 0
      ? ` ${held} band${held === 1 ? '' : 's'} held at the +${maxBoostDb}/−${maxCutDb} dB bounds.`
      : '';
  const top = upperHz < 19_999 ? ` Held flat above ${hz(upperHz)}.` : '';
  return {
    stage: 'spectrum',
    reason: `Spectrum matched at ${pct(eqAmount)} (mid and side, linear phase): largest boost ${signed(boost.midGainDb)} dB at ${hz(boost.frequencyHz)}, largest cut ${signed(cut.midGainDb)} dB at ${hz(cut.frequencyHz)}.${bounds}${top}`,
  };
}

function widthDecision(
  input: SpectralProfile,
  target: ReferenceTarget,
  widthChange: Float64Array,
  widthAmount: number,
  stereo: boolean,
): MatchDecision {
  if (input.sideDb === null) {
    return { stage: 'width', reason: 'Width: the mix is mono, so only its mid is matched.' };
  }
  if (!stereo || target.sideToMidDb === null) {
    return { stage: 'width', reason: 'Width: no stereo reference, so the width is left as it is.' };
  }
  let most = 0;
  for (const w of widthChange) if (!Number.isNaN(w) && Math.abs(w) > Math.abs(most)) most = w;
  return {
    stage: 'width',
    reason: `Width: side/mid ${fmt(input.sideToMidDb)} dB against the reference's ${fmt(target.sideToMidDb)} dB; at ${pct(widthAmount)} the side moves by up to ${signed(widthAmount * most)} dB per band.`,
  };
}

function amount(value: number | undefined, name: string): number {
  const v = value ?? 100;
  if (!(Number.isFinite(v) && v >= 0 && v <= 100)) {
    throw new MixdownError(
      'invalid-argument',
      `${name} must be between 0 and 100 %, got ${value}.`,
    );
  }
  return v / 100;
}

function bound(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v >= 0 && v <= 24)) {
    throw new MixdownError(
      'invalid-argument',
      `${name} must be between 0 and 24 dB, got ${value}.`,
    );
  }
  return v;
}

function maxFinite(values: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) if (Number.isFinite(v) && v > m) m = v;
  return m;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : x > 0 ? '+inf' : '-inf';
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

function hz(frequencyHz: number): string {
  return frequencyHz >= 1000
    ? `${(frequencyHz / 1000).toFixed(1)} kHz`
    : `${Math.round(frequencyHz)} Hz`;
}
