import { frameRange, type TakeAnalysis } from './take-analysis.js';
import type { CompRegion, PhrasePlan } from './types.js';

/**
 * From a take per phrase to comp regions. Neighbouring phrases on the same take are one
 * region (no crossfade where nothing changes). Where the take changes, the boundary goes
 * into the pause between the two phrases — at the point where the two takes together carry
 * the least energy under the crossfade (the sum of their mean power over it, from the pitch
 * tracker's frame levels: what the crossfade mixes), keeping the whole crossfade inside the
 * pause when it fits; of equally quiet points, the one nearest the pause's middle. So the cut
 * avoids the breath before the next phrase and the tail of the last note. With phrases from
 * bars or given boundaries there is no pause to search: the cut is the boundary.
 */
export interface CutPoint {
  readonly seconds: number;
  readonly fromTake: string;
  readonly toTake: string;
  /** Neither take is voiced anywhere under the crossfade. */
  readonly quiet: boolean;
}

export interface PlacedComp {
  readonly regions: readonly CompRegion[];
  readonly cuts: readonly CutPoint[];
}

/** Times in the document: to the microsecond (well under a sample at any rate we read). */
function roundSeconds(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

export function placeCuts(
  plan: PhrasePlan,
  chosen: readonly number[],
  analyses: readonly TakeAnalysis[],
  crossfadeMs: number,
): PlacedComp {
  const half = crossfadeMs / 2000;
  const cuts: CutPoint[] = [];
  const regions: { take: string; startSeconds: number; endSeconds: number }[] = [];
  let start = plan.spanStartSeconds;
  for (let p = 0; p < plan.phrases.length; p++) {
    const last = p === plan.phrases.length - 1;
    if (!last && chosen[p + 1] === chosen[p]) continue;
    const take = analyses[chosen[p]];
    if (last) {
      regions.push({ take: take.id, startSeconds: start, endSeconds: plan.spanEndSeconds });
      break;
    }
    const next = analyses[chosen[p + 1]];
    const pauseStart = plan.phrases[p].endSeconds;
    const pauseEnd = plan.phrases[p + 1].startSeconds;
    const seconds = roundSeconds(quietestPoint([take, next], pauseStart, pauseEnd, half));
    cuts.push({
      seconds,
      fromTake: take.id,
      toTake: next.id,
      quiet: [take, next].every((a) => !voicedIn(a, seconds - half, seconds + half)),
    });
    regions.push({ take: take.id, startSeconds: start, endSeconds: seconds });
    start = seconds;
  }
  return { regions, cuts };
}

function quietestPoint(
  takes: readonly TakeAnalysis[],
  pauseStart: number,
  pauseEnd: number,
  half: number,
): number {
  const lo = pauseStart + half;
  const hi = pauseEnd - half;
  if (hi < lo) return (pauseStart + pauseEnd) / 2;
  const hop = takes[0].pitch.hopSeconds;
  const middle = (pauseStart + pauseEnd) / 2;
  let best = lo;
  let bestPower = Number.POSITIVE_INFINITY;
  const steps = Math.floor((hi - lo) / hop + 1e-9);
  for (let i = 0; i <= steps; i++) {
    const c = lo + i * hop;
    let power = 0;
    for (const a of takes) power += meanPower(a, c - half, c + half);
    const tie = i > 0 && Math.abs(power - bestPower) <= 1e-9 * bestPower;
    if (
      i === 0 ||
      (power < bestPower && !tie) ||
      (tie && Math.abs(c - middle) < Math.abs(best - middle))
    ) {
      bestPower = power;
      best = c;
    }
  }
  return best;
}

/** Mean power of the frame levels under [from, to] (at least the frame nearest its middle). */
function meanPower(a: TakeAnalysis, from: number, to: number): number {
  let [f0, f1] = frameRange(a, from, to);
  if (f1 <= f0) {
    f0 = Math.min(a.pitch.frameCount - 1, Math.max(0, f0));
    f1 = f0 + 1;
  }
  let sum = 0;
  for (let f = f0; f < f1; f++) sum += 10 ** (a.pitch.levelDb[f] / 10);
  return sum / (f1 - f0);
}

function voicedIn(a: TakeAnalysis, from: number, to: number): boolean {
  const [f0, f1] = frameRange(a, from - a.pitch.hopSeconds, to + a.pitch.hopSeconds);
  for (let f = f0; f < f1; f++) if (a.pitch.voiced[f]) return true;
  return false;
}
