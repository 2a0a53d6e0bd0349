import { describe, expect, it } from 'vitest';
import { bandPath, linePath, reduceToPixelColumns } from '../../src/report/paths.js';
import { linearScale } from '../../src/report/scales.js';
import { parsePath } from './markup.js';

const identity = linearScale([0, 1000], [0, 1000]);

describe('paths', () => {
  it('breaks a line at -Infinity and NaN instead of drawing through them', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [10, 11, Number.NEGATIVE_INFINITY, 13, 14, Number.NaN, 16];
    const d = linePath(xs, ys, identity, identity);
    expect(d).not.toMatch(/NaN|Infinity/);
    const subpaths = parsePath(d);
    expect(subpaths.map((s) => s.map((p) => p.x))).toEqual([
      [0, 1],
      [3, 4],
      [6, 6.1],
    ]);
  });

  it('is empty when nothing is finite', () => {
    expect(linePath([0, 1], [Number.NEGATIVE_INFINITY, Number.NaN], identity, identity)).toBe('');
  });

  it('keeps the first, lowest, highest and last point of each pixel column', () => {
    const points = [
      { x: 10.1, y: 5 },
      { x: 10.2, y: 1 },
      { x: 10.3, y: 7 },
      { x: 10.4, y: 9 },
      { x: 10.5, y: 3 },
      { x: 10.9, y: 4 },
      { x: 11.2, y: 6 },
    ];
    const reduced = reduceToPixelColumns(points);
    expect(reduced).toEqual([points[0], points[1], points[3], points[5], points[6]]);
  });

  it('closes a band along the top forwards and the bottom backwards', () => {
    const d = bandPath([0, 1, 2], [-1, -2, -3], [1, 2, 3], identity, identity);
    expect(d.endsWith('Z')).toBe(true);
    const [points] = parsePath(d);
    expect(points).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: 3 },
      { x: 2, y: -3 },
      { x: 1, y: -2 },
      { x: 0, y: -1 },
    ]);
  });
});
