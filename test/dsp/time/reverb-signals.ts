import type { ProcessSpec } from '../../../src/core/block.js';
import { reverbProcessor } from '../../../src/dsp/time/reverb.js';
import { run } from '../contract.js';
import { impulse, prepared } from './helpers.js';

export const stereoSpec = (sampleRate: number): ProcessSpec => ({
  sampleRate,
  maxBlockSize: 512,
  channels: 2,
});

/** Wet-only impulse response of a centred impulse, `seconds` long. */
export function impulseResponse(
  settings: Record<string, unknown>,
  sampleRate: number,
  seconds: number,
): Float32Array[] {
  const p = prepared(
    reverbProcessor,
    { mix: 100, preDelayMs: 0, ...settings },
    stereoSpec(sampleRate),
  );
  return run(p, impulse(2, Math.ceil(seconds * sampleRate), [0, 1]), 512);
}
