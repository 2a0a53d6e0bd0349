import type { ProcessSpec } from '../../../src/core/block.js';
import { validateParams, valuesFromSettings } from '../../../src/dsp/params.js';
import type { CreateContext, Processor, ProcessorDefinition } from '../../../src/dsp/processor.js';

/** A processor from settings (validated like a session would be), prepared for `spec`. */
export function prepared(
  definition: ProcessorDefinition,
  settings: Record<string, unknown>,
  spec: ProcessSpec,
  context?: CreateContext,
): Processor {
  const issues = validateParams(definition.params, settings);
  if (issues.length > 0) throw new Error(`bad test settings: ${JSON.stringify(issues)}`);
  const p = definition.create(valuesFromSettings(definition.params, settings), context);
  p.prepare(spec);
  return p;
}

/** `channels` × `frames` of silence with a unit impulse at `at` on the listed channels. */
export function impulse(
  channels: number,
  frames: number,
  on: readonly number[] = [0],
  at = 0,
): Float32Array[] {
  return Array.from({ length: channels }, (_, c) => {
    const data = new Float32Array(frames);
    if (on.includes(c)) data[at] = 1;
    return data;
  });
}

/** |Σ x[n]·e^{−jωn}| over x[start … start+length) at `frequencyHz` (n counted from start). */
export function dftMagnitude(
  x: ArrayLike<number>,
  start: number,
  length: number,
  frequencyHz: number,
  sampleRate: number,
): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  let re = 0;
  let im = 0;
  for (let n = 0; n < length; n++) {
    const v = x[start + n];
    re += v * Math.cos(w * n);
    im -= v * Math.sin(w * n);
  }
  return Math.hypot(re, im);
}

export function energy(x: ArrayLike<number>, start = 0, end = x.length): number {
  let e = 0;
  for (let i = start; i < end; i++) e += x[i] * x[i];
  return e;
}

export const db = (ratio: number): number => 20 * Math.log10(ratio);

/**
 * Throws at the first index in [from, to) where actual[i] !== expected(i) (one expect per
 * sample would cost more than the DSP under test).
 */
export function expectSamples(
  actual: ArrayLike<number>,
  expected: (i: number) => number,
  from = 0,
  to = actual.length,
): void {
  for (let i = from; i < to; i++) {
    const want = expected(i);
    if (actual[i] !== want) throw new Error(`sample ${i} is ${actual[i]}, expected ${want}`);
  }
}
