/**
 * Test-signal synthesis for the analysis tests: tones defined by the standards (peak level in
 * dBFS per channel, 1 kHz unless stated), built sample-exactly so every test can state its
 * expected value from mathematics.
 */
import type { AudioData } from '../../src/core/audio.js';
import { dbToGain } from '../../src/core/units.js';

export const SILENCE = Number.NEGATIVE_INFINITY;

export interface Segment {
  readonly seconds: number;
  /** Sine peak level in dBFS; SILENCE for digital silence. */
  readonly dbfs: number;
}

/**
 * Consecutive tone segments of one frequency with continuous phase (Tech 3341 leaves the
 * phase at segment joins open; its effect is < 0.001 LU, loudness.md §3.1). Segment lengths
 * are rounded to whole samples.
 */
export function toneSegments(
  sampleRate: number,
  segments: readonly Segment[],
  frequencyHz = 1000,
): Float32Array {
  const lengths = segments.map((s) => Math.round(s.seconds * sampleRate));
  const out = new Float32Array(lengths.reduce((a, b) => a + b, 0));
  const table = sinePeriod(sampleRate, frequencyHz);
  let n = 0;
  segments.forEach((segment, i) => {
    const gain = segment.dbfs === SILENCE ? 0 : dbToGain(segment.dbfs);
    for (let end = n + lengths[i]; n < end; n++) out[n] = gain * table[n % table.length];
  });
  return out;
}

/**
 * One exact period of sin(2π·f·n/fs) (f/fs rational with a small period), so long tones cost a
 * table lookup per sample and carry no phase-accumulation error.
 */
function sinePeriod(sampleRate: number, frequencyHz: number): Float64Array {
  const period = sampleRate / gcd(sampleRate, frequencyHz);
  if (!Number.isInteger(period) || period > 10_000_000) {
    throw new RangeError(`no short exact period for ${frequencyHz} Hz at ${sampleRate} Hz`);
  }
  const cycles = (frequencyHz * period) / sampleRate;
  const table = new Float64Array(period);
  for (let n = 0; n < period; n++) table[n] = Math.sin((2 * Math.PI * cycles * n) / period);
  return table;
}

function gcd(a: number, b: number): number {
  let x = Math.round(a);
  let y = Math.round(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** The same samples on L and R ("stereo" in Tech 3341: identical, in phase). */
export function stereo(sampleRate: number, samples: Float32Array): AudioData {
  return { sampleRate, channels: [samples, samples] };
}

/**
 * A sine of `amplitude` at `sampleRate / period` Hz starting at `phaseDegrees`, with raised-cosine
 * fades of `fadeSeconds` at both ends (Tech 3341 cases 15–19; loudness.md §3.1).
 */
export function fadedSine(
  sampleRate: number,
  periodSamples: number,
  amplitude: number,
  phaseDegrees: number,
  seconds = 0.5,
  fadeSeconds = 0.01,
): Float32Array {
  const frames = Math.round(seconds * sampleRate);
  const fade = Math.round(fadeSeconds * sampleRate);
  const phase = (phaseDegrees * Math.PI) / 180;
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) {
    const edge = Math.min(n, frames - 1 - n);
    const gain = edge < fade ? 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade) : 1;
    out[n] = amplitude * gain * Math.sin((2 * Math.PI * n) / periodSamples + phase);
  }
  return out;
}

/** Every number in a value (deeply, including typed arrays), for NaN checks. */
export function allNumbers(value: unknown, path = '$'): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v, i) => [`${path}[${i}]`, v]);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => allNumbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => allNumbers(v, `${path}.${k}`));
  }
  return [];
}
