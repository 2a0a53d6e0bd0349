import type { PhraseScores, TakePhraseScore } from './score-phrases.js';
import type { CompWeights, Criterion } from './weights.js';

/**
 * One line per phrase saying why its take was chosen: the chosen take's total, then for
 * each other take (best first) its total and the criterion that cost it the most (weight ×
 * lost score), in its own units. When hysteresis kept a take that is not the phrase's best,
 * the line says so.
 */
export function phraseReason(
  scores: PhraseScores,
  chosen: number,
  weights: CompWeights,
  switchMargin: number,
): string {
  const takes = scores.takes;
  const best = takes.reduce((b, s, t) => (s.total > takes[b].total + 1e-12 ? t : b), 0);
  const pick = takes[chosen];
  const lead =
    best === chosen
      ? `${pick.take} scores best (${pick.total.toFixed(2)})`
      : `${pick.take} kept (${pick.total.toFixed(2)}): ${takes[best].take} is only ${(takes[best].total - pick.total).toFixed(3)} ahead here, not worth a switch at a margin of ${switchMargin}`;
  const others = takes
    .map((s, t) => ({ s, t }))
    .filter(({ t }) => t !== chosen)
    .sort((a, b) => b.s.total - a.s.total || a.t - b.t)
    .map(({ s }) => `${s.take} ${s.total.toFixed(2)}: ${weakest(s, weights)}`);
  return [lead, ...others].join('; ');
}

/** The criterion that cost this take the most, described by its raw measure. */
export function weakest(s: TakePhraseScore, weights: CompWeights): string {
  const loss: Record<Criterion, number> = {
    pitch: weights.pitch * (1 - s.pitch.score),
    timing: weights.timing * (1 - s.timing.score),
    noise: weights.noise * (1 - s.noise.score),
    level: weights.level * (1 - s.level.score),
  };
  const worst = (Object.keys(loss) as Criterion[]).reduce((a, b) => (loss[b] > loss[a] ? b : a));
  if (loss[worst] < 0.01) return 'as good on every count';
  return describe(s, worst);
}

export function describe(s: TakePhraseScore, criterion: Criterion): string {
  switch (criterion) {
    case 'pitch':
      return s.pitch.meanAbsCents === null
        ? 'nothing sung'
        : `pitch ${s.pitch.meanAbsCents.toFixed(0)} cent${s.pitch.meanAbsCents.toFixed(0) === '1' ? '' : 's'} off`;
    case 'timing':
      return s.timing.meanAbsMs === null
        ? 'nothing sung'
        : `timing ${s.timing.meanAbsMs.toFixed(0)} ms off`;
    case 'noise': {
      const n = s.noise;
      if (n.clippedSamples > 0) return `${n.clippedSamples} clipped samples`;
      if (n.clicks > 0) return `${n.clicks} click${n.clicks === 1 ? '' : 's'}`;
      return `voice only ${n.snrDb?.toFixed(0)} dB above the noise`;
    }
    case 'level': {
      const d = s.level.deviationLu ?? 0;
      return `level ${d >= 0 ? '+' : ''}${d.toFixed(1)} LU out of line with its other phrases`;
    }
  }
}
