import { percentile } from '../pitch/track.js';
import { clippedFramesIn } from './clipping.js';
import { frameRange, type TakeAnalysis } from './take-analysis.js';
import type { Phrase } from './types.js';

/**
 * Noise and clipping of a take over a phrase's territory (what it would play if chosen):
 * the product of three factors, each 1 when clean —
 *   clipping: 1 − clipped time / CLIPPED_SCALE_MS (10 ms of flat tops and worse score 0);
 *   clicks:   1 − clicks / CLICK_SCALE (one click costs a third; three or more score 0);
 *   noise floor: the voice's level above the floor between notes (the pitch tracker's frame
 *     levels: median of voiced frames minus median of unvoiced frames), mapped linearly
 *     from SNR_RANGE_DB[0] (score 0) to SNR_RANGE_DB[1] (score 1).
 * A product, because any one of them ruins the phrase whatever the others say.
 */
export const CLIPPED_SCALE_MS = 10;
export const CLICK_SCALE = 3;
export const SNR_RANGE_DB: readonly [number, number] = [10, 40];
/** Fewest unvoiced frames (5 ms each) for a floor reading; fewer and the quietest tenth is used. */
const MIN_FLOOR_FRAMES = 20;

export interface NoiseResult {
  readonly score: number;
  /** Frames clipped in any channel (clipped samples, for a mono take). */
  readonly clippedSamples: number;
  /** Click events (see CLICK_EVENT_SECONDS). */
  readonly clicks: number;
  /** Median level of the frames between notes, dBFS (pitch tracker's window level). */
  readonly noiseFloorDbfs: number | null;
  /** Voice above floor, dB; null when nothing is sung in the territory. */
  readonly snrDb: number | null;
}

export function measureNoise(analysis: TakeAnalysis, phrase: Phrase): NoiseResult {
  const { fromSeconds, toSeconds } = phrase;
  const fs = analysis.sampleRate;
  const clippedSamples = clippedFramesIn(
    analysis.clippedRuns,
    Math.round((fromSeconds - analysis.startSeconds) * fs),
    Math.round((toSeconds - analysis.startSeconds) * fs),
  );
  const clicks = analysis.clickSeconds.filter((t) => t >= fromSeconds && t < toSeconds).length;

  const [a, b] = frameRange(analysis, fromSeconds, toSeconds);
  const { levelDb, voiced } = analysis.pitch;
  const sung: number[] = [];
  const between: number[] = [];
  for (let f = a; f < b; f++) (voiced[f] ? sung : between).push(levelDb[f]);
  const floor =
    between.length >= MIN_FLOOR_FRAMES
      ? percentile(between, 0.5)
      : b > a
        ? percentile(levelDb.subarray(a, b), 0.1)
        : Number.NaN;
  const snrDb = sung.length > 0 && Number.isFinite(floor) ? percentile(sung, 0.5) - floor : null;

  const clipFactor = Math.max(0, 1 - (1000 * clippedSamples) / fs / CLIPPED_SCALE_MS);
  const clickFactor = Math.max(0, 1 - clicks / CLICK_SCALE);
  const [low, high] = SNR_RANGE_DB;
  const floorFactor = snrDb === null ? 1 : Math.min(1, Math.max(0, (snrDb - low) / (high - low)));
  return {
    score: clipFactor * clickFactor * floorFactor,
    clippedSamples,
    clicks,
    noiseFloorDbfs: Number.isFinite(floor) ? floor : null,
    snrDb,
  };
}
