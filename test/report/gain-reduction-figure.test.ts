import { describe, expect, it } from 'vitest';
import type { GainReductionSeries } from '../../src/report/gain-reduction.js';
import {
  type GainReductionFigureData,
  gainReductionFigure,
  gainReductionGeometry,
} from '../../src/report/gain-reduction-figure.js';
import { elementWith, parsePath, texts } from './markup.js';

/** 4 s at 10 ms: no reduction except a dip to −4.5 dB from 2.00 to 2.10 s. */
function limiter(): GainReductionSeries {
  const gainDb = new Float64Array(400);
  gainDb.fill(-4.5, 200, 210);
  return { label: 'Limiter', hopSeconds: 0.01, gainDb };
}

describe('gain reduction figure', () => {
  const data: GainReductionFigureData = { series: [limiter()], durationSeconds: 4 };

  it('puts 0 dB at the top and reduction downwards', () => {
    const { y, area } = gainReductionGeometry(data);
    expect(y.scale.map(0)).toBe(area.y);
    expect(y.scale.map(-3)).toBeGreaterThan(area.y);
    // 4.5 dB of reduction on 1-2-3-6 steps: the axis ends at −6 dB, at the bottom edge.
    expect(y.scale.domain[0]).toBe(-6);
    expect(y.scale.map(-6)).toBeCloseTo(area.y + area.height, 9);
  });

  it('draws a dip at its time and depth', () => {
    const svg = gainReductionFigure(data);
    const { x, y } = gainReductionGeometry(data);
    const points = parsePath(elementWith(svg, 'data-series', 'stage-0').d).flat();
    const deepest = points.reduce((a, b) => (b.y > a.y ? b : a));
    expect(y.scale.invert(deepest.y)).toBeCloseTo(-4.5, 1);
    expect(x.scale.invert(deepest.x)).toBeGreaterThanOrEqual(1.99);
    expect(x.scale.invert(deepest.x)).toBeLessThanOrEqual(2.11);
    const dipping = points.filter((p) => y.scale.invert(p.y) < -1).map((p) => x.scale.invert(p.x));
    expect(Math.min(...dipping)).toBeGreaterThan(1.98);
    expect(Math.max(...dipping)).toBeLessThan(2.12);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'Gain change (dB)',
        'Time (s)',
        'Limiter',
        'Deepest: limiter 4.5 dB',
      ]),
    );
  });

  it('shows at least 3 dB, so a trace of limiting does not fill the plot', () => {
    const light: GainReductionFigureData = {
      series: [{ label: 'Limiter', hopSeconds: 0.01, gainDb: new Float64Array(100).fill(-0.2) }],
      durationSeconds: 1,
    };
    expect(gainReductionGeometry(light).y.scale.domain[0]).toBe(-3);
  });
});
