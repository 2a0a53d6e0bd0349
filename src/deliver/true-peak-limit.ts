import type { AudioData } from '../core/audio.js';
import { limiterProcessor } from '../dsp/nonlinear/index.js';
import { valuesFromSettings } from '../dsp/params.js';

/**
 * Re-limit a master at a lower true-peak ceiling, for the compliance loop: the project's
 * true-peak limiter (src/dsp/nonlinear/limiter.ts — 8× detection, output never above the
 * ceiling measured at 16×) with its default look-ahead (2 ms) and release (100 ms), stereo
 * linked. Its latency is removed, so the result lines up with the input sample for sample
 * and has the same length; material already under the ceiling passes bit for bit.
 */

/** The lowest ceiling the limiter's declaration allows (dBTP). */
export const LOWEST_LIMITER_CEILING_DBTP = limiterProcessor.params.ceilingDbtp.min;

const BLOCK_FRAMES = 4096;

export function limitTruePeak(audio: AudioData, ceilingDbtp: number): AudioData {
  const channelCount = audio.channels.length;
  const frames = channelCount > 0 ? audio.channels[0].length : 0;
  const limiter = limiterProcessor.create(
    valuesFromSettings(limiterProcessor.params, { ceilingDbtp }),
  );
  limiter.prepare({
    sampleRate: audio.sampleRate,
    maxBlockSize: BLOCK_FRAMES,
    channels: channelCount,
  });
  const latency = limiter.latency;
  const output = audio.channels.map(() => new Float32Array(frames));
  const block = audio.channels.map(() => new Float32Array(BLOCK_FRAMES));
  // Feed the input and then `latency` frames of silence; keep outputs from `latency` on.
  const total = frames + latency;
  for (let start = 0; start < total; start += BLOCK_FRAMES) {
    const length = Math.min(BLOCK_FRAMES, total - start);
    for (let c = 0; c < channelCount; c++) {
      const available = Math.max(0, Math.min(length, frames - start));
      block[c].set(audio.channels[c].subarray(start, start + available));
      block[c].fill(0, available, length);
    }
    limiter.process({ channels: block, length });
    // Output frame j of this block is input frame start + j − latency.
    const from = Math.max(0, latency - start);
    for (let c = 0; c < channelCount; c++) {
      output[c].set(block[c].subarray(from, length), start + from - latency);
    }
  }
  return { sampleRate: audio.sampleRate, channels: output };
}
