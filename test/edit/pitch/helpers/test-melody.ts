import { type SungMelody, type SungNote, singMelody, type VoiceOptions } from './sung-melody.js';

/**
 * The melody the pitch tests sing: thirteen notes in C major between C3 and C4 (131–262 Hz,
 * a baritone's range), each detuned by a known amount between −45 and +40 cents, with legato
 * glides (one to three semitones), rests, a breath, a re-articulated repeated note and
 * three drifting notes. Legato neighbours differ by at least 100 cents after detuning, as
 * sung notes a step apart do.
 */
export const MELODY_KEY = 'C major';

export const MELODY: readonly SungNote[] = [
  { midi: 52, detuneCents: 35, startSeconds: 0.3, endSeconds: 0.9, vowel: 'a' },
  { midi: 55, detuneCents: -40, startSeconds: 0.9, endSeconds: 1.5, vowel: 'a', legato: true },
  { midi: 57, detuneCents: 20, startSeconds: 1.5, endSeconds: 1.85, vowel: 'e', legato: true },
  { midi: 60, detuneCents: -25, startSeconds: 2.0, endSeconds: 2.8, vowel: 'o', driftCents: 30 },
  { midi: 59, detuneCents: -30, startSeconds: 2.8, endSeconds: 3.2, vowel: 'i', legato: true },
  { midi: 57, detuneCents: -45, startSeconds: 3.2, endSeconds: 3.9, vowel: 'a', legato: true },
  { midi: 55, detuneCents: 10, startSeconds: 4.5, endSeconds: 5.1, vowel: 'u' },
  { midi: 55, detuneCents: -20, startSeconds: 5.14, endSeconds: 5.6, vowel: 'u' },
  {
    midi: 53,
    detuneCents: 30,
    startSeconds: 5.6,
    endSeconds: 6.4,
    vowel: 'e',
    legato: true,
    driftCents: -25,
  },
  { midi: 52, detuneCents: -35, startSeconds: 6.4, endSeconds: 6.8, vowel: 'o', legato: true },
  { midi: 50, detuneCents: 25, startSeconds: 6.95, endSeconds: 8.0, vowel: 'a', driftCents: 20 },
  { midi: 48, detuneCents: -10, startSeconds: 8.0, endSeconds: 8.6, vowel: 'e', legato: true },
];

/** A breath in the rest between notes 6 and 7 (unvoiced by construction). */
export const MELODY_BREATH: readonly [number, number] = [4.05, 4.4];

export function singTestMelody(overrides: Partial<VoiceOptions> = {}): SungMelody {
  return singMelody(MELODY, { breaths: [MELODY_BREATH], durationSeconds: 9, ...overrides });
}

/** Vibrato is fully developed this long after a note starts (delay + ramp of DEFAULT_VOICE). */
const VIBRATO_DEVELOPED_SECONDS = 0.3;

/**
 * Where to measure a note's pitch so that the sung centre is the true mean: whole vibrato
 * cycles of developed vibrato, centred on the note's middle (so its linear drift cancels),
 * for notes long enough; otherwise the held part before the vibrato begins (after the glide
 * in, before the vibrato delay).
 */
export function steadyWindow(note: SungNote, vibratoRateHz = 5.5): [number, number] {
  const middle = (note.startSeconds + note.endSeconds) / 2;
  const halfRoom = Math.min(
    middle - (note.startSeconds + VIBRATO_DEVELOPED_SECONDS),
    note.endSeconds - 0.03 - middle,
  );
  const cycles = Math.floor(2 * halfRoom * vibratoRateHz);
  if (cycles >= 1) {
    const half = cycles / vibratoRateHz / 2;
    return [middle - half, middle + half];
  }
  return [note.startSeconds + 0.08, note.startSeconds + 0.15];
}
