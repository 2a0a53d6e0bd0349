import { describe, expect, it } from 'vitest';
import { linearScale, logScale } from '../../src/report/scales.js';

describe('scales', () => {
  it('maps a linear domain onto a reversed pixel range and back', () => {
    // A dB axis: −48 at the bottom (y = 300), 0 at the top (y = 100).
    const y = linearScale([-48, 0], [300, 100]);
    expect(y.map(0)).toBe(100);
    expect(y.map(-48)).toBe(300);
    expect(y.map(-12)).toBeCloseTo(150, 12);
    expect(y.invert(150)).toBeCloseTo(-12, 12);
  });

  it('gives equal ratios equal widths on a log axis', () => {
    const x = logScale([20, 20_000], [0, 900]);
    expect(x.map(20)).toBeCloseTo(0, 9);
    expect(x.map(20_000)).toBeCloseTo(900, 9);
    // Three decades over 900 px: 300 px per decade, 90.3 px per octave.
    expect(x.map(200) - x.map(20)).toBeCloseTo(300, 9);
    expect(x.map(2000) - x.map(1000)).toBeCloseTo(x.map(200) - x.map(100), 9);
    expect(x.invert(x.map(1234))).toBeCloseTo(1234, 6);
  });

  it('refuses degenerate domains', () => {
    expect(() => linearScale([1, 1], [0, 10])).toThrow(RangeError);
    expect(() => logScale([0, 100], [0, 10])).toThrow(RangeError);
    expect(() => linearScale([Number.NEGATIVE_INFINITY, 0], [0, 10])).toThrow(RangeError);
  });
});
