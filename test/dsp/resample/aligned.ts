import { Resampler } from '../../../src/dsp/resample/resampler.js';

/**
 * Time-aligned conversion of one channel with an existing resampler (so that a sweep of
 * tones designs its filter once): reset, pull and discard `latencyOutputFrames`, then pull
 * `outputFrames`, the input followed by silence. resampleAudio does the same, and a test in
 * streaming.test.ts checks that the two agree bit for bit.
 */
export function alignedOutput(
  resampler: Resampler,
  input: Float32Array,
  outputFrames: number,
): Float32Array {
  resampler.reset();
  let position = 0;
  const source = (channels: readonly Float32Array[], frames: number): void => {
    const available = Math.max(0, Math.min(frames, input.length - position));
    channels[0].set(input.subarray(position, position + available));
    channels[0].fill(0, available, frames);
    position += frames;
  };
  const latency = new Float32Array(resampler.latencyOutputFrames);
  resampler.read([latency], latency.length, source);
  const output = new Float32Array(outputFrames);
  resampler.read([output], outputFrames, source);
  return output;
}

export function monoResampler(
  inputRateHz: number,
  outputRateHz: number,
  quality: 'standard' | 'mastering',
): Resampler {
  return new Resampler({ inputRateHz, outputRateHz, channels: 1, quality });
}
