import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { logFrequencyGrid, longTermSpectrum } from '../../src/report/long-term-spectrum.js';
import { WelchAccumulator } from '../../src/report/welch.js';

function sine(sampleRate: number, seconds: number, hz: number, amplitude: number): Float32Array {
  return new Float32Array(Math.round(sampleRate * seconds)).map(
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate),
  );
}

/**
 * The highest level, and the frequency in the middle of the points within 0.05 dB of it: band
 * averaging turns a tone into a flat top (every band holding all of it reads the same), and
 * the middle of that top is the tone's frequency.
 */
function peak(spectrum: { frequenciesHz: Float64Array; levelsDb: Float64Array }) {
  const db = Math.max(...spectrum.levelsDb);
  const top = [...spectrum.frequenciesHz]
    .filter((_, i) => spectrum.levelsDb[i] > db - 0.05)
    .map(Math.log2);
  return { hz: 2 ** ((Math.min(...top) + Math.max(...top)) / 2), db };
}

describe('long-term spectrum', () => {
  it('puts the grid from 20 Hz to 20 kHz at equal ratios', () => {
    const grid = logFrequencyGrid(20, 20_000, 24);
    expect(grid[0]).toBeCloseTo(20, 9);
    expect(grid[grid.length - 1]).toBeCloseTo(20_000, 6);
    // log2(1000) = 9.97 octaves at 24 points each.
    expect(grid.length).toBe(240);
    const ratio = grid[1] / grid[0];
    expect(grid[150] / grid[149]).toBeCloseTo(ratio, 12);
  });

  it('peaks at a sine’s frequency with the sine’s power (amplitude 0.5 → −9.03 dB)', () => {
    for (const hz of [100, 1000, 7000]) {
      const spectrum = longTermSpectrum({
        sampleRate: 48_000,
        channels: [sine(48_000, 2, hz, 0.5)],
      });
      const top = peak(spectrum);
      // Within half a grid step (1/48 octave) of the tone.
      expect(Math.abs(Math.log2(top.hz / hz))).toBeLessThan(1 / 48 + 1e-9);
      // Where the band is wider than the Hann main lobe (±2 bins, ±11.7 Hz), the band holds
      // all of the tone's power. At 100 Hz the 1/6-octave band is only ±5.8 Hz wide, so part
      // of the lobe falls outside: a resolution limit of 8192 points, not an error.
      if (hz >= 1000) expect(top.db).toBeCloseTo(10 * Math.log10(0.125), 1);
      else expect(top.db).toBeLessThan(10 * Math.log10(0.125));
    }
  });

  it('reads white noise rising 3 dB per octave (band power grows with bandwidth)', () => {
    const prng = new Prng(3);
    const noise = new Float32Array(48_000 * 4).map(() => prng.uniform(-1, 1));
    const spectrum = longTermSpectrum({ sampleRate: 48_000, channels: [noise] });
    const at = (hz: number) => {
      let best = 0;
      spectrum.frequenciesHz.forEach((f, i) => {
        if (Math.abs(Math.log(f / hz)) < Math.abs(Math.log(spectrum.frequenciesHz[best] / hz)))
          best = i;
      });
      return spectrum.levelsDb[best];
    };
    // Average over neighbouring points is not needed at 4 s: Welch already averages ~46 segments.
    const slope = (at(8000) - at(250)) / Math.log2(8000 / 250);
    expect(slope).toBeGreaterThan(2.7);
    expect(slope).toBeLessThan(3.3);
    // Uniform noise in ±1 has power 1/3; a 1/6-octave band at 1 kHz holds 115.6/24000 of it.
    const band = 1000 * (2 ** (1 / 12) - 2 ** (-1 / 12));
    expect(at(1000)).toBeCloseTo(10 * Math.log10((1 / 3) * (band / 24_000)), 0);
  });

  it('averages channels and counts a silent one as silence', () => {
    const tone = sine(48_000, 1, 1000, 0.5);
    const both = longTermSpectrum({
      sampleRate: 48_000,
      channels: [tone, new Float32Array(tone.length)],
    });
    // Half the power: 3 dB below the mono reading.
    expect(peak(both).db).toBeCloseTo(10 * Math.log10(0.125) - 3.01, 1);
  });

  it('marks bands above Nyquist as −∞, never NaN', () => {
    const spectrum = longTermSpectrum({
      sampleRate: 16_000,
      channels: [sine(16_000, 1, 1000, 0.5)],
    });
    const above = spectrum.levelsDb.filter(
      (_, i) => spectrum.frequenciesHz[i] / 2 ** (1 / 12) >= 8000,
    );
    expect(above.length).toBeGreaterThan(0);
    expect(above.every((v) => v === Number.NEGATIVE_INFINITY)).toBe(true);
    expect(spectrum.levelsDb.some(Number.isNaN)).toBe(false);
  });

  it('still measures audio shorter than one segment', () => {
    const spectrum = longTermSpectrum({
      sampleRate: 48_000,
      channels: [sine(48_000, 0.1, 1000, 0.5)],
    });
    expect(peak(spectrum).db).toBeCloseTo(10 * Math.log10(0.125), 0);
  });

  it('gives the same density whatever the chunk sizes', () => {
    const tone = sine(44_100, 1, 440, 0.3);
    const whole = new WelchAccumulator(44_100, 1);
    whole.push([tone], tone.length);
    const chunked = new WelchAccumulator(44_100, 1);
    for (let i = 0; i < tone.length; i += 1000) {
      const part = tone.subarray(i, i + 1000);
      chunked.push([part], part.length);
    }
    expect(chunked.result().density).toEqual(whole.result().density);
  });
});
