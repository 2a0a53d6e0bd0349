import { MixdownError } from '../../core/errors.js';
import type { TakeAnalysis } from './take-analysis.js';
import type { Phrase, PhrasePlan } from './types.js';

/**
 * Phrase segmentation: where the performance may switch from one take to another.
 *
 * - 'voicing' (default): the pitch tracker's voiced frames of *every* take, on one timeline
 *   grid (a frame sings when any take sings there). Silences shorter than `minPauseMs` are
 *   consonants or catch breaths inside a phrase and are bridged; sung stretches shorter than
 *   `minPhraseMs` after that (a stray voiced blip) start no phrase of their own. Taking the
 *   union over takes means a pause is a pause in every take, so a boundary put there (and
 *   its crossfade) falls where nothing is sung, even when one take comes in late.
 * - 'bars': every `barsPerPhrase` bars of the tempo grid; the bar lines are the boundaries.
 * - 'boundaries': the given times are the boundaries.
 *
 * All three are deterministic functions of their inputs. The comp spans the part of the
 * timeline every take covers.
 */
export type PhraseOptions =
  | {
      readonly method: 'voicing';
      /** Shortest silence that separates phrases (default 300 ms). */
      readonly minPauseMs?: number;
      /** Shortest sung stretch that makes a phrase (default 200 ms). */
      readonly minPhraseMs?: number;
    }
  | {
      readonly method: 'bars';
      readonly bpm: number;
      readonly beatsPerBar: number;
      readonly barsPerPhrase: number;
      /** Where bar 1 starts (default 0). */
      readonly firstBarSeconds?: number;
    }
  | { readonly method: 'boundaries'; readonly boundariesSeconds: readonly number[] };

export const DEFAULT_MIN_PAUSE_MS = 300;
export const DEFAULT_MIN_PHRASE_MS = 200;

export function planPhrases(
  analyses: readonly TakeAnalysis[],
  options: PhraseOptions = { method: 'voicing' },
): PhrasePlan {
  const spanStart = Math.max(...analyses.map((a) => a.startSeconds));
  const spanEnd = Math.min(...analyses.map((a) => a.endSeconds));
  if (!(spanEnd > spanStart)) {
    throw new MixdownError(
      'invalid-argument',
      `The takes ${analyses.map((a) => `"${a.id}"`).join(', ')} do not overlap on the timeline, so there is nothing to comp.`,
    );
  }
  switch (options.method) {
    case 'voicing':
      return voicedPhrases(analyses, spanStart, spanEnd, options);
    case 'bars':
      return barPhrases(spanStart, spanEnd, options);
    case 'boundaries':
      return givenPhrases(spanStart, spanEnd, options.boundariesSeconds);
  }
}

function voicedPhrases(
  analyses: readonly TakeAnalysis[],
  spanStart: number,
  spanEnd: number,
  options: { readonly minPauseMs?: number; readonly minPhraseMs?: number },
): PhrasePlan {
  const hop = analyses[0].pitch.hopSeconds;
  const first = Math.ceil(spanStart / hop);
  const count = Math.max(0, Math.floor(spanEnd / hop) - first);
  const voiced = new Uint8Array(count);
  for (const a of analyses) {
    for (let k = 0; k < count; k++) {
      const f = Math.round(((first + k) * hop - a.startSeconds) / a.pitch.hopSeconds);
      if (f >= 0 && f < a.pitch.frameCount && a.pitch.voiced[f]) voiced[k] = 1;
    }
  }
  const minPause = Math.round((options.minPauseMs ?? DEFAULT_MIN_PAUSE_MS) / 1000 / hop);
  const minPhrase = Math.round((options.minPhraseMs ?? DEFAULT_MIN_PHRASE_MS) / 1000 / hop);
  const runs: [number, number][] = [];
  let k = 0;
  while (k < count) {
    if (!voiced[k]) {
      k++;
      continue;
    }
    let end = k;
    while (end < count && voiced[end]) end++;
    const last = runs[runs.length - 1];
    if (last && k - last[1] < minPause) last[1] = end;
    else runs.push([k, end]);
    k = end;
  }
  const sung = runs.filter(([a, b]) => b - a >= minPhrase);
  const time = (frame: number) => Math.min(spanEnd, Math.max(spanStart, (first + frame) * hop));
  const extents = sung.map(([a, b]): [number, number] => [time(a), time(b)]);
  if (extents.length === 0) extents.push([spanStart, spanEnd]);
  return { method: 'voicing', ...tile(extents, spanStart, spanEnd) };
}

function barPhrases(
  spanStart: number,
  spanEnd: number,
  options: {
    readonly bpm: number;
    readonly beatsPerBar: number;
    readonly barsPerPhrase: number;
    readonly firstBarSeconds?: number;
  },
): PhrasePlan {
  const { bpm, beatsPerBar, barsPerPhrase } = options;
  if (!(bpm > 0 && beatsPerBar > 0 && Number.isInteger(barsPerPhrase) && barsPerPhrase >= 1)) {
    throw new MixdownError(
      'invalid-argument',
      `Phrases by bars need a tempo above 0, beats per bar above 0 and a whole number of bars per phrase (1 or more); got ${bpm} bpm, ${beatsPerBar} beats, ${barsPerPhrase} bars.`,
    );
  }
  const phraseSeconds = (barsPerPhrase * beatsPerBar * 60) / bpm;
  const origin = options.firstBarSeconds ?? 0;
  const boundaries: number[] = [];
  for (
    let n = Math.floor((spanStart - origin) / phraseSeconds) + 1;
    origin + n * phraseSeconds < spanEnd;
    n++
  ) {
    const t = origin + n * phraseSeconds;
    if (t > spanStart) boundaries.push(t);
  }
  return { method: 'bars', ...atBoundaries(spanStart, spanEnd, boundaries) };
}

function givenPhrases(
  spanStart: number,
  spanEnd: number,
  boundariesSeconds: readonly number[],
): PhrasePlan {
  for (const t of boundariesSeconds) {
    if (!(Number.isFinite(t) && t > spanStart && t < spanEnd)) {
      throw new MixdownError(
        'invalid-argument',
        `The phrase boundary ${t} s lies outside the part every take covers (${spanStart}–${spanEnd} s); give boundaries inside it.`,
      );
    }
  }
  const sorted = [...new Set(boundariesSeconds)].sort((a, b) => a - b);
  return { method: 'boundaries', ...atBoundaries(spanStart, spanEnd, sorted) };
}

/** Phrases between fixed boundaries: each owns (and is sung over) its whole stretch. */
function atBoundaries(spanStart: number, spanEnd: number, boundaries: readonly number[]) {
  const edges = [spanStart, ...boundaries, spanEnd];
  const extents = edges.slice(1).map((end, i): [number, number] => [edges[i], end]);
  return tile(extents, spanStart, spanEnd);
}

/** Territories from the middle of each pause; the first and last reach the span's ends. */
function tile(
  extents: readonly [number, number][],
  spanStart: number,
  spanEnd: number,
): Omit<PhrasePlan, 'method'> {
  const phrases: Phrase[] = extents.map(([startSeconds, endSeconds], i) => ({
    index: i,
    startSeconds,
    endSeconds,
    fromSeconds: i === 0 ? spanStart : (extents[i - 1][1] + startSeconds) / 2,
    toSeconds: i === extents.length - 1 ? spanEnd : (endSeconds + extents[i + 1][0]) / 2,
  }));
  return { phrases, spanStartSeconds: spanStart, spanEndSeconds: spanEnd };
}
