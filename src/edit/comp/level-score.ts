import { LoudnessMeter } from '../../analysis/index.js';
import { frameCount } from '../../core/audio.js';
import type { CompTake } from './types.js';

/**
 * Level consistency: a take whose phrase comes out louder or softer than the same take
 * elsewhere, *beyond what the other takes do in that phrase*, was sung (or recorded)
 * inconsistently — a lean into the mic, a step back. With L[t][p] the phrase's integrated
 * loudness (BS.1770, src/analysis) over its sung stretch:
 *   relative level  r[t][p] = L[t][p] − median over the take's phrases of L[t][·]
 *   deviation       d[t][p] = r[t][p] − median over takes of r[·][p]
 * so a phrase that every take sings louder (a chorus) costs nothing, and the takes' own
 * gains (which the comp could match) cancel. Score 1 − |d| / LEVEL_SCALE_LU, floored at 0.
 */
export const LEVEL_SCALE_LU = 6;

export interface LevelResult {
  readonly score: number;
  /** Integrated loudness of the phrase in this take; null below the gate or too short. */
  readonly loudnessLufs: number | null;
  /** d[t][p] above, LU; null when not measurable. */
  readonly deviationLu: number | null;
}

/** Integrated loudness (LUFS) of the take over timeline [fromSeconds, toSeconds). */
export function phraseLoudnessLufs(take: CompTake, fromSeconds: number, toSeconds: number): number {
  const { audio } = take;
  const fs = audio.sampleRate;
  const from = Math.max(0, Math.round((fromSeconds - take.startSeconds) * fs));
  const to = Math.min(frameCount(audio), Math.round((toSeconds - take.startSeconds) * fs));
  if (to <= from) return Number.NEGATIVE_INFINITY;
  const meter = new LoudnessMeter({ sampleRate: fs, channels: audio.channels.length });
  meter.push(
    audio.channels.map((c) => c.subarray(from, to)),
    to - from,
  );
  return meter.result().integratedLufs;
}

function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Scores from loudness[take][phrase] (LUFS; -Infinity where not measurable). */
export function levelResults(loudness: readonly (readonly number[])[]): LevelResult[][] {
  const relative = loudness.map((row) => {
    const centre = median(row);
    return row.map((l) => l - centre);
  });
  const phrases = loudness[0]?.length ?? 0;
  const centres = Array.from({ length: phrases }, (_, p) => median(relative.map((r) => r[p])));
  return loudness.map((row, t) =>
    row.map((l, p) => {
      const d = relative[t][p] - centres[p];
      if (!Number.isFinite(l) || !Number.isFinite(d))
        return { score: 1, loudnessLufs: Number.isFinite(l) ? l : null, deviationLu: null };
      return {
        score: Math.max(0, 1 - Math.abs(d) / LEVEL_SCALE_LU),
        loudnessLufs: l,
        deviationLu: d,
      };
    }),
  );
}
