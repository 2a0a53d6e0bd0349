import { MixdownError } from '../../core/errors.js';
import { TUNE_PARAMS, type TuneNoteValues, type TuneValues } from './tune-params.js';

/**
 * Note-level edits of a `tune` edit's values, for the CLI and the studio: move a note,
 * flatten its drift, change its vibrato. Each returns new values (the input is not
 * changed) and refuses an index or a result outside the declared ranges with one sentence.
 */
export function moveNote(
  values: TuneValues,
  index: number,
  by: { readonly cents?: number; readonly semitones?: number },
): TuneValues {
  const note = noteAt(values, index);
  const cents = (by.cents ?? 0) + 100 * (by.semitones ?? 0);
  return withNote(values, index, {
    shiftCents: checked('shiftCents', note.shiftCents + cents, index),
  });
}

/** Sets how far a note is moved, replacing its current shift. */
export function setNoteShift(values: TuneValues, index: number, cents: number): TuneValues {
  noteAt(values, index);
  return withNote(values, index, { shiftCents: checked('shiftCents', cents, index) });
}

/** Pulls `percent` of the note's slow pitch wander to its centre (100 = flat). */
export function flattenDrift(values: TuneValues, index: number, percent: number): TuneValues {
  noteAt(values, index);
  return withNote(values, index, {
    flattenDriftPercent: checked('flattenDriftPercent', percent, index),
  });
}

/** Sets the note's vibrato depth: 0 removes it, 100 keeps it as sung, 200 doubles it. */
export function setVibrato(values: TuneValues, index: number, percent: number): TuneValues {
  noteAt(values, index);
  return withNote(values, index, { vibratoPercent: checked('vibratoPercent', percent, index) });
}

function noteAt(values: TuneValues, index: number): TuneNoteValues {
  const note = Number.isInteger(index) ? values.notes[index] : undefined;
  if (!note) {
    throw new MixdownError(
      'invalid-argument',
      `There is no note ${index} in this tune edit; it has ${values.notes.length} notes, numbered from 0.`,
    );
  }
  return note;
}

function withNote(values: TuneValues, index: number, change: Partial<TuneNoteValues>): TuneValues {
  return {
    ...values,
    notes: values.notes.map((n, i) => (i === index ? { ...n, ...change } : { ...n })),
  };
}

function checked(field: keyof TuneNoteValues, value: number, index: number): number {
  const spec = TUNE_PARAMS.notes.items[field];
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
    throw new MixdownError(
      'invalid-argument',
      `Note ${index}'s ${field} would be ${value}, outside ${spec.min}…${spec.max} ${spec.unit}; choose a smaller change.`,
    );
  }
  return value;
}
