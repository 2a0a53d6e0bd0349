import { describe, expect, it } from 'vitest';
import { BiquadCascade, biquadMagnitude, rbj } from '../../src/dsp/biquad.js';

const toDb = (g: number) => 20 * Math.log10(g);

describe('RBJ biquads against their defining properties', () => {
  for (const fs of [44100, 48000, 96000]) {
    it(`at ${fs} Hz: Butterworth low-pass is −3.01 dB at cutoff and 0 dB at DC`, () => {
      const c = rbj('lowpass', 1000, Math.SQRT1_2, 0, fs);
      expect(toDb(biquadMagnitude(c, 1000, fs))).toBeCloseTo(-3.0103, 3);
      expect(toDb(biquadMagnitude(c, 0, fs))).toBeCloseTo(0, 9);
    });

    it(`at ${fs} Hz: peaking reaches its gain at the centre; notch nulls it`, () => {
      expect(toDb(biquadMagnitude(rbj('peaking', 2000, 1, 6, fs), 2000, fs))).toBeCloseTo(6, 9);
      expect(biquadMagnitude(rbj('notch', 2000, 1, 0, fs), 2000, fs)).toBeLessThan(1e-9);
    });

    it(`at ${fs} Hz: shelves reach their gain at the far end`, () => {
      expect(toDb(biquadMagnitude(rbj('lowshelf', 200, Math.SQRT1_2, 4, fs), 0, fs))).toBeCloseTo(
        4,
        9,
      );
      expect(
        toDb(biquadMagnitude(rbj('highshelf', 5000, Math.SQRT1_2, -4, fs), fs / 2, fs)),
      ).toBeCloseTo(-4, 9);
    });
  }
});

describe('BiquadCascade', () => {
  it('measures the designed magnitude on a steady sine', () => {
    const fs = 48000;
    const c = rbj('peaking', 1000, 2, -9, fs);
    const cascade = new BiquadCascade(1, 1);
    cascade.setSections([c]);
    const n = fs;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * 1000 * i) / fs);
    cascade.processChannel(0, x, n);
    let peak = 0;
    for (let i = n / 2; i < n; i++) peak = Math.max(peak, Math.abs(x[i]));
    expect(toDb(peak)).toBeCloseTo(-9, 2);
  });

  it('keeps state per channel and clears it on reset', () => {
    const cascade = new BiquadCascade(2, 1);
    cascade.setSections([rbj('lowpass', 100, 0.7, 0, 48000)]);
    const a = new Float32Array([1, 0, 0, 0]);
    const b = new Float32Array(4);
    cascade.processChannel(0, a, 4);
    cascade.processChannel(1, b, 4);
    expect(Array.from(b)).toEqual([0, 0, 0, 0]);
    cascade.reset();
    const c = new Float32Array([1, 0, 0, 0]);
    const fresh = new BiquadCascade(1, 1);
    fresh.setSections([rbj('lowpass', 100, 0.7, 0, 48000)]);
    const d = new Float32Array([1, 0, 0, 0]);
    cascade.processChannel(0, c, 4);
    fresh.processChannel(0, d, 4);
    expect(Array.from(c)).toEqual(Array.from(d));
  });
});
