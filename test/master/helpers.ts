import { RealFft } from '../../src/core/fft.js';
import { validateParams, valuesFromSettings } from '../../src/dsp/params.js';
import type { Processor, ProcessorDefinition } from '../../src/dsp/processor.js';
import { run } from '../dsp/contract.js';

/** Small measurement helpers for the mastering tests (independent of the code under test). */

/** A processor from validated settings, prepared for `channels` at `sampleRate`. */
export function prepared(
  definition: ProcessorDefinition,
  settings: Record<string, unknown>,
  sampleRate: number,
  channels: number,
): Processor {
  const issues = validateParams(definition.params, settings);
  if (issues.length > 0) throw new Error(`bad test settings: ${JSON.stringify(issues)}`);
  const p = definition.create(valuesFromSettings(definition.params, settings));
  p.prepare({ sampleRate, maxBlockSize: 512, channels });
  return p;
}

/** Runs `input` through a fresh processor in 512-frame blocks. */
export function processWith(
  definition: ProcessorDefinition,
  settings: Record<string, unknown>,
  sampleRate: number,
  input: Float32Array[],
): Float32Array[] {
  return run(prepared(definition, settings, sampleRate, input.length), input, 512);
}

/** |FFT| of a real signal in dB at every bin from 0 to Nyquist. */
export function magnitudeDb(signal: ArrayLike<number>): Float64Array {
  const n = signal.length;
  const fft = new RealFft(n);
  const spectrum = fft.createSpectrum();
  fft.forward(signal, spectrum);
  const out = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    out[k] = 10 * Math.log10(spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2);
  }
  return out;
}

/** Largest |value| of an array. */
export function maxAbsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

export function tone(
  frequencyHz: number,
  amplitude: number,
  frames: number,
  sampleRate: number,
): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    out[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
  }
  return out;
}

/** RMS level in dB of `x[start … end)`. */
export function rmsDb(x: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return 10 * Math.log10(sum / (end - start));
}

/**
 * Amplitude of the `frequencyHz` component of `x[start … start + n)` by correlation with a
 * sine and a cosine (exact for a steady tone over a whole number of periods).
 */
export function toneAmplitude(
  x: ArrayLike<number>,
  frequencyHz: number,
  sampleRate: number,
  start: number,
  n: number,
): number {
  let s = 0;
  let c = 0;
  for (let i = start; i < start + n; i++) {
    const w = (2 * Math.PI * frequencyHz * i) / sampleRate;
    s += x[i] * Math.sin(w);
    c += x[i] * Math.cos(w);
  }
  return (2 * Math.hypot(s, c)) / n;
}
