/**
 * Constant offset between a guide and a take of the same material (a re-bounce, a second
 * microphone, a copy that slipped), for the `shift` operation: GCC-PHAT with a sub-sample
 * peak (gcc-phat.ts). Refuses material that does not correlate, rather than returning a
 * confident-looking number for two different performances.
 */
import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { estimateDelay } from './gcc-phat.js';
import { monoMix } from './mono.js';

export interface OffsetEstimate {
  /**
   * How much later (seconds) the take is than the guide; store `shift` with
   * offsetSeconds = −seconds on the take to line it up.
   */
  readonly seconds: number;
  /** |normalised correlation| at that offset (0–1). */
  readonly confidence: number;
}

export interface OffsetOptions {
  /** Largest offset searched, either way (default 1 s). */
  readonly maxSeconds?: number;
}

/**
 * Below this |correlation| the take is not the guide's material. In the tests
 * (test/edit/timing/estimate-offset.test.ts) another melody scores 0.08, drums against a
 * voice 0.01, the same notes sung again with other phases, vibrato and breath 0.25, and a
 * copy with its own noise at 20 dB SNR 0.995.
 */
export const MIN_OFFSET_CORRELATION = 0.3;

export function estimateOffset(
  guide: AudioData,
  take: AudioData,
  options: OffsetOptions = {},
): OffsetEstimate {
  checkRates(guide, take);
  const maxSeconds = options.maxSeconds ?? 1;
  const guideMono = monoMix(guide);
  const takeMono = monoMix(take);
  for (const [name, signal] of [
    ['guide', guideMono],
    ['take', takeMono],
  ] as const) {
    if (!signal.some((v) => v !== 0)) {
      throw new MixdownError('no-audio', `Cannot align: the ${name} is silent.`);
    }
  }
  const { lagSamples, correlation } = estimateDelay(
    guideMono,
    takeMono,
    maxSeconds * guide.sampleRate,
  );
  const confidence = Math.abs(correlation);
  if (!(confidence >= MIN_OFFSET_CORRELATION)) {
    throw new MixdownError(
      'invalid-argument',
      `Cannot align: the take does not match the guide (correlation ${confidence.toFixed(2)}, at least ${MIN_OFFSET_CORRELATION} needed within ±${maxSeconds} s); check that they are the same part, or align a different performance with a warp instead.`,
    );
  }
  return { seconds: lagSamples / guide.sampleRate, confidence };
}

export function checkRates(guide: AudioData, take: AudioData): void {
  if (guide.sampleRate !== take.sampleRate) {
    throw new MixdownError(
      'invalid-argument',
      `Cannot compare a take at ${take.sampleRate} Hz with a guide at ${guide.sampleRate} Hz; resample one of them first.`,
    );
  }
}
