import { describe, expect, it } from 'vitest';
import { delayByFraction } from '../../src/demo/synth/fractional-delay.js';

describe('fractional delay (windowed sinc)', () => {
  const fs = 48000;
  /** A band-limited test signal: sines at 55 Hz … 15 kHz, evaluated at any time. */
  const partials = [55, 440, 1234.5, 5000, 9876, 15000];
  const signal = (t: number) =>
    partials.reduce((sum, f, i) => sum + Math.sin(2 * Math.PI * f * t + i) / partials.length, 0);

  it.each([0, 0.2, 0.5, 1123.2, 3.75])(
    'delays by %s samples to within −80 dB of the exact shifted signal',
    (delay) => {
      const x = Float32Array.from({ length: 8192 }, (_, n) => signal(n / fs));
      const y = delayByFraction(x, delay);
      // Compare away from the edges, where the filter sees only real input.
      let error = 0;
      let power = 0;
      for (let n = Math.ceil(delay) + 64; n < x.length - 64; n++) {
        const exact = signal((n - delay) / fs);
        error += (y[n] - exact) ** 2;
        power += exact * exact;
      }
      expect(10 * Math.log10(error / power)).toBeLessThan(-80);
    },
  );

  it('moves an impulse: exactly by a whole delay; symmetrically, with unity DC gain, by a half', () => {
    const impulse = new Float32Array(100);
    impulse[20] = 1;
    const whole = delayByFraction(impulse, 10);
    expect(
      Array.from(whole)
        .map((v, n) => (Math.abs(v) > 1e-7 ? n : -1))
        .filter((n) => n >= 0),
    ).toEqual([30]);
    expect(whole[30]).toBeCloseTo(1, 6);
    const half = delayByFraction(impulse, 10.5);
    for (let k = 0; k < 16; k++) expect(half[30 - k]).toBeCloseTo(half[31 + k], 6);
    expect(half.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(half.length).toBe(100);
  });

  it('refuses a negative delay', () => {
    expect(() => delayByFraction(new Float32Array(4), -1)).toThrow(RangeError);
  });
});
