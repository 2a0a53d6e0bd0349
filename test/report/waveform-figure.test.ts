import { describe, expect, it } from 'vitest';
import { waveformEnvelope } from '../../src/report/envelope.js';
import {
  columnCentreSeconds,
  type WaveformFigureData,
  waveformFigure,
  waveformGeometry,
} from '../../src/report/waveform-figure.js';
import { elementWith, parsePath, texts } from './markup.js';

describe('waveform figure', () => {
  // A burst at 0.8 for the middle third of 3 s, quiet (0.1) around it.
  const sampleRate = 1000;
  const samples = new Float32Array(3000).map(
    (_, i) => (i >= 1000 && i < 2000 ? 0.8 : 0.1) * Math.sin(i * 0.7),
  );
  const envelope = waveformEnvelope({ sampleRate, channels: [samples] }, 300);
  const data: WaveformFigureData = {
    panels: [
      { label: 'Before', envelope, role: 'before' },
      { label: 'After', envelope, role: 'after' },
    ],
    ceilingDbtp: -1,
  };

  it('draws each column’s min and max where the envelope says', () => {
    const svg = waveformFigure(data);
    const { x, panels } = waveformGeometry(data);
    const y = panels[1].y.scale;
    const [outline] = parsePath(elementWith(svg, 'data-series', 'after-peak').d);
    // The outline runs along the maxima, then back along the minima.
    const upper = outline.slice(0, envelope.columns);
    const lower = outline.slice(envelope.columns).reverse();
    const centres = columnCentreSeconds(envelope);
    for (let c = 0; c < envelope.columns; c += 7) {
      expect(x.scale.invert(upper[c].x)).toBeCloseTo(centres[c], 2);
      // Coordinates are rounded to 0.1 px; the panel is 130 px for 2.2 FS.
      expect(y.invert(upper[c].y)).toBeCloseTo(envelope.max[c], 2);
      expect(y.invert(lower[c].y)).toBeCloseTo(envelope.min[c], 2);
    }
    // The burst stands out: 0.8 in the middle third, 0.1 outside.
    expect(y.invert(upper[150].y)).toBeGreaterThan(0.75);
    expect(y.invert(upper[50].y)).toBeLessThan(0.11);
  });

  it('draws the ceiling at ± its linear level on every panel', () => {
    const svg = waveformFigure(data);
    const { panels } = waveformGeometry(data);
    const ceilings = [
      ...svg.matchAll(/data-reference="ceiling-(upper|lower)" x1="[^"]*" y1="([^"]*)"/g),
    ].map((m) => Number(m[2]));
    expect(ceilings).toHaveLength(4);
    const level = 10 ** (-1 / 20);
    expect(panels[0].y.scale.invert(ceilings[0])).toBeCloseTo(level, 2);
    expect(panels[0].y.scale.invert(ceilings[1])).toBeCloseTo(-level, 2);
    expect(panels[1].y.scale.invert(ceilings[2])).toBeCloseTo(level, 2);
    expect(texts(svg)).toContain('−1.0 dBTP');
  });

  it('labels both panels and the shared time axis once', () => {
    const words = texts(waveformFigure(data));
    expect(words.filter((w) => w === 'Amplitude (FS)')).toHaveLength(2);
    expect(words.filter((w) => w === 'Time (s)')).toHaveLength(1);
    expect(words).toEqual(expect.arrayContaining(['Before', 'After', 'Waveform']));
  });

  it('leaves empty columns as gaps', () => {
    const short = waveformEnvelope(
      { sampleRate, channels: [new Float32Array([0.5, -0.5, 0.25])] },
      6,
    );
    const svg = waveformFigure({ panels: [{ label: 'After', envelope: short, role: 'after' }] });
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(parsePath(elementWith(svg, 'data-series', 'after-peak').d)).toHaveLength(3);
  });
});
