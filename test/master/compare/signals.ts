import { RealFft } from '../../../src/core/fft.js';
import { whiteNoise } from '../reference/signals.js';

/**
 * Band-limited noise (20 Hz–`topFraction`·fs, flat) made in the frequency domain, and the
 * same noise delayed by any real number of samples and scaled — exactly, by a linear phase
 * e^{−iωd} on every bin (a circular shift: the signal is periodic in its length, so what
 * leaves the end re-enters at the start, consistently).
 */
export function delayedNoisePair(
  frames: number,
  sampleRate: number,
  delaySamples: number,
  gainDb: number,
  seed: number,
  topFraction = 0.4,
): { a: Float32Array; b: Float32Array } {
  const fft = new RealFft(frames);
  const x = fft.createSpectrum();
  fft.forward(whiteNoise(frames, seed), x);
  const y = fft.createSpectrum();
  const g = 10 ** (gainDb / 20);
  for (let k = 0; k <= frames / 2; k++) {
    const f = (k * sampleRate) / frames;
    const keep = f >= 20 && f <= topFraction * sampleRate ? 1 : 0;
    const re = x[2 * k] * keep;
    const im = x[2 * k + 1] * keep;
    x[2 * k] = re;
    x[2 * k + 1] = im;
    const phase = (-2 * Math.PI * k * delaySamples) / frames;
    const c = Math.cos(phase);
    const s = Math.sin(phase);
    y[2 * k] = g * (re * c - im * s);
    y[2 * k + 1] = g * (re * s + im * c);
  }
  for (const z of [x, y]) {
    for (let k = 1; k < frames / 2; k++) {
      z[2 * (frames - k)] = z[2 * k];
      z[2 * (frames - k) + 1] = -z[2 * k + 1];
    }
  }
  const ta = new Float64Array(frames);
  const tb = new Float64Array(frames);
  fft.inverse(x, ta);
  fft.inverse(y, tb);
  // Scale both alike to about −20 dBFS RMS.
  let sum = 0;
  for (const v of ta) sum += v * v;
  const scale = 0.1 / Math.sqrt(sum / frames);
  return {
    a: Float32Array.from(ta, (v) => v * scale),
    b: Float32Array.from(tb, (v) => v * scale),
  };
}
