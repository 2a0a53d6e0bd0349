import { MixdownError } from '../../core/errors.js';
import type { HarmonicPattern } from './harmonic-pattern.js';

/**
 * Is this one voice? Pitch correction, note analysis and PSOLA all assume a single
 * periodic source; anything else is refused rather than tracked into a wrong result.
 * Three tests on the loud frames (vowels, in a vocal):
 *
 * 1. Periodicity. In a solo voice YIN's d' has a dip near 0 at the period (de Cheveigné &
 *    Kawahara 2002 report 0.05–0.2 even for voiced speech; sung vowels go lower). Voices at
 *    unrelated pitches share no period in the search range, and noise has none, so the
 *    deepest dip stays shallow: median periodicity (1 − d') below MIN_MONOPHONIC_PERIODICITY.
 * 2. Competing periodicities. When voices do share a period (a fifth repeats at an octave
 *    below its lower note), the tracker may follow the louder voice; then d' at a multiple
 *    of the tracked period is far deeper than at the period itself, which a single voice
 *    never shows (its dips at T, 2T, 3T are alike).
 * 3. Harmonic pattern (harmonic-pattern.ts). Or the tracker follows the common period, a
 *    subharmonic, and most of its harmonics are holes; or it follows one voice and the
 *    others' partials stand as peaks between its harmonics. With vibrato, shared periods
 *    blur and test 2 weakens, but the partials in between remain.
 */
export interface MonophonyCheck {
  /** Median of 1 − (deepest d') over the loud frames, 0…1. */
  readonly periodicity: number;
  /** Share of the loud voiced frames where a multiple of the period is far more periodic. */
  readonly competingFraction: number;
  /** Median share of missing harmonics over the loud voiced frames checked. */
  readonly harmonicHoles: number;
  /** Median ratio of between-harmonic to harmonic peak energy over the same frames. */
  readonly inharmonicRatio: number;
  /** Frames counted as loud (within LOUD_RANGE_DB of the loud level). */
  readonly loudFrames: number;
  readonly monophonic: boolean;
  /** Which test failed, when one did. */
  readonly reason?: 'periodicity' | 'competing' | 'holes' | 'inharmonic';
}

export interface MonophonyFrames {
  readonly levelDb: Float64Array;
  /** 1 − the deepest d' of each frame. */
  readonly bestPeriodicity: Float64Array;
  /** 1 − d' at the tracked period (voiced frames). */
  readonly trackedPeriodicity: Float64Array;
  readonly voiced: Uint8Array;
  /** The clip's loud level (95th percentile of levelDb). */
  readonly loudDb: number;
  /** The harmonic pattern of a voiced frame (undefined when it cannot be judged). */
  harmonicPattern(frame: number): HarmonicPattern | undefined;
}

/** Frames within this range of the clip's 95th-percentile level are "loud". */
const LOUD_RANGE_DB = 20;
/**
 * Below this median periodicity the material is refused. Measured on generated voices: a
 * solo melody reads 0.99 (0.989 breathy), a three-voice chord 0.53–0.57, two voices a
 * third apart 0.63–0.73, white noise 0.18.
 */
export const MIN_MONOPHONIC_PERIODICITY = 0.75;
/** A multiple of the period "competes" when its d' is below this share of the period's… */
const COMPETING_RATIO = 1 / 3;
/** …and the period's own d' is above this (a clean voice sits far below it). */
const COMPETING_MIN_APERIODICITY = 0.03;
/**
 * Refused when more than this share of the loud voiced frames has a competing period. A
 * solo voice reads 0 on the test material; two equal voices a fifth apart with vibrato,
 * the hardest case found, 0.38–0.42.
 */
const MAX_COMPETING_FRACTION = 0.3;
/**
 * Refused when the median missing-harmonic share exceeds this. A solo voice reads 0; two
 * voices tracked at their common subharmonic read 0.21–0.31 for a fifth (0.35 in theory),
 * 0.5 and more for a fourth or a sixth.
 */
