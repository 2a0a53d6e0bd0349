import { describe, expect, it } from 'vitest';
import { formatDuration, formatLevel, renderTable } from '../../src/cli/format.js';
import { toJson } from '../../src/cli/json.js';

describe('CLI formatting', () => {
  it('prints levels without NaN or negative zero', () => {
    expect(formatLevel(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(formatLevel(Number.NaN)).toBe('—');
    expect(formatLevel(null)).toBe('—');
    expect(formatLevel(-0.04)).toBe('0.0');
    expect(formatLevel(0.4, 1, true)).toBe('+0.4');
    expect(formatLevel(-22.993, 1)).toBe('-23.0');
  });

  it('prints durations as m:ss.s or h:mm:ss.s', () => {
    expect(formatDuration(184.25)).toBe('3:04.3');
    expect(formatDuration(3725)).toBe('1:02:05.0');
    expect(formatDuration(0.04)).toBe('0:00.0');
  });

  it('aligns table columns', () => {
    const text = renderTable(
      ['a', 'bb'],
      [
        ['xyz', '1'],
        ['q', '22'],
      ],
      ['left', 'right'],
    );
    expect(text.split('\n')).toEqual(['a    bb', 'xyz   1', 'q    22']);
  });

  it('writes JSON with null for non-finite numbers and arrays for typed arrays', () => {
    const json = JSON.parse(
      toJson({ a: Number.NEGATIVE_INFINITY, b: new Float64Array([1, Number.NaN]) }),
    );
    expect(json).toEqual({ a: null, b: [1, null] });
  });
});
