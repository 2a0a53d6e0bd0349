/**
 * Tempo-synced note values for delay times. A whole note is four beats (quarter-note beat,
 * as every DAW counts tempo): quarter = 60000 / tempo ms; a dotted note lasts 3/2 of the
 * plain one, a triplet 2/3 of it (three in the time of two).
 */
const BASES = ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32'] as const;
type Base = (typeof BASES)[number];
type Synced = Base | `${Base}.` | `${Base}T`;

export const NOTE_VALUES = [
  'off',
  ...BASES.flatMap((b) => [b, `${b}.`, `${b}T`] as const),
] as const satisfies readonly ('off' | Synced)[];

export type NoteValue = (typeof NOTE_VALUES)[number];
export type SyncedNoteValue = Exclude<NoteValue, 'off'>;

/** Length of one quarter note (one beat) in ms. */
export function beatMs(tempoBpm: number): number {
  return 60000 / tempoBpm;
}

/** Length of a note value in beats: '1/8.' → 0.75, '1/4T' → 2/3. */
export function noteBeats(note: SyncedNoteValue): number {
  const modifier = note.endsWith('.') ? 1.5 : note.endsWith('T') ? 2 / 3 : 1;
  const denominator = Number(note.slice(2).replace(/[.T]$/, ''));
  return (4 / denominator) * modifier;
}

/** Length of a note value in ms at a tempo: '1/8.' at 120 bpm → 375. */
export function noteDurationMs(note: SyncedNoteValue, tempoBpm: number): number {
  return noteBeats(note) * beatMs(tempoBpm);
}
