import { describe, expect, it } from 'vitest';
import { cascadeMagnitudeDb } from '../../../src/dsp/biquad.js';
import {
  butterworthHighpassMagnitudeSquared,
  butterworthLowpassMagnitudeSquared,
} from '../../../src/dsp/eq/butterworth.js';
import { Crossover, linkwitzRileySections } from '../../../src/dsp/eq/index.js';
import { cascadeDb, designStages, spectrumDb } from './measure.js';

/** dB of a Butterworth highpass or lowpass band as the EQ designs it, at `f` Hz. */
function butterworthDb(
  type: 'highpass' | 'lowpass',
  fc: number,
  sections: number,
  f: number,
  fs: number,
) {
  const b = { type, freqHz: fc, gainDb: 0, q: Math.SQRT1_2, sections };
  return cascadeDb(designStages(b, fs), f, fs);
}

describe('Butterworth highpass/lowpass slopes', () => {
  for (const fs of [44100, 48000, 96000]) {
    for (const sections of [1, 2, 3, 4]) {
      const slope = 12 * sections;
      it(`${fs} Hz, ${slope} dB/oct: −3.01 dB at fc, slope within 0.1 dB/oct of Butterworth`, () => {
        // Analog Butterworth: 10·log10 of |H|² ratios, ≈ 6.02·(2·sections) dB per octave.
        const db = (m2: number) => 10 * Math.log10(m2);
        const hpAnalog =
          db(butterworthHighpassMagnitudeSquared(1 / 8, sections)) -
          db(butterworthHighpassMagnitudeSquared(1 / 16, sections));
        const lpAnalog =
          db(butterworthLowpassMagnitudeSquared(2, sections)) -
          db(butterworthLowpassMagnitudeSquared(4, sections));
        // Highpass at 1 kHz, between fc/16 and fc/8.
        const hpSlope =
          butterworthDb('highpass', 1000, sections, 125, fs) -
          butterworthDb('highpass', 1000, sections, 62.5, fs);
        // Lowpass at 1 kHz, between 2·fc and 4·fc.
        const lpSlope =
          butterworthDb('lowpass', 1000, sections, 2000, fs) -
          butterworthDb('lowpass', 1000, sections, 4000, fs);
        console.log(
          `${fs} Hz ${slope} dB/oct: HP ${hpSlope.toFixed(3)} (analog ${hpAnalog.toFixed(3)}), LP ${lpSlope.toFixed(3)} (analog ${lpAnalog.toFixed(3)}) dB/oct`,
        );
        expect(Math.abs(hpSlope - hpAnalog)).toBeLessThan(0.1);
        // Measured 0.047 dB/oct worst (48 dB/oct at 44.1 and 48 kHz, where 4·fc is −96 dB,
        // below the −60 dB floor the designs are fitted to).
        expect(Math.abs(lpSlope - lpAnalog)).toBeLessThan(0.1);
        expect(Math.abs(butterworthDb('highpass', 1000, sections, 1000, fs) + 3.0103)).toBeLessThan(
          0.05,
        );
        expect(Math.abs(butterworthDb('lowpass', 1000, sections, 1000, fs) + 3.0103)).toBeLessThan(
          0.05,
        );
      });
    }
  }
});

describe('Linkwitz–Riley crossover', () => {
  const fs = 48000;
  for (const frequenciesHz of [[1000], [200, 2000], [120, 1000, 6000]]) {
    it(`${frequenciesHz.length + 1} bands at ${frequenciesHz.join(', ')} Hz sum flat within 0.01 dB`, () => {
      const x = new Crossover({ sampleRate: fs, channels: 1, frequenciesHz });
      const size = 1 << 15;
      const input = new Float32Array(size);
      input[0] = 1;
      const bands = Array.from({ length: x.bandCount }, () => ({
        channels: [new Float32Array(size)],
        length: size,
      }));
      x.split({ channels: [input], length: size }, bands);
      const sum = new Float64Array(size);
      for (const b of bands) for (let i = 0; i < size; i++) sum[i] += b.channels[0][i];
      const s = spectrumDb(sum, size);
      let worst = 0;
      for (let k = 1; k < size / 2; k++) worst = Math.max(worst, Math.abs(s[k]));
      console.log(
        `crossover ${frequenciesHz.join('/')}: sum flat within ${worst.toExponential(2)} dB`,
      );
      expect(worst).toBeLessThan(0.01);
      // −6.02 dB at every crossover frequency, exactly, from the sections of both sides.
      for (const fc of frequenciesHz) {
        for (const shape of ['lowpass', 'highpass'] as const) {
          const db = cascadeMagnitudeDb(linkwitzRileySections(shape, fc, 4, fs), fc, fs);
          expect(Math.abs(db + 6.0206)).toBeLessThan(0.001);
        }
      }
      // And in the measured bands (bins are 1.46 Hz apart, so within 0.1 dB of it).
      const low = spectrumDb(bands[0].channels[0], size);
      const high = spectrumDb(bands[x.bandCount - 1].channels[0], size);
      const binOf = (f: number) => Math.round((f * size) / fs);
      expect(Math.abs(low[binOf(frequenciesHz[0])] + 6.0206)).toBeLessThan(0.1);
      expect(Math.abs(high[binOf(frequenciesHz[frequenciesHz.length - 1])] + 6.0206)).toBeLessThan(
        0.1,
      );
    });
  }
});
