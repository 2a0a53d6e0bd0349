/**
 * Pitch on the scales a singer and a tuner think in: MIDI note numbers (69 = A4 = 440 Hz,
 * one unit per equal-tempered semitone, fractional between notes) and cents (1/100 of a
 * semitone). Frequencies stay in Hz; conversions are exact (no table).
 */

/** Concert pitch of A4, the reference of MIDI note 69 (ISO 16:1975). */
export const A4_HZ = 440;
export const A4_MIDI = 69;

export function hzToMidi(frequencyHz: number): number {
  return A4_MIDI + 12 * Math.log2(frequencyHz / A4_HZ);
}

export function midiToHz(midi: number): number {
  return A4_HZ * 2 ** ((midi - A4_MIDI) / 12);
}

/** Interval from `fromHz` up to `toHz`, in cents (negative when lower). */
export function centsBetween(fromHz: number, toHz: number): number {
  return 1200 * Math.log2(toHz / fromHz);
}

/** Frequency ratio of a shift in cents (e.g. +300 cents → 1.189). */
export function centsToRatio(cents: number): number {
  return 2 ** (cents / 1200);
}

const NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** "A4", "C#3" for the nearest MIDI note (octave numbers with C4 = MIDI 60). */
export function midiName(midi: number): string {
  const n = Math.round(midi);
  return `${NOTE_NAMES[((n % 12) + 12) % 12]}${Math.floor(n / 12) - 1}`;
}
