import type { AudioData } from '../../../src/core/audio.js';
import type { DemoTakes } from '../../../src/demo/synth/index.js';

/** The take called `name`, or a failed test naming what exists. */
export function takeAudio(demo: DemoTakes, name: string): AudioData {
  const take = demo.takes.find((t) => t.name === name);
  if (!take)
    throw new Error(`no take "${name}"; takes are ${demo.takes.map((t) => t.name).join(', ')}`);
  return take.audio;
}

export function mono(demo: DemoTakes, name: string): Float32Array {
  return takeAudio(demo, name).channels[0];
}

export function dbfs(amplitude: number): number {
  return 20 * Math.log10(amplitude);
}

export function rms(x: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let n = start; n < end; n++) sum += x[n] * x[n];
  return Math.sqrt(sum / (end - start));
}
