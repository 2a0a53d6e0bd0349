import { saturationProcessor } from '../../../src/dsp/nonlinear/saturation.js';
import { valuesFromSettings } from '../../../src/dsp/params.js';
import type { Processor } from '../../../src/dsp/processor.js';

/** The saturation tests' common setup: 48 kHz, one channel, 512-frame blocks. */
export const SATURATION_FS = 48000;

export function createSaturation(settings: Record<string, unknown>): Processor {
  const p = saturationProcessor.create(valuesFromSettings(saturationProcessor.params, settings));
  p.prepare({ sampleRate: SATURATION_FS, maxBlockSize: 512, channels: 1 });
  return p;
}

export function sineInput(frames: number, frequencyHz: number, amplitude: number): Float32Array {
  const x = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    x[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / SATURATION_FS);
  }
  return x;
}
