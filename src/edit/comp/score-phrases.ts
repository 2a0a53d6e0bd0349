import { type LevelResult, levelResults, phraseLoudnessLufs } from './level-score.js';
import { measureNoise, type NoiseResult } from './noise-score.js';
import { measurePitch, type PitchReference, type PitchResult } from './pitch-score.js';
import { notesIn, type TakeAnalysis } from './take-analysis.js';
import {
  type GridSpec,
  gridReadingBias,
  measureTiming,
  type TimingReference,
  type TimingResult,
} from './timing-score.js';
import type { Phrase, PhrasePlan } from './types.js';
import type { CompWeights } from './weights.js';

/**
 * The score table: every take in every phrase, on four criteria (each 0–1, with the raw
 * measure kept beside it) and their weighted total. A take that sings nothing in a phrase
 * where another take sings scores 0 on pitch and timing there; a criterion that no take
 * can be measured on in a phrase scores 1 for all (it cannot tell them apart).
 */
export interface TakePhraseScore {
  readonly take: string;
  readonly pitch: PitchResult;
  readonly timing: TimingResult;
  readonly noise: NoiseResult;
  readonly level: LevelResult;
  /** Weighted sum of the four scores, 0–1. */
  readonly total: number;
}

export interface PhraseScores {
  readonly phrase: Phrase;
  /** In the order the takes were given. */
  readonly takes: readonly TakePhraseScore[];
}

export interface ScoreOptions {
  /** Id of the guide take: pitch and timing are judged against its notes. */
  readonly guide?: string;
  /** Without a guide: the tempo grid note starts are judged against (else timing is not scored). */
  readonly grid?: GridSpec;
  readonly weights: CompWeights;
}

export function scorePhrases(
  analyses: readonly TakeAnalysis[],
  plan: PhrasePlan,
  options: ScoreOptions,
): PhraseScores[] {
  const guide = options.guide ? analyses.find((a) => a.id === options.guide) : undefined;
  const pitchReference: PitchReference = guide
    ? { kind: 'guide', notes: guide.notes }
    : { kind: 'key' };
  const timingReference = timingReferenceFor(analyses, plan, guide, options.grid);
  const loudness = analyses.map((a) =>
    plan.phrases.map((p) => phraseLoudnessLufs(a.take, p.startSeconds, p.endSeconds)),
  );
  const levels = levelResults(loudness);
  const w = options.weights;

  return plan.phrases.map((phrase) => {
    const raw = analyses.map((a, t) => {
      const notes = notesIn(a.notes, phrase.fromSeconds, phrase.toSeconds);
      return {
        take: a.id,
        pitch: measurePitch(notes, pitchReference),
        timing: timingReference
          ? measureTiming(notes, timingReference)
          : { score: 1, meanAbsMs: null, notes: 0 },
        noise: measureNoise(a, phrase),
        level: levels[t][phrase.index],
      };
    });
    const someoneSings = raw.some((r) => r.pitch.notes > 0);
    const timedAnywhere = raw.some((r) => r.timing.notes > 0);
    const takes = raw.map((r): TakePhraseScore => {
      const pitch = someoneSings && r.pitch.notes === 0 ? { ...r.pitch, score: 0 } : r.pitch;
      const timing = timedAnywhere && r.timing.notes === 0 ? { ...r.timing, score: 0 } : r.timing;
      const total =
        w.pitch * pitch.score +
        w.timing * timing.score +
        w.noise * r.noise.score +
        w.level * r.level.score;
      return { ...r, pitch, timing, total };
    });
    return { phrase, takes };
  });
}

function timingReferenceFor(
  analyses: readonly TakeAnalysis[],
  plan: PhrasePlan,
  guide: TakeAnalysis | undefined,
  grid: GridSpec | undefined,
): TimingReference | undefined {
  if (guide) return { kind: 'guide', notes: guide.notes };
  if (!grid) return undefined;
  const all = analyses.flatMap((a) => notesIn(a.notes, plan.spanStartSeconds, plan.spanEndSeconds));
  return { kind: 'grid', grid, readingBiasSeconds: gridReadingBias(all, grid) };
}
