import { describe, expect, it } from 'vitest';
import {
  besselI0,
  kaiserBeta,
  kaiserOrder,
  kaiserWindowAt,
} from '../../../src/dsp/resample/kaiser.js';

describe('Kaiser window and design formulas', () => {
  it('I0 matches its integral form and published values', () => {
    // I0(x) = (1/π)∫₀^π e^(x·cos θ) dθ; the midpoint rule converges exponentially for this
    // smooth periodic integrand, so 400 points give full double precision up to x = 20.
    const integral = (x: number): number => {
      const n = 400;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.exp(x * Math.cos((Math.PI * (i + 0.5)) / n));
      return sum / n;
    };
    for (const x of [0, 0.5, 1, 3.7, 5, 10, 12.7, 20]) {
      expect(besselI0(x) / integral(x) - 1).toBeLessThan(1e-13);
      expect(besselI0(x) / integral(x) - 1).toBeGreaterThan(-1e-13);
    }
    // Published values (e.g. Abramowitz & Stegun ch. 9): I0(1) = 1.266065878, I0(10) = 2815.716628.
    expect(besselI0(1)).toBeCloseTo(1.266065878, 9);
    expect(besselI0(10)).toBeCloseTo(2815.716628, 6);
  });

  it("β and order follow Kaiser's formulas (O&S eqs. 7.62, 7.63)", () => {
    expect(kaiserBeta(100)).toBeCloseTo(0.1102 * 91.3, 12);
    expect(kaiserBeta(30)).toBeCloseTo(0.5842 * 9 ** 0.4 + 0.07886 * 9, 12);
    expect(kaiserBeta(20)).toBe(0);
    // O&S example 7.8-style numbers: A = 60 dB over Δω = 0.2π → M = 52 / (2.285 · 0.2π) ≈ 36.2.
    expect(kaiserOrder(60, 0.2 * Math.PI)).toBeCloseTo(52 / (2.285 * 0.2 * Math.PI), 12);
  });

  it('the window is 1 at the centre, symmetric, and 1/I0(β) at the ends', () => {
    const beta = 10;
    const i0 = besselI0(beta);
    expect(kaiserWindowAt(0, beta, i0)).toBe(1);
    expect(kaiserWindowAt(1, beta, i0)).toBeCloseTo(1 / i0, 15);
    expect(kaiserWindowAt(0.37, beta, i0)).toBe(kaiserWindowAt(-0.37, beta, i0));
    expect(kaiserWindowAt(1.01, beta, i0)).toBe(0);
  });
});
