import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { measureLag } from '../../src/demo/lag.js';
import { delayByFraction } from '../../src/demo/synth/fractional-delay.js';

const FS = 48000;

/** Three seconds of noise low-passed by a moving average (so the correlation peak is smooth). */
function noise(seed: number): Float32Array {
  const prng = new Prng(seed);
  const white = Float32Array.from({ length: 3 * FS }, () => prng.next() - 0.5);
  const out = new Float32Array(white.length);
  let sum = 0;
  for (let i = 0; i < white.length; i++) {
    sum += white[i] - (i >= 8 ? white[i - 8] : 0);
    out[i] = sum / 8;
  }
  return out;
}

describe('measureLag (plain cross-correlation over whole clips)', () => {
  // Three seconds span several of the correlation's FFT segments.
  it.each([0, 168, 1123.2, -240.5, 37.75])('finds a delay of %s samples', (delay) => {
    const x = noise(3);
    const take = delayByFraction(x, Math.max(0, delay));
    const guide = delay < 0 ? delayByFraction(x, -delay) : x;
    const lag = measureLag(guide, take, FS, 0.05);
    // The demo prints lags to 0.01 ms (0.48 samples): a parabola through the peak must do
    // better than a fifth of that.
    expect(Math.abs(lag.samples - delay)).toBeLessThan(0.1);
    expect(lag.ms).toBeCloseTo((1000 * lag.samples) / FS, 9);
    expect(lag.inverted).toBe(false);
  });

  it('reports an inverted polarity, and a whole-sample delay exactly', () => {
    const x = noise(4);
    const take = delayByFraction(x, 500).map((v) => -v);
    const lag = measureLag(x, take, FS, 0.05);
    expect(lag.inverted).toBe(true);
    // A symmetric peak: the parabola's vertex sits on it, up to rounding.
    expect(Math.abs(lag.samples - 500)).toBeLessThan(1e-3);
  });
});
