import { MixdownError } from '../../core/errors.js';
import type { Key } from '../pitch/index.js';
import { chooseTakes } from './choose-takes.js';
import { type CutPoint, placeCuts } from './cut-points.js';
import { type PhraseOptions, planPhrases } from './phrases.js';
import { phraseReason } from './reasons.js';
import { type PhraseScores, scorePhrases } from './score-phrases.js';
import { analyseTake, type TakeAnalysis } from './take-analysis.js';
import type { GridSpec } from './timing-score.js';
import type { CompRegion, CompTake, PhrasePlan } from './types.js';
import {
  type CompWeights,
  checkSwitchMargin,
  DEFAULT_SWITCH_MARGIN,
  resolveWeights,
} from './weights.js';

/**
 * Automatic comping: analyse every take once, split the performance into phrases, score
 * each take in each phrase, choose a take per phrase with hysteresis, and place the
 * boundaries in the pauses. The result is a proposal — regions for `tracks[i].comp` and the
 * score table that justifies them; nothing is written here.
 */
export interface CompOptions {
  /** Key the notes are judged in when there is no guide (default chromatic). */
  readonly key?: Key;
  /** Id of a guide take: pitch and timing are judged against its notes. */
  readonly guide?: string;
  /** Tempo grid for timing when there is no guide; without either, timing is not scored. */
  readonly grid?: GridSpec;
  /** How to find phrases (default: from the takes' voicing). */
  readonly phrases?: PhraseOptions;
  readonly weights?: Partial<CompWeights>;
  /** Score a switch must gain (default 0.05, see weights.ts). */
  readonly switchMargin?: number;
  /** Crossfade at each boundary (default 20 ms). */
  readonly crossfadeMs?: number;
  /** Click detector sensitivity, % (default 50, as `declick`). */
  readonly clickSensitivity?: number;
  /** Called after each take is analysed. */
  readonly onTakeAnalysed?: (done: number, total: number) => void;
}

export const DEFAULT_CROSSFADE_MS = 20;

export interface PhraseChoice {
  readonly phrase: number;
  readonly take: string;
  /** The take with the best total in this phrase (differs from `take` when one was kept). */
  readonly bestTake: string;
  readonly reason: string;
}

export interface CompProposal {
  readonly plan: PhrasePlan;
  readonly scores: readonly PhraseScores[];
  readonly choices: readonly PhraseChoice[];
  readonly regions: readonly CompRegion[];
  readonly cuts: readonly CutPoint[];
  readonly crossfadeMs: number;
  readonly weights: CompWeights;
  readonly switchMargin: number;
}

export function proposeComp(takes: readonly CompTake[], options: CompOptions = {}): CompProposal {
  checkTakes(takes, options.guide);
  const analyses = takes.map((take, i) => {
    const analysis = analyseTake(take, {
      key: options.key,
      clickSensitivity: options.clickSensitivity,
    });
    options.onTakeAnalysed?.(i + 1, takes.length);
    return analysis;
  });
  return proposeFromAnalyses(analyses, options);
}

/** The same from analyses already made (the studio re-scores without re-analysing). */
export function proposeFromAnalyses(
  analyses: readonly TakeAnalysis[],
  options: CompOptions = {},
): CompProposal {
  checkTakes(
    analyses.map((a) => a.take),
    options.guide,
  );
  const weights = resolveWeights(options.weights);
  const switchMargin = checkSwitchMargin(options.switchMargin ?? DEFAULT_SWITCH_MARGIN);
  const crossfadeMs = options.crossfadeMs ?? DEFAULT_CROSSFADE_MS;
  if (!(crossfadeMs >= 0 && crossfadeMs <= 1000)) {
    throw new MixdownError(
      'invalid-argument',
      `The crossfade must be 0 to 1000 ms, got ${crossfadeMs}.`,
    );
  }
  const plan = planPhrases(analyses, options.phrases);
  const scores = scorePhrases(analyses, plan, {
    guide: options.guide,
    grid: options.grid,
    weights,
  });
  const chosen = chooseTakes(
    scores.map((s) => s.takes.map((t) => t.total)),
    switchMargin,
  );
  const choices = scores.map((s, p): PhraseChoice => {
    const best = s.takes.reduce((b, t, i) => (t.total > s.takes[b].total + 1e-12 ? i : b), 0);
    return {
      phrase: p,
      take: analyses[chosen[p]].id,
      bestTake: analyses[best].id,
      reason: phraseReason(s, chosen[p], weights, switchMargin),
    };
  });
  const { regions, cuts } = placeCuts(plan, chosen, analyses, crossfadeMs);
  return { plan, scores, choices, regions, cuts, crossfadeMs, weights, switchMargin };
}

/** Two or more takes, distinct ids, one sample rate, a guide that is one of them. */
export function checkTakes(takes: readonly CompTake[], guide: string | undefined): void {
  if (takes.length < 2) {
    throw new MixdownError(
      'invalid-argument',
      `Comping needs at least two takes to choose from, got ${takes.length}.`,
    );
  }
  const ids = takes.map((t) => t.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new MixdownError(
      'invalid-argument',
      `Two takes share the id "${repeated}"; give every take its own id.`,
    );
  }
  const rates = [...new Set(takes.map((t) => t.audio.sampleRate))];
  if (rates.length > 1) {
    throw new MixdownError(
      'invalid-argument',
      `The takes are at different sample rates (${takes.map((t) => `"${t.id}" ${t.audio.sampleRate} Hz`).join(', ')}); convert them to one rate before comping.`,
    );
  }
  if (guide !== undefined && !ids.includes(guide)) {
    throw new MixdownError(
      'invalid-argument',
      `The guide take "${guide}" is not one of the takes (${ids.map((id) => `"${id}"`).join(', ')}).`,
    );
  }
}
