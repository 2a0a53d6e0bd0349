import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { PartitionedConvolver } from '../../../src/dsp/time/partitioned-convolver.js';
import {
  directConvolution,
  randomImpulseResponse,
  randomSignal,
  relativeErrorDb,
} from './convolution-signals.js';

/** Streams `x` through `c` in seeded random chunk sizes (1 … maxChunk). */
function stream(c: PartitionedConvolver, x: Float32Array, maxChunk: number, seed: number) {
  const outs = Array.from({ length: c.outputCount }, () => new Float64Array(x.length));
  const prng = new Prng(seed);
  let pos = 0;
  while (pos < x.length) {
    const n = Math.min(x.length - pos, 1 + Math.floor(prng.next() * maxChunk));
    c.process(x, outs, n, pos, pos);
    pos += n;
  }
  return outs;
}

describe('partitioned convolution equals direct convolution', () => {
  const x = randomSignal(24000, 1);
  const h = randomImpulseResponse(3000, 2);
  const reference = directConvolution(x, h);

  for (const partitionSize of [32, 128, 512, 2048]) {
    it(`B = ${partitionSize}, zero latency: error below −120 dB, first output sample on time`, () => {
      const c = new PartitionedConvolver([h], partitionSize);
      expect(c.latencySamples).toBe(0);
      const [y] = stream(c, x, 700, partitionSize);
      const errorDb = relativeErrorDb(y, reference);
      expect(errorDb).toBeLessThan(-120);
      expect(Math.abs(y[0] - h[0] * x[0])).toBeLessThan(1e-15);
    });
  }

  it('without zero latency: the same result, exactly B samples late', () => {
    const c = new PartitionedConvolver([h], 256, { zeroLatency: false });
    expect(c.latencySamples).toBe(256);
    const [y] = stream(c, x, 300, 3);
    expect(Math.max(...y.subarray(0, 256).map(Math.abs))).toBe(0);
    expect(relativeErrorDb(y, reference, 256)).toBeLessThan(-120);
  });

  it('several IRs on one input give each its own exact convolution', () => {
    const g = randomImpulseResponse(1700, 4);
    const c = new PartitionedConvolver([h, g], 128);
    const [yh, yg] = stream(c, x, 200, 5);
    expect(relativeErrorDb(yh, reference)).toBeLessThan(-120);
    expect(relativeErrorDb(yg, directConvolution(x, g))).toBeLessThan(-120);
  });

  it('an IR shorter than one partition (direct head only) and a one-tap IR', () => {
    const short = randomImpulseResponse(50, 6);
    const [y] = stream(new PartitionedConvolver([short], 64), x, 100, 7);
    expect(relativeErrorDb(y, directConvolution(x, short))).toBeLessThan(-120);
    const [unit] = stream(new PartitionedConvolver([[1]], 64), x, 100, 8);
    for (let i = 0; i < x.length; i++) if (unit[i] !== x[i]) throw new Error(`differs at ${i}`);
  });

  it('partition boundaries are invisible: any chunking gives bit-identical output', () => {
    const a = stream(new PartitionedConvolver([h], 128), x, 1, 9)[0];
    const b = stream(new PartitionedConvolver([h], 128), x, 5000, 10)[0];
    for (let i = 0; i < x.length; i++) if (a[i] !== b[i]) throw new Error(`differs at ${i}`);
  });

  it('reset clears every partition', () => {
    const c = new PartitionedConvolver([h], 128);
    stream(c, x, 512, 11);
    c.reset();
    const [y] = stream(c, x, 512, 12);
    expect(relativeErrorDb(y, reference)).toBeLessThan(-120);
  });
});
