import { recordBass } from './bass.js';
import { addSignal, type TakeContext, takeNoise } from './context.js';
import { HUM, humHarmonics, LATE_OVERDUB } from './flaw-plan.js';
import { addHum } from './flaws.js';
import { delayByFraction } from './fractional-delay.js';
import { gainToPeak, peakAbs, scaleInPlace } from './levels.js';
import { prngFor } from './random.js';
import { TAKE } from './take-names.js';
import type { HumTruth, LateOverdubTruth } from './truth.js';

export const BASS_PEAK_DBFS = -8;
export const BASS_NOISE_DBFS = -60;

export interface BassTake {
  readonly take: Float32Array;
  /** With flaws: the DI on time and without hum (same noise). */
  readonly reference: Float32Array | null;
  readonly lateOverdub: LateOverdubTruth | null;
  readonly hum: HumTruth | null;
}

/**
 * The bass DI take. With flaws it was overdubbed late (a constant fractional offset) and
 * picked up mains hum; the room noise is the same in the take and its reference, as it is
 * not part of what was played late.
 */
export function recordBassTake(ctx: TakeContext, flaws: boolean): BassTake {
  const { arrangement, frames, sampleRate, seed } = ctx;
  const music = recordBass(arrangement.bass, arrangement.tempoBpm, frames, sampleRate, seed);
  scaleInPlace(music, gainToPeak(peakAbs(music), BASS_PEAK_DBFS));
  const noise = takeNoise(ctx, TAKE.bass, 0, BASS_NOISE_DBFS);
  if (!flaws) {
    addSignal(music, noise);
    return { take: music, reference: null, lateOverdub: null, hum: null };
  }
  // Rounded to 1e-9 samples so the record reads 1123.2, not 1123.1999999999998.
  const offsetSamples = Math.round(LATE_OVERDUB.offsetMs * sampleRate * 1e6) / 1e9;
  const take = delayByFraction(music, offsetSamples);
  addSignal(take, noise);
  const harmonics = humHarmonics(prngFor(seed, 'flaw hum'));
  addHum(take, harmonics, sampleRate);
  addSignal(music, noise);
  return {
    take,
    reference: music,
    lateOverdub: { take: TAKE.bass, offsetMs: LATE_OVERDUB.offsetMs, offsetSamples },
    hum: { take: HUM.take, mainsHz: HUM.mainsHz, harmonics },
  };
}
