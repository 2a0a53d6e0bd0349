import { RealFft } from '../../../src/core/fft.js';

/**
 * Fourier-series facts about a static curve driven by a sine, computed on a fine grid of one
 * period (2^18 points, so the grid's own aliasing is far below what is measured).
 */

const GRID = 1 << 18;

/** |c_k| of y(θ) = curve(amplitude · sin θ), k = 0 … GRID/2 (c_k: amplitude of harmonic k). */
export function harmonicAmplitudes(curve: (x: number) => number, amplitude: number): Float64Array {
  const fft = new RealFft(GRID);
  const y = new Float64Array(GRID);
  for (let i = 0; i < GRID; i++) y[i] = curve(amplitude * Math.sin((2 * Math.PI * i) / GRID));
  const spectrum = fft.createSpectrum();
  fft.forward(y, spectrum);
  const c = new Float64Array(GRID / 2 + 1);
  for (let k = 0; k <= GRID / 2; k++) {
    c[k] = (2 * Math.hypot(spectrum[2 * k], spectrum[2 * k + 1])) / GRID;
  }
  return c;
}

/**
 * Σ |c_k| over harmonics above `cutoffHz` of a `frequencyHz` fundamental: a bound on how far a
 * low-passed (band-limited) rendering of the curve can depart, sample by sample, from the
 * curve itself.
 */
export function harmonicTail(
  curve: (x: number) => number,
  amplitude: number,
  frequencyHz: number,
  cutoffHz: number,
): number {
  const c = harmonicAmplitudes(curve, amplitude);
  let sum = 0;
  for (let k = Math.floor(cutoffHz / frequencyHz) + 1; k < c.length; k++) sum += c[k];
  return sum;
}
