import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { dbToGain, gainToDb, powerToDb } from '../../src/core/units.js';

describe('units', () => {
  it('converts dB and gain both ways', () => {
    expect(dbToGain(-6.020599913279624)).toBeCloseTo(0.5, 12);
    expect(gainToDb(0.1)).toBeCloseTo(-20, 12);
    expect(powerToDb(0.01)).toBeCloseTo(-20, 12);
  });

  it('gives -Infinity, never NaN, for silence', () => {
    expect(gainToDb(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(powerToDb(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('Prng', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('is uniform in [0, 1): mean 1/2 and variance 1/12 over 10^5 draws', () => {
    const prng = new Prng(7);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const x = prng.next();
      if (x < 0 || x >= 1) outOfRange++;
      sum += x;
      sumSq += x * x;
    }
    expect(outOfRange).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});
