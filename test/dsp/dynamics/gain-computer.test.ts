import { describe, expect, it } from 'vitest';
import { CompressorCurve, expanderAttenuationDb } from '../../../src/dsp/dynamics/gain-computer.js';
import { tutorialCurveDb } from './reference.js';

describe('compressor static curve (gain computer) against the tutorial curve, case by case', () => {
  for (const [T, R, W] of [
    [-20, 4, 0],
    [-20, 4, 6],
    [-30, 2, 12],
    [-10, 10, 3],
    [-40, 100, 0],
    [-24, 1.5, 24],
    [-18, 1, 6],
  ]) {
    it(`T ${T} dB, R ${R}, W ${W} dB: every 0.01 dB from −90 to +20`, () => {
      const curve = new CompressorCurve(T, R, W);
      let worst = 0;
      for (let x = -90; x <= 20; x += 0.01) {
        worst = Math.max(worst, Math.abs(curve.outputDb(x) - tutorialCurveDb(x, T, R, W)));
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('is exactly unity below the knee and continuous (slope 1/R above it)', () => {
    const curve = new CompressorCurve(-20, 4, 10);
    expect(curve.reductionDb(-25.000001)).toBe(0);
    expect(curve.reductionDb(-60)).toBe(0);
    // Above the knee each dB in gives 1/R dB out.
    expect(curve.outputDb(-5) - curve.outputDb(-6)).toBeCloseTo(0.25, 9);
    // Knee edges meet the straight parts.
    expect(curve.outputDb(-15)).toBeCloseTo(-20 + 5 / 4, 9);
  });

  it('ratio ∞ is a limiter curve: output stays at the threshold', () => {
    const curve = new CompressorCurve(-6, Number.POSITIVE_INFINITY, 0);
    for (const x of [-6, -3, 0, 12]) expect(curve.outputDb(x)).toBeCloseTo(-6, 12);
  });
});

describe('expander curve', () => {
  it('(R − 1) dB down per dB below threshold, limited to the range', () => {
    expect(expanderAttenuationDb(-30, -30, 3, 40)).toBe(0);
    expect(expanderAttenuationDb(-10, -30, 3, 40)).toBe(0);
    expect(expanderAttenuationDb(-35, -30, 3, 40)).toBeCloseTo(10, 12);
    expect(expanderAttenuationDb(-60, -30, 3, 40)).toBe(40);
    expect(expanderAttenuationDb(-31, -30, 100, 40)).toBe(40);
  });
});
