import { MixdownError } from '../../core/errors.js';
import { driftMeasurable } from './note-fit.js';
import type { FormantMode } from './psola.js';
import { type Key, nearestScaleMidi, parseKey, type ScaleName } from './scales.js';
import type { Note } from './segment.js';
import { TUNE_PARAMS, type TuneValues } from './tune-params.js';

/**
 * Correction planning: each note goes to the nearest note of the key, measured from its
 * fitted centre (so vibrato and drift do not pull the target), and the plan says how far
 * to move it and what to do with its drift and vibrato. The plan is data: `tuneValues`
 * turns it into the `tune` edit's stored values.
 */
export interface TuningOptions {
  /** "C major", "A minor", "F# dorian", "chromatic"; or a parsed Key. */
  readonly key: string | Key;
  /** The scale, when `key` names only the tonic ("C" + "minor"). */
  readonly scale?: ScaleName;
  /** Time to reach each target after a note starts (default 30 ms). */
  readonly retuneMs?: number;
  /**
   * How much of the singer's own pitch movement inside each note is kept, 0…100 %
   * (default 50): 0 flattens the drift entirely (a "hard-tuned" note), 100 keeps it and
   * moves only the centre. Vibrato is governed by `keepVibrato`.
   */
  readonly humanize?: number;
  /** Keep each note's vibrato as sung (default true); false removes it. */
  readonly keepVibrato?: boolean;
}

export interface PlannedNote extends Note {
  /** The key's note this note is tuned to (whole MIDI number). */
  readonly targetMidi: number;
  /** (targetMidi − pitchMidi) × 100, rounded to 0.01 cent. */
  readonly shiftCents: number;
  readonly flattenDriftPercent: number;
  readonly vibratoPercent: number;
}

export interface TuningPlan {
  readonly key: Key;
  readonly retuneMs: number;
  readonly notes: readonly PlannedNote[];
}

const DEFAULTS = { retuneMs: 30, humanize: 50, keepVibrato: true };

export function planTuning(notes: readonly Note[], options: TuningOptions): TuningPlan {
  const key = typeof options.key === 'string' ? parseKey(options.key, options.scale) : options.key;
  const retuneMs = options.retuneMs ?? DEFAULTS.retuneMs;
  const humanize = options.humanize ?? DEFAULTS.humanize;
  checkRange('retuneMs', retuneMs, TUNE_PARAMS.retuneMs.min, TUNE_PARAMS.retuneMs.max);
  checkRange('humanize', humanize, 0, 100);
  const keepVibrato = options.keepVibrato ?? DEFAULTS.keepVibrato;
  return {
    key,
    retuneMs,
    notes: notes.map((note) => {
      const targetMidi = nearestScaleMidi(note.pitchMidi, key);
      return {
        ...note,
        targetMidi,
        shiftCents: Math.round((targetMidi - note.pitchMidi) * 10000) / 100,
        // Drift is only measured on notes long enough (shift-curve.ts); shorter notes keep it.
        flattenDriftPercent: driftMeasurable(note) ? 100 - humanize : 0,
        vibratoPercent: keepVibrato ? 100 : 0,
      };
    }),
  };
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new MixdownError(
      'invalid-argument',
      `The tuning option ${name} must be a number from ${min} to ${max}, got ${value}.`,
    );
  }
}

/** The `tune` edit's values for a plan. */
export function tuneValues(plan: TuningPlan, formants: FormantMode = 'preserve'): TuneValues {
  return {
    notes: plan.notes.map((n) => ({
      startSeconds: round(n.startSeconds, 4),
      endSeconds: round(n.endSeconds, 4),
      shiftCents: n.shiftCents,
      flattenDriftPercent: n.flattenDriftPercent,
      vibratoPercent: n.vibratoPercent,
    })),
    retuneMs: plan.retuneMs,
    formants,
  };
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
