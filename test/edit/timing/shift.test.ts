import { describe, expect, it } from 'vitest';
import { defaultValues, validateParams } from '../../../src/dsp/params.js';
import {
  FRACTIONAL_DELAY_HALF_TAPS,
  fractionalDelayTaps,
} from '../../../src/edit/timing/fractional-delay.js';
import { shiftOperation } from '../../../src/edit/timing/shift-operation.js';
import { bandLimitedNoise, exactDelay, mono } from './signals.js';

const FS = 48000;
const context = { path: 'tracks[0].clips[0].edits[0]' };

function shift(x: Float32Array, offsetSeconds: number): Float32Array {
  return shiftOperation.apply(mono(FS, x), { offsetSeconds }, context).audio.channels[0];
}

/** Worst |H(ω) − e^{−iωd}| in dB over ω ≤ 2π·limit and fractions d = k/64. */
function worstKernelErrorDb(limit: number): number {
  let worst = 0;
  for (let q = 1; q < 64; q++) {
    const fraction = q / 64;
    const taps = fractionalDelayTaps(fraction);
    for (let i = 0; i <= 200; i++) {
      const w = (2 * Math.PI * limit * i) / 200;
      let re = 0;
      let im = 0;
      taps.forEach((h, j) => {
        const k = j - FRACTIONAL_DELAY_HALF_TAPS + 1;
        re += h * Math.cos(w * k);
        im -= h * Math.sin(w * k);
      });
      worst = Math.max(worst, Math.hypot(re - Math.cos(w * fraction), im + Math.sin(w * fraction)));
    }
  }
  return 20 * Math.log10(worst);
}

describe('shift: fractional delay kernel', () => {
  it('stays within its stated error: −98 dB up to 0.40·fs, −92 dB up to 0.45·fs', () => {
    const to40 = worstKernelErrorDb(0.4);
    const to45 = worstKernelErrorDb(0.45);
    expect(to40).toBeLessThan(-98);
    expect(to45).toBeLessThan(-92);
  });
});

describe('shift operation', () => {
  it('declares one parameter, an offset in seconds defaulting to 0', () => {
    expect(defaultValues(shiftOperation.params)).toEqual({ offsetSeconds: 0 });
    expect(validateParams(shiftOperation.params, { offsetSeconds: 'late' })).toHaveLength(1);
  });

  it.each([237, -237])('moves an impulse by %i whole samples exactly onto the sample', (d) => {
    const x = new Float32Array(4000);
    x[1000] = 1;
    const y = shift(x, d / FS);
    expect(y.length).toBe(x.length);
    for (let n = 0; n < y.length; n++) expect(y[n]).toBe(n === 1000 + d ? 1 : 0);
  });

  it.each([
    [23.37, 'a fractional delay'],
    [-7.5, 'half a sample early'],
    [207.408, '4.321 ms late'],
  ])('%f samples (%s) matches the band-limited delay within −98 dB', (d) => {
    // Noise up to 0.40·fs, faded in and out so the ideal delay has silence around it.
    const n = 24000;
    const noise = bandLimitedNoise(FS, n, 20, 0.4 * FS, 3);
    const x = noise.map((v, i) => v * Math.min(1, i / 2000, (n - 1 - i) / 2000));
    const y = shift(x, d / FS);
    const reference = exactDelay(x, d);
    let error = 0;
    let power = 0;
    for (let i = 0; i < n; i++) {
      error += (y[i] - reference[i]) ** 2;
      power += reference[i] ** 2;
    }
    const errorDb = 10 * Math.log10(error / power);
    expect(errorDb).toBeLessThan(-98);
  });

  it('keeps the length: what moves out is dropped, silence moves in', () => {
    const x = new Float32Array(1000).fill(0.5);
    const later = shift(x, 10.5 / FS);
    const earlier = shift(x, -10.5 / FS);
    expect(later.length).toBe(1000);
    expect(earlier.length).toBe(1000);
    for (let n = 0; n < 10 - FRACTIONAL_DELAY_HALF_TAPS; n++) expect(later[n]).toBe(0);
    expect(later.slice(0, 10).every((v) => Math.abs(v) < 0.5)).toBe(true);
    expect(Math.abs(later[500] - 0.5)).toBeLessThan(1e-6);
    expect(earlier.slice(990).every((v) => Math.abs(v) < 0.5)).toBe(true);
  });

  it('reports what it did', () => {
    const result = shiftOperation.apply(
      mono(FS, new Float32Array(10)),
      { offsetSeconds: -0.0125 },
      context,
    );
    expect(result.findings[0].message).toBe('Shifted earlier by 12.500 ms (600.00 samples).');
  });
});
