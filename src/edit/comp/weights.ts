import { MixdownError } from '../../core/errors.js';

/**
 * How the four criteria add up to a take's total for a phrase, and how much better another
 * take must be before the comp switches to it.
 *
 * Defaults: pitch 0.35, timing 0.25, noise/clipping 0.25, level 0.15. Pitch leads because a
 * sour note is what listeners notice first and the hardest thing to fix afterwards; timing
 * and damage (clips, clicks, noise) come next and are weighted alike; level is last, since
 * a fader or clip gain can fix most of it. Weights given as options are normalised to sum
 * to 1, so totals stay on the 0–1 scale of the criteria.
 *
 * Switch margin (default 0.05 of the 0–1 total): each change of take costs this much in the
 * choice (choose-takes.ts), so takes within a few hundredths of each other do not alternate.
 */
export interface CompWeights {
  readonly pitch: number;
  readonly timing: number;
  readonly noise: number;
  readonly level: number;
}

export const DEFAULT_WEIGHTS: CompWeights = { pitch: 0.35, timing: 0.25, noise: 0.25, level: 0.15 };
export const DEFAULT_SWITCH_MARGIN = 0.05;
export const CRITERIA = ['pitch', 'timing', 'noise', 'level'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Fills defaults and normalises to a sum of 1; one sentence for a bad value. */
export function resolveWeights(weights: Partial<CompWeights> = {}): CompWeights {
  const merged = { ...DEFAULT_WEIGHTS, ...weights };
  for (const name of CRITERIA) {
    const w = merged[name];
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new MixdownError(
        'invalid-argument',
        `The ${name} weight must be a number of 0 or more, got ${w}.`,
      );
    }
  }
  const sum = CRITERIA.reduce((s, name) => s + merged[name], 0);
  if (!(sum > 0)) {
    throw new MixdownError('invalid-argument', 'At least one comp weight must be above 0.');
  }
  return {
    pitch: merged.pitch / sum,
    timing: merged.timing / sum,
    noise: merged.noise / sum,
    level: merged.level / sum,
  };
}

export function checkSwitchMargin(margin: number): number {
  if (!(Number.isFinite(margin) && margin >= 0 && margin <= 1)) {
    throw new MixdownError(
      'invalid-argument',
      `The switch margin must be from 0 to 1 (a share of the 0–1 total score), got ${margin}.`,
    );
  }
  return margin;
}
