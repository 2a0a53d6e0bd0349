import { MixdownError } from '../../core/errors.js';

/**
 * Is this one voice? Pitch correction, note analysis and PSOLA all assume a single
 * periodic source. In a solo voice, the loud frames (vowels) are strongly periodic: YIN's
 * d' has a dip near 0 at the period (de Cheveigné & Kawahara 2002 report d' ≈ 0.05…0.2
 * for voiced speech). Several voices at once have no common period in the search range
 * (their sum repeats only at a long common multiple, and not at all with independent
 * vibrato), and noise has none at all, so the loud frames' dips stay shallow. The median
 * periodicity (1 − d') of the loud frames separates the two.
 */
export interface MonophonyCheck {
  /** Median of 1 − (deepest d') over the loud frames, 0…1. */
  readonly periodicity: number;
  /** Fraction of the loud frames the tracker called voiced. */
  readonly voicedFraction: number;
  /** Frames counted as loud (within LOUD_RANGE_DB of the loud level). */
  readonly loudFrames: number;
  readonly monophonic: boolean;
}

/** Frames within this range of the clip's 95th-percentile level are "loud". */
const LOUD_RANGE_DB = 20;
/** Below this median periodicity the material is refused. */
export const MIN_MONOPHONIC_PERIODICITY = 0.75;
/** Fewer loud frames than this (50 ms at 5 ms hops) is too little to judge: accept. */
const MIN_LOUD_FRAMES = 10;
/** Material quieter than this is silence, not a voice to judge. */
const SILENCE_DBFS = -80;

export function measureMonophony(
  levelDb: Float64Array,
  periodicity: Float64Array,
  voiced: Uint8Array,
  loudDb: number,
): MonophonyCheck {
  const values: number[] = [];
  let voicedCount = 0;
  if (loudDb > SILENCE_DBFS) {
    for (let f = 0; f < levelDb.length; f++) {
      if (levelDb[f] < loudDb - LOUD_RANGE_DB) continue;
      values.push(periodicity[f]);
      voicedCount += voiced[f];
    }
  }
  if (values.length < MIN_LOUD_FRAMES) {
    return {
      periodicity: Number.NaN,
      voicedFraction: 0,
      loudFrames: values.length,
      monophonic: true,
    };
  }
  values.sort((a, b) => a - b);
  const median = values[values.length >> 1];
  return {
    periodicity: median,
    voicedFraction: voicedCount / values.length,
    loudFrames: values.length,
    monophonic: median >= MIN_MONOPHONIC_PERIODICITY,
  };
}

/** Throws a MixdownError ('invalid-argument') when the check says "not one voice". */
export function checkMonophonic(check: MonophonyCheck, source?: string): void {
  if (check.monophonic) return;
  const what = source ? `The audio at ${source}` : 'The audio';
  throw new MixdownError(
    'invalid-argument',
    `${what} does not look like a single voice (periodicity ${check.periodicity.toFixed(2)}, a solo voice reads above ${MIN_MONOPHONIC_PERIODICITY}); pitch correction needs a monophonic source such as a solo vocal take.`,
  );
}
