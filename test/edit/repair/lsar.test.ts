/**
 * The AR and interpolation building blocks against mathematics: Levinson–Durbin recovers a
 * known AR process, the banded Cholesky solver matches a dense solution, LSAR restores a gap
 * in a known AR process far below the process's own level, and the bounded variant meets its
 * sign constraints and reduces to the plain solution when they are inactive.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import {
  gapAutocorrelation,
  levinson,
  maskedAutocorrelation,
} from '../../../src/edit/repair/ar-model.js';
import { BandedCholesky } from '../../../src/edit/repair/banded-cholesky.js';
import { interpolateLsar, interpolateLsarBounded } from '../../../src/edit/repair/lsar.js';

/** x(n) = 1.6·x(n−1) − 0.9·x(n−2) + w(n): a resonance (poles at radius 0.95). */
const TRUE_A = [1, -1.6, 0.9];

function arProcess(length: number, seed: number): Float64Array {
  const prng = new Prng(seed);
  const x = new Float64Array(length);
  for (let n = 2; n < length; n++) x[n] = 1.6 * x[n - 1] - 0.9 * x[n - 2] + prng.gaussian();
  return x;
}

describe('AR model', () => {
  it('Levinson–Durbin recovers the coefficients of a known AR(2) process', () => {
    const x = arProcess(200_000, 1);
    const r = maskedAutocorrelation(x, 0, x.length, 4, undefined);
    const { coefficients, errorPower } = levinson(r, 4);
    expect(coefficients[1]).toBeCloseTo(TRUE_A[1], 2);
    expect(coefficients[2]).toBeCloseTo(TRUE_A[2], 2);
    expect(Math.abs(coefficients[3])).toBeLessThan(0.01);
    expect(Math.abs(coefficients[4])).toBeLessThan(0.01);
    // Innovation variance 1, up to the Hann window's small bias.
    expect(errorPower).toBeGreaterThan(0.9);
    expect(errorPower).toBeLessThan(1.1);
  });
});

describe('banded Cholesky', () => {
  it('solves a banded SPD system to round-off', () => {
    const n = 40;
    const w = 3;
    const entry = (i: number, j: number) =>
      i === j ? 4 : Math.abs(i - j) <= w ? 0.5 / (1 + Math.abs(i - j)) : 0;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i));
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) b[i] += entry(Math.max(i, j), Math.min(i, j)) * x[j];
    const factor = BandedCholesky.factor(n, w, entry);
    expect(factor).toBeDefined();
    factor?.solve(b);
    for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i], 12);
  });

  it('reports a matrix that is not positive definite', () => {
    expect(
      BandedCholesky.factor(3, 1, (i, j) => (i === j ? (i === 1 ? -1 : 1) : 0)),
    ).toBeUndefined();
  });
});

describe('least-squares AR interpolation', () => {
  const x = arProcess(20_000, 2);
  const gap = { start: 10_000, end: 10_016 };
  const unknown = Array.from({ length: gap.end - gap.start }, (_, i) => gap.start + i);

  it('restores gaps in a known AR(2) process with the theoretical minimum error', () => {
    // For a Gaussian AR process, LSAR with the true model is the conditional mean of the
    // gap given its surroundings, whose error covariance is σ²·(A_uᵀA_u)⁻¹ (Godsill &
    // Rayner 1998, eq. 5.13); σ² = 1 here. Averaged over 200 gaps, LSAR with a model
    // estimated from the gap's own context must come within 0.5 dB of that bound.
    const long = arProcess(400_000, 3);
    const length = 16;
    const q = (i: number, j: number) => {
      const d = Math.abs(i - j);
      return d > 2 ? 0 : [1 + 1.6 ** 2 + 0.9 ** 2, -1.6 - 1.6 * 0.9, 0.9][d];
    };
    const factor = BandedCholesky.factor(length, 2, q);
    let trace = 0;
    for (let i = 0; i < length; i++) {
      const e = new Float64Array(length);
      e[i] = 1;
      factor?.solve(e);
      trace += e[i];
    }
    const boundDb = 10 * Math.log10(trace / length);
    let error = 0;
    let count = 0;
    for (let g = 0; g < 200; g++) {
      const start = 1000 + g * 1900;
      const gapSamples = Array.from({ length }, (_, i) => start + i);
      const y = long.slice(start - 1000, start + length + 1000);
      const local = gapSamples.map((u) => u - (start - 1000));
      for (const u of local) y[u] = 0;
      const r = gapAutocorrelation(y, 1000, 1000 + length, 1000, 2, undefined);
      const { coefficients } = levinson(r, 2);
      expect(interpolateLsar(y, local, coefficients, 2)).toBe(true);
      for (let i = 0; i < length; i++) error += (y[local[i]] - long[gapSamples[i]]) ** 2;
      count += length;
      // Samples outside the gap are untouched.
      expect(y[999]).toBe(long[start - 1]);
      expect(y[1000 + length]).toBe(long[start + length]);
    }
    const errorDb = 10 * Math.log10(error / count);
    console.info(
      `LSAR AR(2) 16-sample gaps: ${errorDb.toFixed(2)} dB vs bound ${boundDb.toFixed(2)} dB`,
    );
    expect(Math.abs(errorDb - boundDb)).toBeLessThan(0.5);
  });

  it('the bounded variant keeps every sample beyond its level and equals LSAR when the bounds are slack', () => {
    const a = new Float64Array(TRUE_A);
    const free = x.slice();
    interpolateLsar(free, unknown, a, 2);
    const slack = x.slice();
    const sign = new Int8Array(unknown.length).fill(1);
    const low = new Float64Array(unknown.length).fill(-1e9);
    interpolateLsarBounded(slack, unknown, a, 2, sign, low);
    for (const u of unknown) expect(slack[u]).toBeCloseTo(free[u], 9);

    const bounded = x.slice();
    const level = new Float64Array(unknown.length).fill(2);
    interpolateLsarBounded(bounded, unknown, a, 2, sign, level);
    for (const u of unknown) expect(bounded[u]).toBeGreaterThanOrEqual(2 - 1e-12);
    // Optimal under the constraints: no feasible nudge of one sample lowers the error energy.
    const energy = (s: Float64Array) => {
      let e = 0;
      for (let n = gap.start; n < gap.end + 2; n++)
        e += (s[n] - 1.6 * s[n - 1] + 0.9 * s[n - 2]) ** 2;
      return e;
    };
    const best = energy(bounded);
    for (const u of unknown) {
      for (const step of [1e-4, -1e-4]) {
        const probe = bounded.slice();
        probe[u] += step;
        if (probe[u] >= 2) expect(energy(probe)).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
  });
});
