import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../../src/core/errors.js';
import { PiecewiseLinearMap, validateWarpPoints } from '../../../src/edit/timing/time-map.js';

const p = (sourceSeconds: number, targetSeconds: number) => ({ sourceSeconds, targetSeconds });

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (isMixdownError(error)) return error.message;
    throw error;
  }
  return '';
}

describe('time map', () => {
  it('accepts points increasing in both times', () => {
    expect(() => validateWarpPoints([p(0, 0), p(1, 1.2), p(2, 2.1)], 'x')).not.toThrow();
    expect(() => validateWarpPoints([], 'x')).not.toThrow();
  });

  it('names the first point that goes back in target time, with its path', () => {
    const message = messageOf(() =>
      validateWarpPoints([p(0, 0), p(1, 1.2), p(2, 1.1)], 'tracks[1].clips[0].edits[2]'),
    );
    expect(message).toBe(
      'Warp point tracks[1].clips[0].edits[2].points[2] (source 2 s → target 1.1 s) does not come after tracks[1].clips[0].edits[2].points[1] (source 1 s → target 1.2 s) in target time; warp points must increase in both source and target time.',
    );
  });

  it('names a repeated source time', () => {
    expect(messageOf(() => validateWarpPoints([p(0, 0), p(0, 0.5)], 'e'))).toContain(
      'e.points[1] (source 0 s → target 0.5 s) does not come after e.points[0] (source 0 s → target 0 s) in source time',
    );
  });

  it('is linear between points and continues with the end slopes outside them', () => {
    const map = new PiecewiseLinearMap([1, 2, 4], [1, 3, 4]);
    expect(map.forward(1.5)).toBe(2);
    expect(map.forward(3)).toBe(3.5);
    expect(map.forward(0)).toBe(-1); // slope 2 before the first point
    expect(map.forward(6)).toBe(5); // slope ½ after the last
    for (const t of [-1, 0.3, 2, 3.7, 4.6, 9])
      expect(map.forward(map.inverse(t))).toBeCloseTo(t, 12);
  });

  it('is a shift with one point and the identity with none', () => {
    expect(new PiecewiseLinearMap([2], [2.5]).forward(10)).toBe(10.5);
    expect(PiecewiseLinearMap.identity().inverse(3)).toBe(3);
  });
});
