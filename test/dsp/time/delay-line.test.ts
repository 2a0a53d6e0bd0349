import { describe, expect, it } from 'vitest';
import { DelayLine } from '../../../src/dsp/time/delay-line.js';

describe('DelayLine integer reads', () => {
  it('read(d) is the sample written d writes ago; read-then-write delays by exactly d', () => {
    const line = new DelayLine(100);
    const out: number[] = [];
    for (let n = 0; n < 300; n++) {
      out.push(line.read(37));
      line.write(n + 1);
    }
    for (let n = 0; n < 300; n++) expect(out[n]).toBe(n >= 37 ? n - 37 + 1 : 0);
    expect(line.read(1)).toBe(300);
    expect(line.read(100)).toBe(201);
  });

  it('keeps the whole requested length when it is not a power of two', () => {
    const line = new DelayLine(1000);
    for (let n = 1; n <= 5000; n++) line.write(n);
    expect(line.read(1000)).toBe(4001);
    line.clear();
    expect(line.read(1)).toBe(0);
    expect(line.read(1000)).toBe(0);
  });
});

describe('DelayLine fractional reads (4-point Lagrange)', () => {
  it('is exact for a cubic polynomial (up to Float32 storage)', () => {
    const line = new DelayLine(64);
    const p = (t: number) => 0.3 + 0.02 * t - 0.004 * t * t + 0.0001 * t * t * t;
    const last = 40;
    for (let n = 0; n <= last; n++) line.write(p(n));
    for (const delay of [2, 2.25, 3.5, 7.75, 12.1, 30.999]) {
      // read(1) is sample `last`, so age `delay` sits at time last + 1 − delay.
      expect(Math.abs(line.readFractional(delay) - p(last + 1 - delay))).toBeLessThan(2e-6);
    }
  });

  it('integer positions return the stored sample exactly', () => {
    const line = new DelayLine(64);
    for (let n = 0; n < 50; n++) line.write(Math.sin(n));
    for (let d = 2; d < 40; d++) expect(line.readFractional(d)).toBe(line.read(d));
  });

  // The remainder of cubic interpolation: |e| ≤ max|x⁗|/4!·|(f+1)f(f−1)(f−2)|, and for a
  // sinusoid of amplitude 1, max|x⁗| = ω⁴. At f = ½ the bound is 3ω⁴/128.
  for (const frequencyHz of [1000, 5000, 10000]) {
    it(`error on a ${frequencyHz} Hz sine at 48 kHz stays within (ω⁴/24)·|Π(f−k)| and reaches it`, () => {
      const fs = 48000;
      const w = (2 * Math.PI * frequencyHz) / fs;
      const line = new DelayLine(256);
      let worstRatio = 0;
      for (const f of [0.1, 0.25, 0.5, 0.75, 0.9]) {
        const bound = (w ** 4 / 24) * Math.abs((f + 1) * f * (f - 1) * (f - 2));
        let worst = 0;
        line.clear();
        for (let n = 0; n < 400; n++) {
          line.write(Math.sin(w * n));
          if (n < 20) continue;
          const delay = 10 + f;
          const exact = Math.sin(w * (n + 1 - delay));
          worst = Math.max(worst, Math.abs(line.readFractional(delay) - exact));
        }
        // Float32 storage adds up to ~6e-8 per stored sample.
        expect(worst).toBeLessThanOrEqual(bound + 3e-7);
        worstRatio = Math.max(worstRatio, worst / bound);
      }
      // The bound is tight for low frequencies (the 4th derivative barely moves over the
      // four nodes); at 10 kHz the real error is a little below it.
      expect(worstRatio).toBeGreaterThan(frequencyHz <= 5000 ? 0.95 : 0.6);
    });
  }
});
