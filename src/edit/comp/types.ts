import type { AudioData } from '../../core/audio.js';

/**
 * The records automatic comping passes between its stages. Every time is in seconds on
 * the session timeline (not in a take's own source time), so takes that start at
 * different places are compared where they play together.
 */

/** One take as comping sees it. */
export interface CompTake {
  /** The take's id (what comp regions call it). */
  readonly id: string;
  /** The take as it plays from `startSeconds` on: source offset and edits already applied. */
  readonly audio: AudioData;
  /** Where the take's first sample plays on the timeline. */
  readonly startSeconds: number;
}

/**
 * A phrase: a stretch of singing between pauses. `startSeconds`…`endSeconds` is where any
 * take sings; `fromSeconds`…`toSeconds` is the part of the timeline it owns (from the
 * middle of the pause before it to the middle of the pause after it; the comp's span at
 * the ends), so the phrases' territories tile the comp without gaps. A take is scored over
 * the territory it would play if chosen.
 */
export interface Phrase {
  readonly index: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly fromSeconds: number;
  readonly toSeconds: number;
}

export type PhraseMethod = 'voicing' | 'bars' | 'boundaries';

export interface PhrasePlan {
  readonly method: PhraseMethod;
  readonly phrases: readonly Phrase[];
  /** The part of the timeline every take covers: the comp's regions span exactly this. */
  readonly spanStartSeconds: number;
  readonly spanEndSeconds: number;
}

/** A region of the comp, as `tracks[i].comp.regions` stores it (seconds). */
export interface CompRegion {
  readonly take: string;
  readonly startSeconds: number;
  readonly endSeconds: number;
}
