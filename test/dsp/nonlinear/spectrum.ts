import { RealFft } from '../../../src/core/fft.js';

/**
 * Measurement helpers for the nonlinear tests. Tones are chosen to sit exactly on DFT bins of
 * the analysed length (coherent sampling), so a plain rectangular window shows each component
 * in one bin with no leakage and levels can be read to the noise floor of double precision.
 */

/** Power per bin (|X_k|², k = 0 … N/2) of `x[start … start + N)`, N a power of two. */
export function binPowers(x: ArrayLike<number>, start: number, size: number): Float64Array {
  const fft = new RealFft(size);
  const input = new Float64Array(size);
  for (let i = 0; i < size; i++) input[i] = x[start + i];
  const spectrum = fft.createSpectrum();
  fft.forward(input, spectrum);
  const power = new Float64Array(size / 2 + 1);
  for (let k = 0; k <= size / 2; k++) {
    power[k] = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
  }
  return power;
}

/** Amplitude of the sine at exactly `frequencyHz`, by correlation over a whole number of periods. */
export function toneAmplitude(
  x: ArrayLike<number>,
  start: number,
  count: number,
  frequencyHz: number,
  sampleRate: number,
): number {
  let re = 0;
  let im = 0;
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let i = 0; i < count; i++) {
    re += x[start + i] * Math.cos(w * i);
    im += x[start + i] * Math.sin(w * i);
  }
  return (2 * Math.hypot(re, im)) / count;
}

export const toDb = (gain: number): number => 20 * Math.log10(gain);
