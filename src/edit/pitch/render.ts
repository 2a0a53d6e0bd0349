import type { AudioData } from '../../core/audio.js';
import { voicedRegions } from './pitch-marks.js';
import { type FormantMode, renderPsola } from './psola.js';
import { ratioAtSample } from './shift-curve.js';
import { monoSum, type PitchTrack } from './track.js';

/**
 * Renders a per-frame pitch change (cents, on the track's frame grid) into `audio` with
 * PSOLA. Marks come from the mono sum, and every channel is shifted with the same marks,
 * so a stereo voice keeps its image. Returns new audio of the same length and rate.
 */
export function renderPitchCurve(
  audio: AudioData,
  track: PitchTrack,
  curveCents: Float64Array,
  formants: FormantMode,
): AudioData {
  const regions = voicedRegions(monoSum(audio), track);
  const ratioAt = ratioAtSample(curveCents, track.hopSeconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: renderPsola(audio.channels, regions, ratioAt, formants),
  };
}

/** Fraction of the track's frames that are voiced (for findings). */
export function voicedFraction(track: PitchTrack): number {
  let voiced = 0;
  for (let f = 0; f < track.frameCount; f++) voiced += track.voiced[f];
  return track.frameCount > 0 ? voiced / track.frameCount : 0;
}
