import { type AudioData, createAudio, frameCount } from '../../core/audio.js';
import type { ResampleQuality } from './quality.js';
import { Resampler } from './resampler.js';

export interface ResampleAudioOptions {
  readonly quality?: ResampleQuality;
}

/** Outputs computed and thrown away per read while skipping the latency. */
const DISCARD_FRAMES = 4096;

/**
 * Convert a whole buffer to `outputRateHz`, time-aligned with the input: output frame k is
 * the band-limited input at time k / fs_out (the resampler's delay is removed exactly), and
 * silence is assumed before the first and after the last input frame.
 *
 * Length: round(frames · fs_out / fs_in), halves rounded up — the duration of the input,
 * to the nearest output frame (e.g. 44100 frames at 44.1 kHz → 48000 frames at 48 kHz;
 * 3 frames at 96 kHz → 2 frames at 48 kHz). Equal rates return a copy.
 */
export function resampleAudio(
  audio: AudioData,
  outputRateHz: number,
  options: ResampleAudioOptions = {},
): AudioData {
  const frames = frameCount(audio);
  const channelCount = audio.channels.length;
  const resampler = new Resampler({
    inputRateHz: audio.sampleRate,
    outputRateHz,
    channels: Math.max(1, channelCount),
    quality: options.quality,
  });
  const { upFactor: up, downFactor: down } = resampler.filter;
  // round(frames · up / down), halves up, in integers.
  const alignedFrames = Math.floor((2 * frames * up + down) / (2 * down));
  const result = createAudio(outputRateHz, channelCount, alignedFrames);
  if (channelCount === 0) return result;

  // Pull mode: the source hands out the input, then silence, exactly as far as asked.
  let position = 0;
  const source = (channels: readonly Float32Array[], count: number): void => {
    const available = Math.max(0, Math.min(count, frames - position));
    for (let c = 0; c < channelCount; c++) {
      channels[c].set(audio.channels[c].subarray(position, position + available));
      channels[c].fill(0, available, count);
    }
    position += count;
  };
  // The first latencyOutputFrames outputs lie before input time 0: compute and discard them.
  const latency = resampler.latencyOutputFrames;
  const discard = audio.channels.map(() => new Float32Array(Math.min(latency, DISCARD_FRAMES)));
  for (let done = 0; done < latency; done += DISCARD_FRAMES) {
    resampler.read(discard, Math.min(latency - done, DISCARD_FRAMES), source);
  }
  resampler.read(result.channels, alignedFrames, source);
  return result;
}
