import type { Note } from '../pitch/index.js';

/**
 * Timing of a take in a phrase: the mean |deviation| of its note starts from a reference —
 * the nearest line of the tempo grid, or the start of the guide take's matching note.
 * Score 1 − mean/TIMING_SCALE_MS, floored at 0 (a note 100 ms off is clearly late; a
 * singer's natural spread is 5–20 ms).
 *
 * Note starts come from the pitch tracker's notes rather than from `detectOnsets`: sung
 * lines are mostly legato, where a new note is a change of pitch with no attack. On the
 * demo's vocal takes (43 notes each) the onset detector reported 40, 165 and 200 onsets
 * (vibrato and breath read as onsets in the quieter takes), while the note segmentation
 * found all 43 in each.
 *
 * A pitch-based note start reads late by a steady amount (the attack and the glide into
 * the note: 40 ms on the demo's on-grid take 1, 45 ms over all three takes), much the same
 * in every take. Against a grid that reading
 * bias would count as lateness for everyone, so it is measured — the median signed
 * deviation over all notes of all takes — and removed. Timing against the grid is therefore
 * relative to the takes' common feel; a guide take needs no correction (its notes read late
 * by the same amount).
 */
export const TIMING_SCALE_MS = 100;
/** A guide note matches a take note that starts within this and is under a semitone away. */
export const GUIDE_MATCH_SECONDS = 0.15;

export interface GridSpec {
  /** Seconds between grid lines. */
  readonly stepSeconds: number;
  /** A time on the grid. */
  readonly originSeconds: number;
}

export type TimingReference =
  | { readonly kind: 'grid'; readonly grid: GridSpec; readonly readingBiasSeconds: number }
  | { readonly kind: 'guide'; readonly notes: readonly Note[] };

export interface TimingResult {
  readonly score: number;
  /** Mean |deviation| of the note starts, ms; null when none could be measured. */
  readonly meanAbsMs: number | null;
  readonly notes: number;
}

/** Signed deviation (seconds) of `t` from the nearest grid line. */
function gridDeviation(t: number, grid: GridSpec): number {
  const d = t - grid.originSeconds;
  return d - Math.round(d / grid.stepSeconds) * grid.stepSeconds;
}

/** The steady lateness of pitch-based note starts: median signed deviation from the grid. */
export function gridReadingBias(notes: readonly Note[], grid: GridSpec): number {
  if (notes.length === 0) return 0;
  const deviations = notes.map((n) => gridDeviation(n.startSeconds, grid)).sort((a, b) => a - b);
  const m = deviations.length >> 1;
  return deviations.length % 2 ? deviations[m] : (deviations[m - 1] + deviations[m]) / 2;
}

/** Signed deviation (seconds, positive = late) of each note start that can be measured. */
export function noteStartDeviations(notes: readonly Note[], reference: TimingReference): number[] {
  const out: number[] = [];
  for (const note of notes) {
    if (reference.kind === 'grid') {
      out.push(gridDeviation(note.startSeconds - reference.readingBiasSeconds, reference.grid));
      continue;
    }
    let best: number | undefined;
    for (const guide of reference.notes) {
      const d = note.startSeconds - guide.startSeconds;
      if (Math.abs(d) > GUIDE_MATCH_SECONDS || Math.abs(note.pitchMidi - guide.pitchMidi) >= 1)
        continue;
      if (best === undefined || Math.abs(d) < Math.abs(best)) best = d;
    }
    if (best !== undefined) out.push(best);
  }
  return out;
}

export function measureTiming(notes: readonly Note[], reference: TimingReference): TimingResult {
  const deviations = noteStartDeviations(notes, reference);
  if (deviations.length === 0) return { score: 1, meanAbsMs: null, notes: 0 };
  const meanAbsMs = (1000 * deviations.reduce((s, d) => s + Math.abs(d), 0)) / deviations.length;
  return {
    score: Math.max(0, 1 - meanAbsMs / TIMING_SCALE_MS),
    meanAbsMs,
    notes: deviations.length,
  };
}
