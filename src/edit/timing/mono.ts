import type { AudioData } from '../../core/audio.js';

/**
 * The channels' mean, in double precision, as one signal for analysis: onsets, tempo and
 * alignment look at the whole clip, not at one side of it.
 */
export function monoMix(audio: AudioData): Float32Array {
  const channels = audio.channels;
  if (channels.length === 1) return channels[0];
  const frames = channels.length === 0 ? 0 : channels[0].length;
  const out = new Float32Array(frames);
  const scale = 1 / channels.length;
  for (let n = 0; n < frames; n++) {
    let sum = 0;
    for (const channel of channels) sum += channel[n];
    out[n] = sum * scale;
  }
  return out;
}
