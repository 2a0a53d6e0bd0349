import { describe, expect, it } from 'vitest';
import {
  escapeMarkup,
  formatHz,
  formatNumber,
  formatSigned,
  formatWithUnit,
} from '../../src/report/format.js';
import { coord, element, text } from '../../src/report/svg.js';

describe('number text', () => {
  it('prints a typographic minus and never "NaN" or "Infinity"', () => {
    expect(formatNumber(-14.04)).toBe('−14.0');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatWithUnit(Number.NEGATIVE_INFINITY, 'LUFS')).toBe('−∞ LUFS');
    expect(formatWithUnit(null, 'LUFS')).toBe('—');
  });

  it('shows a value that rounds to zero as plain zero', () => {
    expect(formatNumber(-0.04)).toBe('0.0');
    expect(formatSigned(-0.04)).toBe('0.0');
    expect(formatSigned(0.06)).toBe('+0.1');
    expect(formatSigned(-2.25, 2)).toBe('−2.25');
  });

  it('writes frequencies as a plot axis does', () => {
    expect([20, 500, 1000, 2500, 20_000].map(formatHz)).toEqual(['20', '500', '1k', '2.5k', '20k']);
  });
});

describe('SVG writing', () => {
  it('rounds coordinates to a tenth and drops "-0"', () => {
    expect(coord(12.345)).toBe('12.3');
    expect(coord(-0.04)).toBe('0');
    expect(coord(7)).toBe('7');
  });

  it('refuses a non-finite coordinate rather than writing NaN', () => {
    expect(() => coord(Number.NaN)).toThrow(RangeError);
    expect(() => coord(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
  });

  it('escapes text and attribute values', () => {
    expect(escapeMarkup(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;');
    expect(text({ x: 1 }, 'R&B <mix>')).toBe('<text x="1">R&amp;B &lt;mix&gt;</text>');
    expect(element('rect', { width: 10.04, fill: 'a"b', title: undefined })).toBe(
      '<rect width="10" fill="a&quot;b"/>',
    );
  });
});
