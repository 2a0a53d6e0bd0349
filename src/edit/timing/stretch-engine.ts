/**
 * The stretch engine: renders a clip through a time map (warp points, source → output
 * seconds), preserving pitch and transients. Onsets are found in the clip (onsets.ts), held
 * rigid in the map (transient-map.ts), and the phase vocoder renders the result
 * (phase-vocoder.ts; window ≈ 43 ms, hop a quarter of it). Deterministic: the same audio
 * and points give the same samples.
 *
 * The output runs from output time 0 to where the map sends the clip's end; output before
 * the clip's start (a map sending source 0 later than 0) is silence, and source material
 * mapped before output time 0 is dropped.
 */
import type { AudioData } from '../../core/audio.js';
import { frameSizeFor } from './hann.js';
import { detectOnsets } from './onsets.js';
import { phaseVocoder, STRETCH_FRAME_SECONDS } from './phase-vocoder.js';
import { PiecewiseLinearMap, type WarpPoint } from './time-map.js';
import { protectTransients } from './transient-map.js';

export interface StretchOptions {
  /** Hold onsets rigid and phase-reset them (default true). */
  readonly preserveTransients?: boolean;
}

export interface StretchResult {
  readonly audio: AudioData;
  /** Onsets found in the clip. */
  readonly onsets: number;
  /** Of those, how many were held rigid (the others were too close for the stretch). */
  readonly protectedOnsets: number;
}

/** Points must already be valid (`validateWarpPoints`). */
export function renderTimeMap(
  audio: AudioData,
  points: readonly WarpPoint[],
  options: StretchOptions = {},
): StretchResult {
  const fs = audio.sampleRate;
  const sourceFrames = audio.channels.length === 0 ? 0 : audio.channels[0].length;
  const userMap = PiecewiseLinearMap.fromPoints(points, fs);
  const outputFrames = Math.max(0, Math.round(userMap.forward(sourceFrames)));
  const frameSize = frameSizeFor(STRETCH_FRAME_SECONDS, fs);
  const onsets =
    options.preserveTransients === false
      ? []
      : detectOnsets(audio).map((o) => Math.round(o.seconds * fs));
  const plan = protectTransients(userMap, onsets, frameSize / 2, frameSize / 4, sourceFrames);
  const channels = phaseVocoder(audio.channels, frameSize, { ...plan, outputFrames });
  return {
    audio: { sampleRate: fs, channels },
    onsets: onsets.length,
    protectedOnsets: plan.resets.length,
  };
}
