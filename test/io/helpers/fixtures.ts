import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { MixdownError } from '../../../src/core/errors.js';
import { Prng } from '../../../src/core/prng.js';

/**
 * Test fixtures are made here, in code (DESIGN.md: no binary fixtures). The file writers
 * below are deliberately independent of src/io — built field by field from the format
 * specifications — so a reader is checked against the spec, not against its own writer.
 */

/** A fresh temporary folder per test file, removed afterwards. */
export function useTempDir(): { path: (name: string) => string; dir: () => string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mixdown-io-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { path: (name) => join(dir, name), dir: () => dir };
}

export async function writeFixture(path: string, bytes: Uint8Array | string): Promise<string> {
  await writeFile(path, bytes);
  return path;
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Random integer codes covering the whole n-bit range, both extremes included. */
export function randomCodes(bits: number, frames: number, seed: number): Int32Array {
  const prng = new Prng(seed);
  const max = 2 ** (bits - 1);
  const codes = new Int32Array(frames);
  for (let i = 0; i < frames; i++) codes[i] = Math.floor(prng.next() * 2 * max) - max;
  if (frames > 2) {
    codes[0] = -max;
    codes[1] = max - 1;
    codes[2] = 0;
  }
  return codes;
}

/** Planar integer codes, one array per channel, each channel with its own seed. */
export function randomPlanarCodes(bits: number, channels: number, frames: number, seed = 1) {
  return Array.from({ length: channels }, (_, c) => randomCodes(bits, frames, seed * 101 + c));
}

/** Codes as floats on the n-bit grid (code / 2^(n−1)), as every reader returns them. */
export function codesToFloat(codes: Int32Array, bits: number): Float32Array {
  const scale = 2 ** (bits - 1);
  return Float32Array.from(codes, (code) => code / scale);
}

/**
 * Music-like test signal: five tones at unrelated frequencies under a slow envelope, so
 * the cross-correlation used to measure alignment has one clear peak.
 */
export function multiTone(sampleRate: number, frames: number, channel = 0): Float32Array {
  const hz = [220, 347, 1013, 2731, 6007];
  const amp = [0.2, 0.15, 0.12, 0.08, 0.05];
  const step = hz.map((f) => (2 * Math.PI * f * (1 + 0.01 * channel)) / sampleRate);
  const envelopeStep = (2 * Math.PI * 0.7) / sampleRate;
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const envelope = 0.6 + 0.4 * Math.sin(envelopeStep * i + channel);
    let v = 0;
    for (let k = 0; k < 5; k++) v += amp[k] * Math.sin(step[k] * i);
    out[i] = envelope * v;
  }
  return out;
}

/** Lag (in samples) at which `decoded` best matches `reference`, searched in ±maxLag. */
export function bestLag(reference: Float32Array, decoded: Float32Array, maxLag: number): number {
  const start = maxLag;
  const end = Math.min(reference.length, decoded.length) - maxLag;
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = start; i < end; i += 2) score += reference[i] * decoded[i + lag];
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}

/** Signal-to-error ratio in dB of `decoded` against `reference`, frames [from, to). */
export function snrDb(reference: Float32Array, decoded: Float32Array, from: number, to: number) {
  let signal = 0;
  let error = 0;
  for (let i = from; i < to; i++) {
    signal += reference[i] ** 2;
    error += (decoded[i] - reference[i]) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

/** Assert a rejected promise is a MixdownError with `code` and a one-sentence message. */
export async function expectMixdownError(
  promise: Promise<unknown>,
  code: string,
  mentions: string,
): Promise<MixdownError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a MixdownError').toBeInstanceOf(MixdownError);
  const error = caught as MixdownError;
  expect(error.code, error.message).toBe(code);
  expectOneSentence(error.message, mentions);
  return error;
}

export function expectOneSentence(message: string, mentions: string): void {
  expect(message).toContain(mentions);
  expect(message).not.toMatch(/[\r\n]/);
  expect(message).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
  expect(message.endsWith('.')).toBe(true);
  // One sentence: no full stop followed by a capitalised word inside it.
  expect(message.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
  expect(message.startsWith(mentions)).toBe(true);
}
