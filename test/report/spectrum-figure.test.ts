import { describe, expect, it } from 'vitest';
import { averageLevelDb, longTermSpectrum } from '../../src/report/long-term-spectrum.js';
import {
  type SpectrumFigureData,
  spectrumFigure,
  spectrumGeometry,
} from '../../src/report/spectrum-figure.js';
import { elementWith, parsePath, texts } from './markup.js';

function tone(hz: number, amplitude: number, sampleRate = 48_000): Float32Array {
  return new Float32Array(sampleRate).map(
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate),
  );
}

/** Pink-ish test programme: two tones over a little noise floor. */
function spectrumOf(hz: number, amplitude: number) {
  const floor = tone(hz, amplitude).map((v, i) => v + 1e-4 * Math.sin(i * i * 0.001));
  return longTermSpectrum({ sampleRate: 48_000, channels: [floor] });
}

describe('spectrum figure', () => {
  it('draws a sine’s peak at its frequency on the log axis', () => {
    const data: SpectrumFigureData = {
      curves: [{ label: 'After', role: 'after', spectrum: spectrumOf(1000, 0.5) }],
      levels: 'absolute',
    };
    const svg = spectrumFigure(data);
    const { x, y } = spectrumGeometry(data);
    const points = parsePath(elementWith(svg, 'data-series', 'after').d).flat();
    const highest = points.reduce((a, b) => (b.y < a.y ? b : a));
    // A band average turns the tone into a flat top about 1/6 octave wide (every band that
    // holds the whole tone reads all of it): its middle is the tone's frequency.
    const top = points
      .filter((p) => p.y - highest.y < 0.5)
      .map((p) => Math.log2(x.scale.invert(p.x)));
    const middle = (Math.min(...top) + Math.max(...top)) / 2;
    expect(Math.abs(middle - Math.log2(1000))).toBeLessThan(1 / 48);
    expect(Math.max(...top) - Math.min(...top)).toBeLessThan(1 / 6);
    // Absolute levels: the band holding the tone reads its power, −9.03 dBFS.
    expect(y.scale.invert(highest.y)).toBeCloseTo(-9.03, 0);
  });

  it('level-matches curves so a louder copy lands on the quieter one', () => {
    const quiet = spectrumOf(2000, 0.1);
    const loud = { ...quiet, levelsDb: quiet.levelsDb.map((v) => v + 12) };
    const data: SpectrumFigureData = {
      curves: [
        { label: 'Before', role: 'before', spectrum: quiet },
        { label: 'After', role: 'after', spectrum: loud },
      ],
    };
    const svg = spectrumFigure(data);
    const before = elementWith(svg, 'data-series', 'before').d;
    const after = elementWith(svg, 'data-series', 'after').d;
    expect(after).toBe(before);
    expect(spectrumGeometry(data).offsetsDb[1] - spectrumGeometry(data).offsetsDb[0]).toBeCloseTo(
      12,
      9,
    );
    expect(averageLevelDb(loud) - averageLevelDb(quiet)).toBeCloseTo(12, 9);
  });

  it('spans 20 Hz to 20 kHz with labelled axes and a legend entry per curve', () => {
    const spectrum = spectrumOf(500, 0.3);
    const data: SpectrumFigureData = {
      curves: [
        { label: 'Reference', role: 'reference', spectrum },
        { label: 'Before', role: 'before', spectrum },
        { label: 'After', role: 'after', spectrum },
      ],
    };
    const svg = spectrumFigure(data);
    const { x, area } = spectrumGeometry(data);
    expect(x.scale.map(20)).toBeCloseTo(area.x, 9);
    expect(x.scale.map(20_000)).toBeCloseTo(area.x + area.width, 9);
    const words = texts(svg);
    expect(words).toEqual(
      expect.arrayContaining([
        'Frequency (Hz)',
        'Relative level (dB)',
        '1k',
        '20k',
        'Reference',
        'Before',
        'After',
      ]),
    );
  });
});
