import type { Note } from '../pitch/index.js';

/**
 * Pitch accuracy of a take in a phrase: the duration-weighted mean of |cents| between each
 * note's fitted centre (free of vibrato and drift, src/edit/pitch/segment.ts) and its
 * target — the nearest note of the key, or, with a guide take, the guide's note it overlaps
 * most. Score 1 − mean/PITCH_SCALE_CENTS, floored at 0: 50 cents is half a semitone, as far
 * as a note can sit from the nearest semitone, and plainly out of tune.
 */
export const PITCH_SCALE_CENTS = 50;

export type PitchReference =
  | { readonly kind: 'key' }
  | { readonly kind: 'guide'; readonly notes: readonly Note[] };

export interface PitchResult {
  /** 0–1. */
  readonly score: number;
  /** Duration-weighted mean |deviation|, cents; null when no note could be measured. */
  readonly meanAbsCents: number | null;
  /** Notes measured. */
  readonly notes: number;
}

export function measurePitch(notes: readonly Note[], reference: PitchReference): PitchResult {
  let weighted = 0;
  let totalSeconds = 0;
  let count = 0;
  for (const note of notes) {
    const cents = deviationCents(note, reference);
    if (cents === undefined) continue;
    const seconds = note.endSeconds - note.startSeconds;
    weighted += Math.abs(cents) * seconds;
    totalSeconds += seconds;
    count++;
  }
  if (count === 0 || totalSeconds <= 0) return { score: 1, meanAbsCents: null, notes: 0 };
  const meanAbsCents = weighted / totalSeconds;
  return { score: Math.max(0, 1 - meanAbsCents / PITCH_SCALE_CENTS), meanAbsCents, notes: count };
}

function deviationCents(note: Note, reference: PitchReference): number | undefined {
  if (reference.kind === 'key') return note.deviationCents;
  let best: Note | undefined;
  let bestOverlap = 0;
  for (const guide of reference.notes) {
    const overlap =
      Math.min(note.endSeconds, guide.endSeconds) - Math.max(note.startSeconds, guide.startSeconds);
    if (overlap > bestOverlap) {
      best = guide;
      bestOverlap = overlap;
    }
  }
  return best ? (note.pitchMidi - best.pitchMidi) * 100 : undefined;
}
