import { describe, expect, it } from 'vitest';
import { gainReductionSeries } from '../../src/report/gain-reduction.js';

describe('gain reduction series', () => {
  it('keeps the deepest gain in each hop, in dB', () => {
    // 1 kHz, 10 ms hops of 10 samples: unity, a one-sample duck to 0.5, then 0.25 throughout.
    const gain = new Float32Array(30).fill(1);
    gain[14] = 0.5;
    gain.fill(0.25, 20);
    const series = gainReductionSeries('Limiter', gain, 1000, 0.01);
    expect(series.hopSeconds).toBe(0.01);
    expect(Array.from(series.gainDb)).toEqual([
      0,
      expect.closeTo(-6.0206, 4),
      expect.closeTo(-12.0412, 4),
    ]);
  });

  it('turns a fully shut gain into −∞ (a gap), not NaN', () => {
    const series = gainReductionSeries('Gate', new Float32Array([1, 0]), 1, 1);
    expect(Array.from(series.gainDb)).toEqual([0, Number.NEGATIVE_INFINITY]);
  });
});
