import { choice, group, num, type ParamValues } from '../../dsp/params.js';

/**
 * The `tune` edit's declared values: the notes found and planned when the edit was made
 * (their spans and corrections), the retune speed and the formant mode. Everything the
 * render needs is here; rendering only re-reads the clip's pitch for the PSOLA marks.
 */
export const TUNE_PARAMS = {
  notes: group({
    name: 'Notes',
    maxItems: 20000,
    description: 'The notes to correct, each with its span and correction.',
    items: {
      startSeconds: num({
        name: 'Start',
        unit: 's',
        min: 0,
        max: 86400,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'Where the note starts in the clip.',
      }),
      endSeconds: num({
        name: 'End',
        unit: 's',
        min: 0,
        max: 86400,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'Where the note ends in the clip.',
      }),
      shiftCents: num({
        name: 'Shift',
        unit: 'cents',
        min: -2400,
        max: 2400,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'How far the note is moved (100 cents = 1 semitone).',
      }),
      flattenDriftPercent: num({
        name: 'Flatten drift',
        unit: '%',
        min: 0,
        max: 100,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: "How much of the note's slow pitch wander is pulled to its centre.",
      }),
      vibratoPercent: num({
        name: 'Vibrato',
        unit: '%',
        min: 0,
        max: 200,
        default: 100,
        smoothingMs: 0,
        automatable: false,
        description: 'Vibrato depth kept: 0 removes it, 100 keeps it, 200 doubles it.',
      }),
    },
  }),
  retuneMs: num({
    name: 'Retune time',
    unit: 'ms',
    min: 0,
    max: 500,
    default: 30,
    smoothingMs: 0,
    automatable: false,
    description: 'Time to reach each corrected pitch after a note starts (0 snaps at once).',
  }),
  formants: choice({
    name: 'Formants',
    choices: ['preserve', 'shift'],
    default: 'preserve',
    description: 'Keep the vowel colour (preserve) or move it with the pitch (shift).',
  }),
} as const;

export type TuneValues = ParamValues<typeof TUNE_PARAMS>;
export type TuneNoteValues = TuneValues['notes'][number];

export const PITCH_SHIFT_PARAMS = {
  semitones: num({
    name: 'Semitones',
    unit: 'semitones',
    min: -24,
    max: 24,
    default: 0,
    integer: false,
    smoothingMs: 0,
    automatable: false,
    description: 'Pitch change in semitones.',
  }),
  cents: num({
    name: 'Cents',
    unit: 'cents',
    min: -100,
    max: 100,
    default: 0,
    smoothingMs: 0,
    automatable: false,
    description: 'Fine pitch change, added to the semitones.',
  }),
  formants: choice({
    name: 'Formants',
    choices: ['preserve', 'shift'],
    default: 'preserve',
    description: 'Keep the vowel colour (preserve) or move it with the pitch (shift).',
  }),
} as const;

export type PitchShiftValues = ParamValues<typeof PITCH_SHIFT_PARAMS>;
