/**
 * Measurements for the repair tests: energies, band energies from one long FFT, the DTFT at
 * an exact frequency, and cross-correlation at chosen lags.
 */
import { nextPowerOfTwo, RealFft } from '../../../src/core/fft.js';

export function energy(x: ArrayLike<number>, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return sum;
}

/** Energy of a − b. */
export function differenceEnergy(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum;
}

export function db(powerRatio: number): number {
  return 10 * Math.log10(powerRatio);
}

/**
 * Power spectrum |X(k)|² of the whole signal (zero-padded to a power of two, rectangular
 * window: band sums then obey Parseval exactly when bands tile the spectrum), bins 0…N/2,
 * with the bin width in Hz.
 */
export function powerSpectrum(
  x: ArrayLike<number>,
  sampleRate: number,
): { power: Float64Array; binHz: number } {
  const n = nextPowerOfTwo(x.length);
  const fft = new RealFft(n);
  const input = new Float64Array(n);
  for (let i = 0; i < x.length; i++) input[i] = x[i];
  const spectrum = fft.createSpectrum();
  fft.forward(input, spectrum);
  const power = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) power[k] = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
  return { power, binHz: sampleRate / n };
}

/** Sum of spectrum power over [loHz, hiHz). */
export function bandPower(
  spectrum: { power: Float64Array; binHz: number },
  loHz: number,
  hiHz: number,
): number {
  const a = Math.max(0, Math.ceil(loHz / spectrum.binHz));
  const b = Math.min(spectrum.power.length, Math.ceil(hiHz / spectrum.binHz));
  let sum = 0;
  for (let k = a; k < b; k++) sum += spectrum.power[k];
  return sum;
}

/** Octave bands from 62.5 Hz up to (not beyond) Nyquist: [lo, hi) pairs. */
export function octaveBands(sampleRate: number): [number, number][] {
  const bands: [number, number][] = [[0, 62.5]];
  for (let lo = 62.5; lo < sampleRate / 2; lo *= 2)
    bands.push([lo, Math.min(2 * lo, sampleRate / 2)]);
  return bands;
}

/** Complex DTFT Σ x[n]·e^{−jωn} at `hz` (double precision). */
export function dtft(
  x: ArrayLike<number>,
  hz: number,
  sampleRate: number,
): { re: number; im: number } {
  const w = (2 * Math.PI * hz) / sampleRate;
  // Rotate a phasor by recurrence, renormalised each step, for speed with little drift.
  const cw = Math.cos(w);
  const sw = Math.sin(w);
  let c = 1;
  let s = 0;
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i] * c;
    im -= x[i] * s;
    const c2 = c * cw - s * sw;
    s = s * cw + c * sw;
    c = c2;
    if ((i & 1023) === 1023) {
      const m = Math.hypot(c, s);
      c /= m;
      s /= m;
    }
  }
  return { re, im };
}

/** Normalised cross-correlation Σ a[n]·b[n+lag] / √(Σa²·Σb²). */
export function crossCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, lag: number): number {
  let sum = 0;
  for (let i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) sum += a[i] * b[i + lag];
  return sum / Math.sqrt(energy(a) * energy(b));
}

/** Number of samples where a and b differ (bit for bit, NaN-safe). */
export function differingSamples(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let count = 0;
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) count++;
  return count;
}