const MAX_HARMONIC_HOLES = 0.15;
/**
 * Refused when the median between-harmonic peak energy exceeds this share of the harmonic
 * energy (−10 dB). Solo voices read under 0.006 (breathy ones included); a second voice
 * 10 dB below the first reads 0.07–0.10 and passes — it is then shifted along with the
 * lead. Reverberation of earlier notes has not been measured against this.
 */
const MAX_INHARMONIC_RATIO = 0.1;
/** Harmonic patterns are checked on at most this many loud voiced frames, evenly spread. */
const PATTERN_CHECK_FRAMES = 200;
/** Fewer loud frames than this (50 ms at 5 ms hops) is too little to judge: accept. */
const MIN_LOUD_FRAMES = 10;
/** Material quieter than this is silence, not a voice to judge. */
const SILENCE_DBFS = -80;

export function measureMonophony(frames: MonophonyFrames): MonophonyCheck {
  const { levelDb, loudDb } = frames;
  const loud: number[] = [];
  if (loudDb > SILENCE_DBFS) {
    for (let f = 0; f < levelDb.length; f++) if (levelDb[f] >= loudDb - LOUD_RANGE_DB) loud.push(f);
  }
  if (loud.length < MIN_LOUD_FRAMES) {
    return {
      periodicity: Number.NaN,
      competingFraction: 0,
      harmonicHoles: 0,
      inharmonicRatio: 0,
      loudFrames: loud.length,
      monophonic: true,
    };
  }
  const periodicity = median(loud.map((f) => frames.bestPeriodicity[f]));
  const voicedLoud = loud.filter((f) => frames.voiced[f]);
  let competing = 0;
  for (const f of voicedLoud) {
    const atPeriod = 1 - frames.trackedPeriodicity[f];
    const best = 1 - frames.bestPeriodicity[f];
    if (atPeriod > COMPETING_MIN_APERIODICITY && best < COMPETING_RATIO * atPeriod) competing++;
  }
  const competingFraction = voicedLoud.length > 0 ? competing / voicedLoud.length : 0;
  const holes: number[] = [];
  const inharmonic: number[] = [];
  const step = Math.max(1, Math.floor(voicedLoud.length / PATTERN_CHECK_FRAMES));
  for (let i = 0; i < voicedLoud.length; i += step) {
    const pattern = frames.harmonicPattern(voicedLoud[i]);
    if (!pattern) continue;
    if (pattern.holes !== undefined) holes.push(pattern.holes);
    inharmonic.push(pattern.inharmonicRatio);
  }
  const harmonicHoles = holes.length > 0 ? median(holes) : 0;
  const inharmonicRatio = inharmonic.length > 0 ? median(inharmonic) : 0;
  const reason =
    periodicity < MIN_MONOPHONIC_PERIODICITY
      ? 'periodicity'
      : competingFraction > MAX_COMPETING_FRACTION
        ? 'competing'
        : harmonicHoles > MAX_HARMONIC_HOLES
          ? 'holes'
          : inharmonicRatio > MAX_INHARMONIC_RATIO
            ? 'inharmonic'
            : undefined;
  return {
    periodicity,
    competingFraction,
    harmonicHoles,
    inharmonicRatio,
    loudFrames: loud.length,
    monophonic: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Throws a MixdownError ('invalid-argument') when the check says "not one voice". */
export function checkMonophonic(check: MonophonyCheck, source?: string): void {
  if (check.monophonic) return;
  const what = source ? `The audio at ${source}` : 'The audio';
  const why =
    check.reason === 'competing'
      ? `two periodicities compete in ${Math.round(check.competingFraction * 100)} % of its loud frames, as when two voices sing together`
      : check.reason === 'holes'
        ? `its harmonic series has gaps, as when several notes sound together (${Math.round(check.harmonicHoles * 100)} % of harmonics missing)`
        : check.reason === 'inharmonic'
          ? `tones sound between the harmonics of its pitch, as when two voices sing together (${Math.round(check.inharmonicRatio * 100)} % of the harmonic energy)`
          : `periodicity ${check.periodicity.toFixed(2)}, where a solo voice reads above ${MIN_MONOPHONIC_PERIODICITY}`;
  throw new MixdownError(
    'invalid-argument',
    `${what} does not look like a single voice (${why}); pitch correction needs a monophonic source such as a solo vocal take.`,
  );
}
