import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { wetDryGain } from '../../../src/dsp/dynamics/compressor-engine.js';
import { branchFreeStep, branchingStep } from '../../../src/dsp/dynamics/envelope.js';
import {
  DB_PER_LOG2,
  EXP2_LIMIT,
  fastDbToGain,
  fastExp2,
  fastGainToDb,
  fastLog2,
  fastLog2OfFloat32Bits,
  LOG2_PER_DB,
} from '../../../src/dsp/dynamics/fast-math.js';

/** The error bounds stated in fast-math.ts, checked against Math.log2 and 2 ** x. */
describe('fast log2 / exp2 against the library functions', () => {
  it('log2: |error| ≤ 1.72e-7 over 2^-140 … 2^20 (dense octave sweep and random values)', () => {
    let worst = 0;
    for (let e = -140; e < 20; e++) {
      for (let k = 0; k < 2000; k++) {
        const x = 2 ** (e + k / 2000);
        worst = Math.max(worst, Math.abs(fastLog2(x) - Math.log2(x)));
      }
    }
    const prng = new Prng(1);
    for (let k = 0; k < 100000; k++) {
      const x = prng.next() * 4;
      if (x > 0) worst = Math.max(worst, Math.abs(fastLog2(x) - Math.log2(x)));
    }
    expect(worst).toBeLessThan(1.72e-7);
    expect(worst * DB_PER_LOG2).toBeLessThan(1.04e-6); // in dB
    for (let e = -100; e <= 20; e++) expect(fastLog2(2 ** e)).toBe(e);
  });

  it('log2 from Float32 bits equals fastLog2 of the value for every normal Float32 tried', () => {
    const value = new Float32Array(1);
    const bits = new Int32Array(value.buffer);
    const prng = new Prng(2);
    for (let k = 0; k < 200000; k++) {
      value[0] = 2 ** (-120 + prng.next() * 130);
      expect(fastLog2OfFloat32Bits(bits[0])).toBe(fastLog2(value[0]));
    }
    value[0] = 0;
    expect(fastLog2OfFloat32Bits(bits[0])).toBeLessThanOrEqual(-126);
  });

  it('log2 of silence is a large negative number, never −Infinity or NaN', () => {
    expect(fastLog2(0)).toBeLessThan(-990);
    expect(Number.isFinite(fastLog2(0))).toBe(true);
    expect(fastLog2(1e-310)).toBeLessThan(-990); // subnormal
    expect(Number.isFinite(fastLog2(1e-310))).toBe(true);
  });

  it('exp2: relative error ≤ 5.73e-8 over ±EXP2_LIMIT, exact at integers', () => {
    let worst = 0;
    for (let k = -EXP2_LIMIT * 1000; k <= EXP2_LIMIT * 1000; k++) {
      const x = k / 1000 + 0.000123;
      if (Math.abs(x) > EXP2_LIMIT) continue;
      worst = Math.max(worst, Math.abs(fastExp2(x) / 2 ** x - 1));
    }
    expect(worst).toBeLessThan(5.73e-8);
    for (let n = -EXP2_LIMIT; n <= EXP2_LIMIT; n++) expect(fastExp2(n)).toBe(2 ** n);
    expect(fastExp2(0)).toBe(1);
    expect(fastExp2(-0)).toBe(1);
  });

  it('exp2 clamps far outside its range instead of failing', () => {
    expect(fastExp2(-1e6)).toBe(2 ** -EXP2_LIMIT);
    expect(fastExp2(1e6)).toBe(2 ** EXP2_LIMIT);
  });

  it('dB helpers: within 1.04e-6 dB, round trip within 1.6e-6 dB', () => {
    for (let db = -120; db <= 24; db += 0.37) {
      expect(Math.abs(fastGainToDb(fastDbToGain(db)) - db)).toBeLessThan(1.6e-6);
      expect(Math.abs(fastGainToDb(10 ** (db / 20)) - db)).toBeLessThan(1.04e-6);
    }
  });
});

/** Per-sample loops carry written-out or branch-free copies of these; they must agree. */
describe('copies in the compressor engine', () => {
  it("the engine's wetDryGain is 1 − mix + mix·fastExp2((makeup − reduction)·log2/dB), bit for bit", () => {
    const prng = new Prng(3);
    for (let k = 0; k < 200000; k++) {
      const reductionDb = k < 100000 ? prng.next() * 80 : prng.next() * 2000 - 500;
      const makeupDb = prng.next() * 40 - 10;
      const mix = k % 3 === 0 ? 1 : prng.next();
      const expected = 1 - mix + mix * fastExp2((makeupDb - reductionDb) * LOG2_PER_DB);
      const actual = wetDryGain(reductionDb, makeupDb, mix);
      if (actual !== expected) throw new Error(`${reductionDb}, ${makeupDb}, ${mix}: ${actual}`);
    }
    expect(wetDryGain(0, 0, 1)).toBe(1);
  });

  it('branchFreeStep is branchingStep up to rounding (a few ulp of the operands)', () => {
    const prng = new Prng(4);
    for (const [rise, fall] of [
      [0.91, 0.9993],
      [0, 0.9993],
      [0.125, 0.99999],
    ]) {
      let worst = 0;
      for (let k = 0; k < 100000; k++) {
        const state = prng.next() * 40;
        const target = prng.next() * 40;
        const step = branchFreeStep(state, target, (rise + fall) / 2, (fall - rise) / 2);
        worst = Math.max(worst, Math.abs(step - branchingStep(state, target, rise, fall)));
      }
      expect(worst).toBeLessThan(4 * 2 ** -52 * 40);
    }
  });
});
