/** Equal-tempered pitch, A4 = 440 Hz = MIDI 69. */
export function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/** Frequency ratio of an interval in cents. */
export function centsToRatio(cents: number): number {
  return 2 ** (cents / 1200);
}

/** Interval from `referenceHz` to `frequencyHz` in cents. */
export function centsBetween(frequencyHz: number, referenceHz: number): number {
  return 1200 * Math.log2(frequencyHz / referenceHz);
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** "A3" for 57, for descriptions and test names. */
export function noteName(midi: number): string {
  const rounded = Math.round(midi);
  return `${NAMES[((rounded % 12) + 12) % 12]}${Math.floor(rounded / 12) - 1}`;
}
