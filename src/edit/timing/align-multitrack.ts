/**
 * Phase alignment of tracks that hear the same source from different places (close mics
 * and overheads of a drum kit, a DI and an amp mic): each track's delay and polarity
 * relative to a reference, from the GCC-PHAT peak and its sign (gcc-phat.ts). Nothing is
 * refused here — a track that hardly correlates gets a low confidence for the caller to
 * judge (an overhead hears a close mic's drum only in part).
 */
import type { AudioData } from '../../core/audio.js';
import { checkRates } from './estimate-offset.js';
import { estimateDelay } from './gcc-phat.js';
import { monoMix } from './mono.js';

export interface TrackAlignment {
  /**
   * How much later (seconds) the track hears the source than the reference; shift the
   * track by −delaySeconds to line it up.
   */
  readonly delaySeconds: number;
  /** The track's correlation with the reference peaks negative: flip its polarity. */
  readonly polarityInverted: boolean;
  /** |normalised correlation| at that delay (0–1). */
  readonly confidence: number;
}

export interface MultitrackOptions {
  /** Largest delay searched, either way (default 0.05 s: 17 m of air). */
  readonly maxSeconds?: number;
}

export function alignMultitrack(
  reference: AudioData,
  others: readonly AudioData[],
  options: MultitrackOptions = {},
): TrackAlignment[] {
  const maxSeconds = options.maxSeconds ?? 0.05;
  const guide = monoMix(reference);
  return others.map((track) => {
    checkRates(reference, track);
    const { lagSamples, correlation } = estimateDelay(
      guide,
      monoMix(track),
      maxSeconds * reference.sampleRate,
    );
    return {
      delaySeconds: lagSamples / reference.sampleRate,
      polarityInverted: correlation < 0,
      confidence: Math.abs(correlation),
    };
  });
}
