import { expect, it } from 'vitest';
import type { AudioBlock, ProcessSpec } from '../../src/core/block.js';
import { Prng } from '../../src/core/prng.js';
import { Bypassable } from '../../src/dsp/bypass.js';
import { validateParams, valuesFromSettings } from '../../src/dsp/params.js';
import type { CreateContext, Processor, ProcessorDefinition } from '../../src/dsp/processor.js';

/**
 * The contract every processor keeps (STYLE.md §13), as a reusable suite: call
 * `processorContract(definition, settings)` inside a `describe`. `settings` should switch on
 * what the processor does (a boost, a threshold it crosses), not leave it idle.
 */
export function processorContract(
  definition: ProcessorDefinition,
  settings: Record<string, unknown> = {},
  context?: CreateContext,
): void {
  const create = (): Processor => {
    const issues = validateParams(definition.params, settings);
    if (issues.length > 0) throw new Error(`bad test settings: ${JSON.stringify(issues)}`);
    return definition.create(valuesFromSettings(definition.params, settings), context);
  };

  for (const sampleRate of [44100, 48000, 96000]) {
    for (const channels of [1, 2]) {
      const spec: ProcessSpec = { sampleRate, maxBlockSize: 512, channels };
      const label = `${sampleRate} Hz, ${channels} ch`;

      it(`${label}: preparing twice is harmless`, () => {
        const once = create();
        once.prepare(spec);
        const twice = create();
        twice.prepare(spec);
        twice.prepare(spec);
        twice.prepare({ ...spec, maxBlockSize: 256 });
        twice.prepare(spec);
        const input = noise(channels, sampleRate / 2, 1);
        expectSame(run(once, input, 512), run(twice, input, 512));
      });

      it(`${label}: reset clears tails and state`, () => {
        const p = create();
        p.prepare(spec);
        const input = noise(channels, sampleRate / 2, 2);
        const first = run(p, input, 512);
        p.reset();
        const silentAfterReset = run(p, silence(channels, 4096), 512);
        expect(maxAbs(silentAfterReset)).toBeLessThan(1e-10);
        p.reset();
        expectSame(run(p, input, 512), first);
      });

      it(`${label}: silence in gives silence out`, () => {
        const p = create();
        p.prepare(spec);
        expect(maxAbs(run(p, silence(channels, sampleRate), 512))).toBeLessThan(1e-10);
      });

      it(`${label}: no NaN, infinity or denormals, loud or decaying`, () => {
        const p = create();
        p.prepare(spec);
        const loud = scale(noise(channels, sampleRate / 4, 3), 4);
        const tiny = scale(noise(channels, sampleRate / 4, 4), 1e-30);
        const out = [loud, tiny, silence(channels, sampleRate * 2)].map((x) => run(p, x, 512));
        for (const block of out) {
          for (const data of block) {
            for (const v of data) {
              if (!Number.isFinite(v)) throw new Error(`non-finite output ${v}`);
              if (v !== 0 && Math.abs(v) < 1.1754943508222875e-38) throw new Error(`denormal ${v}`);
            }
          }
        }
      });

      it(`${label}: output does not depend on block size`, () => {
        const input = noise(channels, sampleRate / 2, 5);
        const a = create();
        a.prepare(spec);
        const b = create();
        b.prepare(spec);
        expectSame(run(a, input, 512), run(b, input, 'random'));
      });

      it(`${label}: bypass returns the input bit-exact (delayed by the reported latency)`, () => {
        const p = new Bypassable(create(), true);
        p.prepare(spec);
        // Long enough that the delayed input shows whatever the latency.
        const input = noise(channels, p.latency + 8192, 6);
        const out = run(p, input, 512);
        const latency = p.latency;
        for (let c = 0; c < channels; c++) {
          for (let i = 0; i < latency; i++) expect(out[c][i]).toBe(0);
          for (let i = latency; i < input[c].length; i++) {
            if (out[c][i] !== input[c][i - latency]) {
              throw new Error(
                `bypass differs at sample ${i}: ${out[c][i]} vs ${input[c][i - latency]}`,
              );
            }
          }
        }
      });
    }
  }
}

export function noise(channels: number, frames: number, seed: number): Float32Array[] {
  const prng = new Prng(seed);
  return Array.from({ length: channels }, () => {
    const data = new Float32Array(frames);
    for (let i = 0; i < frames; i++) data[i] = 0.5 * (prng.next() * 2 - 1);
    return data;
  });
}

export function silence(channels: number, frames: number): Float32Array[] {
  return Array.from({ length: channels }, () => new Float32Array(frames));
}

function scale(x: Float32Array[], k: number): Float32Array[] {
  return x.map((d) => d.map((v) => v * k));
}

export function maxAbs(x: Float32Array[]): number {
  let m = 0;
  for (const d of x) for (const v of d) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Runs `input` through `p` in blocks of `blockSize` (or seeded random sizes from 1 to 512)
 * and returns the output; the input is not modified.
 */
export function run(
  p: Processor,
  input: Float32Array[],
  blockSize: number | 'random',
): Float32Array[] {
  const frames = input[0].length;
  const out = input.map((d) => new Float32Array(d.length));
  const work = input.map(() => new Float32Array(512));
  const prng = new Prng(99);
  let pos = 0;
  while (pos < frames) {
    const size = blockSize === 'random' ? 1 + Math.floor(prng.next() * 512) : blockSize;
    const n = Math.min(size, frames - pos);
    input.forEach((d, c) => {
      work[c].set(d.subarray(pos, pos + n));
    });
    const block: AudioBlock = { channels: work, length: n };
    p.process(block);
    work.forEach((w, c) => {
      out[c].set(w.subarray(0, n), pos);
    });
    pos += n;
  }
  return out;
}

function expectSame(a: Float32Array[], b: Float32Array[]): void {
  expect(a.length).toBe(b.length);
  for (let c = 0; c < a.length; c++) {
    for (let i = 0; i < a[c].length; i++) {
      if (a[c][i] !== b[c][i]) {
        throw new Error(`outputs differ at channel ${c}, sample ${i}: ${a[c][i]} vs ${b[c][i]}`);
      }
    }
  }
}
