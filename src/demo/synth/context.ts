import { prngFor } from './random.js';
import { roomNoise } from './room-noise.js';
import type { Arrangement } from './types.js';

/** What every take's recorder needs to know. */
export interface TakeContext {
  readonly arrangement: Arrangement;
  readonly sampleRate: number;
  /** Length of every take, samples. */
  readonly frames: number;
  readonly seed: number;
}

/** The room noise of one channel of one take: its own random stream, the stated level. */
export function takeNoise(
  ctx: TakeContext,
  take: string,
  channel: number,
  levelDbfs: number,
): Float32Array {
  return roomNoise(
    ctx.frames,
    ctx.sampleRate,
    levelDbfs,
    prngFor(ctx.seed, `${take} room ${channel}`),
  );
}

export function addSignal(target: Float32Array, source: Float32Array): void {
  for (let n = 0; n < target.length; n++) target[n] += source[n];
}
