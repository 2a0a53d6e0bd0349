/**
 * Autoregressive (all-pole, linear-prediction) models of short stretches of audio, the basis
 * of click detection and of interpolating missing or clipped samples (Godsill & Rayner,
 * "Digital Audio Restoration", 1998, ch. 3 and 5).
 *
 * Convention: prediction error e(n) = Σ_{k=0}^{p} a_k·x(n−k) with a_0 = 1.
 */

import { nextPowerOfTwo, RealFft } from '../../core/fft.js';

/** Above this many lags the sums are taken through an FFT (Wiener–Khinchin) instead. */
const DIRECT_MAX_LAG = 24;
const ffts = new Map<number, RealFft>();

function fftOfSize(size: number): RealFft {
  let fft = ffts.get(size);
  if (!fft) {
    fft = new RealFft(size);
    ffts.set(size, fft);
  }
  return fft;
}

/**
 * Adds the autocorrelation sums Σ y(i)·y(i−lag), lag 0…maxLag, of a Hann-windowed stretch
 * [from, to) of `x` into `sums`, with the samples `missing` marks (clicks, clipped samples)
 * set to zero; returns the window energy of the samples present, by which the sums are
 * divided to give a power-scaled estimate. Zero-filling keeps the estimate positive definite
 * (the autocorrelation of a finite sequence), so Levinson–Durbin always reaches the full
 * order; rescaling each lag by its own pair count (Parzen 1963) would be unbiased but can
 * lose definiteness and cut a model short. `from`/`to` are clamped to `x`.
 */
export function accumulateAutocorrelation(
  x: ArrayLike<number>,
  from: number,
  to: number,
  maxLag: number,
  missing: Uint8Array | undefined,
  sums: Float64Array,
): number {
  const a = Math.max(0, from);
  const b = Math.min(x.length, to);
  const n = b - a;
  if (n <= maxLag) return 0;
  const y = new Float64Array(n);
  let weight = 0;
  for (let i = 0; i < n; i++) {
    if (missing !== undefined && missing[a + i] !== 0) continue;
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    y[i] = w * x[a + i];
    weight += w * w;
  }
  if (maxLag <= DIRECT_MAX_LAG) {
    for (let lag = 0; lag <= maxLag; lag++) {
      let sum = 0;
      for (let i = lag; i < n; i++) sum += y[i] * y[i - lag];
      sums[lag] += sum;
    }
    return weight;
  }
  // |Y(k)|² transformed back is the autocorrelation; zero padding to ≥ n + maxLag keeps the
  // circular wrap away from the lags kept. Same sums as the direct loop, to round-off.
  const size = nextPowerOfTwo(n + maxLag + 1);
  const fft = fftOfSize(size);
  const padded = new Float64Array(size);
  padded.set(y);
  const spectrum = fft.createSpectrum();
  fft.forward(padded, spectrum);
  for (let k = 0; k < size; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    spectrum[2 * k] = re * re + im * im;
    spectrum[2 * k + 1] = 0;
  }
  fft.inverse(spectrum, padded);
  for (let lag = 0; lag <= maxLag; lag++) sums[lag] += padded[lag];
  return weight;
}

/** Autocorrelation of one stretch (see accumulateAutocorrelation). */
export function maskedAutocorrelation(
  x: ArrayLike<number>,
  from: number,
  to: number,
  maxLag: number,
  missing: Uint8Array | undefined,
  out: Float64Array = new Float64Array(maxLag + 1),
): Float64Array {
  out.fill(0);
  const weight = accumulateAutocorrelation(x, from, to, maxLag, missing, out);
  if (weight > 0) for (let lag = 0; lag <= maxLag; lag++) out[lag] /= weight;
  return out;
}

/**
 * Autocorrelation from the `context` samples on either side of a gap [gapStart, gapEnd),
 * each side windowed on its own: the gap leaves no hole in either stretch, so the model
 * sees the music's own spectrum, not the spectrum of the music with a hole cut in it.
 */
export function gapAutocorrelation(
  x: ArrayLike<number>,
  gapStart: number,
  gapEnd: number,
  context: number,
  maxLag: number,
  missing: Uint8Array | undefined,
): Float64Array {
  const out = new Float64Array(maxLag + 1);
  const weight =
    accumulateAutocorrelation(x, gapStart - context, gapStart, maxLag, missing, out) +
    accumulateAutocorrelation(x, gapEnd, gapEnd + context, maxLag, missing, out);
  if (weight > 0) for (let lag = 0; lag <= maxLag; lag++) out[lag] /= weight;
  return out;
}

/**
 * Levinson–Durbin recursion: the order-`order` predictor from autocorrelation `r` (Makhoul
 * 1975, eqs. 38–40). A white-noise floor of 1e−9·r(0) (−90 dB) is added, which keeps the
 * normal equations well conditioned for nearly pure tones; should a reflection coefficient
 * still reach ±1 (an estimate that is not positive definite) the recursion stops at the
 * order reached. Returns a (length order + 1, a_0 = 1; unused orders are 0) and the final
 * prediction-error power.
 */
export function levinson(
  r: Float64Array,
  order: number,
  a: Float64Array = new Float64Array(order + 1),
): { coefficients: Float64Array; errorPower: number } {
  a.fill(0);
  a[0] = 1;
  let error = r[0] * (1 + 1e-9);
  if (!(error > 0)) return { coefficients: a, errorPower: 0 };
  const previous = new Float64Array(order + 1);
  for (let m = 1; m <= order; m++) {
    let acc = r[m];
    for (let k = 1; k < m; k++) acc += a[k] * r[m - k];
    const reflection = -acc / error;
    if (!(Math.abs(reflection) < 1)) break;
    previous.set(a);
    for (let k = 1; k < m; k++) a[k] = previous[k] + reflection * previous[m - k];
    a[m] = reflection;
    error *= 1 - reflection * reflection;
  }
  return { coefficients: a, errorPower: error };
}

/** R_a(d) = Σ_k a_k·a_{k+d} for d = 0…p: the autocorrelation of the predictor. */
export function predictorAutocorrelation(a: Float64Array, order = a.length - 1): Float64Array {
  const out = new Float64Array(order + 1);
  for (let d = 0; d <= order; d++) {
    let sum = 0;
    for (let k = 0; k + d <= order; k++) sum += a[k] * a[k + d];
    out[d] = sum;
  }
  return out;
}
