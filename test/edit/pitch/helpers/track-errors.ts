import type { PitchTrack } from '../../../../src/edit/pitch/index.js';
import type { SungMelody } from './sung-melody.js';

/**
 * A pitch track scored against the generator's ground truth, frame by frame: gross errors
 * (more than 20 % ≈ 316 cents off, the usual GPE criterion, which catches octave errors),
 * RMS error in cents of the rest, and voicing mistakes.
 */
export interface TrackScore {
  /** Frames where the voice sounds at more than half its note level. */
  readonly voicedFrames: number;
  /** …of which the tracker called unvoiced. */
  readonly missedFrames: number;
  readonly grossErrors: number;
  readonly rmsCents: number;
  readonly maxCents: number;
}

/**
 * `delaySeconds` compares frame t with the source pitch at t − delay: the formant filter
 * delays the waveform, and with it the period the tracker sees, by its group delay.
 */
export function scoreTrack(
  track: PitchTrack,
  melody: SungMelody,
  include: (t: number) => boolean = () => true,
  delaySeconds = 0,
): TrackScore {
  let voicedFrames = 0;
  let missedFrames = 0;
  let grossErrors = 0;
  let sum = 0;
  let counted = 0;
  let maxCents = 0;
  for (let f = 0; f < track.frameCount; f++) {
    const t = f * track.hopSeconds;
    if (melody.envelopeAt(t) <= 0.5 || !include(t)) continue;
    voicedFrames++;
    if (!track.voiced[f]) {
      missedFrames++;
      continue;
    }
    const cents = 1200 * Math.log2(track.f0Hz[f] / melody.f0At(t - delaySeconds));
    if (Math.abs(cents) > 1200 * Math.log2(1.2)) {
      grossErrors++;
      continue;
    }
    sum += cents * cents;
    counted++;
    maxCents = Math.max(maxCents, Math.abs(cents));
  }
  return {
    voicedFrames,
    missedFrames,
    grossErrors,
    rmsCents: Math.sqrt(sum / Math.max(1, counted)),
    maxCents,
  };
}
