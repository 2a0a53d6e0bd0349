import { describe, expect, it } from 'vitest';
import {
  NOISE_SHAPING_DESIGNS,
  type NoiseShapingDesign,
  noiseShapingFor,
} from '../../src/deliver/noise-shaping.js';
import { reduceWordLength } from '../../src/deliver/word-length.js';
import { bandPower, db, rmsDifference, sine, welchPsd } from './helpers/spectrum.js';

/**
 * Error-feedback noise shaping, measured on the error y − x against its design: with TPDF
 * the quantiser's own error is white with variance 1/4 LSB² (loudness.md §6), and the
 * feedback filters it by H(z) = 1 − Σ c_k z^(−k), so the error's power density is
 * |H(e^{jω})|² times the flat TPDF density. The expected band powers are integrals of |H|²
 * computed here from the published coefficients (mathematics, not the code under test).
 * Welch estimates over ~250 segments are good to a few hundredths of a dB; tolerance 0.3 dB.
 */

const FS = 44100;
const N = 2 ** 20;
const FLAT_POWER = (0.5 * 2 ** -15) ** 2; // TPDF total error at 16 bits, per sample
const BAND: [number, number] = [2000, 5000];

/** ∫ |H|² over [lowHz, highHz], as a fraction of the flat noise power (one-sided, fs/2). */
function shapedFraction(
  design: NoiseShapingDesign | undefined,
  lowHz: number,
  highHz: number,
): number {
  const steps = 20000;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const f = lowHz + ((i + 0.5) * (highHz - lowHz)) / steps;
    let re = 1;
    let im = 0;
    design?.coefficients.forEach((c, k) => {
      const w = (2 * Math.PI * f * (k + 1)) / FS;
      re -= c * Math.cos(w);
      im += c * Math.sin(w);
    });
    sum += re * re + im * im;
  }
  return ((sum / steps) * (highHz - lowHz)) / (FS / 2);
}

const x = sine(N, FS, 1000, 10 ** (-40 / 20));

function errorPsd(design: NoiseShapingDesign | undefined) {
  const y = reduceWordLength(
    { sampleRate: FS, channels: [x] },
    { bitDepth: 16, seed: 21, noiseShaping: design },
  ).audio.channels[0];
  const error = y.map((v, i) => v - x[i]);
  return { error, psd: welchPsd(error, 8192, FS), y };
}

describe('noise shaping at 44.1 kHz, 16 bits: band levels against the designs', () => {
  const flat = errorPsd(undefined);

  it('flat TPDF: 2–5 kHz band at its share of −96.33 dBFS (±0.3 dB)', () => {
    const measured = db(bandPower(flat.psd, ...BAND));
    const expected = db(FLAT_POWER * shapedFraction(undefined, ...BAND));
    expect(Math.abs(measured - expected)).toBeLessThan(0.3);
  });

  for (const design of Object.values(NOISE_SHAPING_DESIGNS)) {
    it(`${design.name}: moves noise out of 2–5 kHz as designed`, () => {
      const shaped = errorPsd(design);
      const bandDb = db(bandPower(shaped.psd, ...BAND));
      const expectedBandDb = db(FLAT_POWER * shapedFraction(design, ...BAND));
      expect(Math.abs(bandDb - expectedBandDb)).toBeLessThan(0.3);
      // …which is well below flat TPDF in the same band (Lipshitz −18.4 dB, F-weighted −22.3 dB).
      const flatBandDb = db(bandPower(flat.psd, ...BAND));
      expect(bandDb - flatBandDb).toBeLessThan(-15);
      // The total rises by the mean of |H|² (Lipshitz +12.2 dB, F-weighted +18.4 dB).
      const totalDb = 20 * Math.log10(rmsDifference(shaped.y, x));
      const expectedTotalDb = db(FLAT_POWER * shapedFraction(design, 0, FS / 2));
      expect(Math.abs(totalDb - expectedTotalDb)).toBeLessThan(0.1);
      // And up top, near Nyquist, there is more noise than flat: it went somewhere.
      expect(db(bandPower(shaped.psd, 18000, 22000))).toBeGreaterThan(
        db(bandPower(flat.psd, 18000, 22000)) + 10,
      );
    });
  }

  it('stays stable through clipping: after a burst over full scale the error returns to its design level', () => {
    const design = NOISE_SHAPING_DESIGNS['f-weighted'];
    const input = x.slice();
    input.fill(1.2, 1000, 3000); // a float master 1.6 dB over full scale: 2000 clipped samples
    const y = reduceWordLength(
      { sampleRate: FS, channels: [input] },
      { bitDepth: 16, seed: 22, noiseShaping: design },
    ).audio.channels[0];
    expect(y.every(Number.isFinite)).toBe(true);
    // The fed-back error is bounded (|e| < 1.5 LSB), so the output never strays from the input
    // by more than 1.5·(1 + Σ|c_k|) LSB — not even on the samples just after the burst.
    const bound = 1.5 * (1 + design.coefficients.reduce((s, c) => s + Math.abs(c), 0)) * 2 ** -15;
    let worstAfterBurst = 0;
    for (let i = 3000; i < 3100; i++)
      worstAfterBurst = Math.max(worstAfterBurst, Math.abs(y[i] - input[i]));
    expect(worstAfterBurst).toBeLessThanOrEqual(bound);
    const tail = 100_000;
    const rmsDb = 20 * Math.log10(rmsDifference(y.subarray(tail), input.subarray(tail)));
    expect(Math.abs(rmsDb - db(FLAT_POWER * shapedFraction(design, 0, FS / 2)))).toBeLessThan(0.1);
  });
});

describe('which reductions are shaped', () => {
  it('shapes only 16-bit output at 44.1 kHz; plain TPDF at other rates, ≥ 88.2 kHz and 24 bits', () => {
    expect(noiseShapingFor('auto', 44100, 16)?.id).toBe('lipshitz');
    expect(noiseShapingFor('f-weighted', 44100, 16)?.id).toBe('f-weighted');
    for (const rate of [32000, 48000, 88200, 96000, 192000]) {
      expect(noiseShapingFor('auto', rate, 16)).toBeUndefined();
      expect(noiseShapingFor('lipshitz', rate, 16)).toBeUndefined();
    }
    expect(noiseShapingFor('auto', 44100, 24)).toBeUndefined();
    expect(noiseShapingFor('none', 44100, 16)).toBeUndefined();
  });

  it('refuses a design at a rate it was not made for', () => {
    expect(() =>
      reduceWordLength(
        { sampleRate: 48000, channels: [new Float32Array(8)] },
        { bitDepth: 16, seed: 1, noiseShaping: NOISE_SHAPING_DESIGNS.lipshitz },
      ),
    ).toThrow(/designed for 44100 Hz, not 48000 Hz/);
  });
});
