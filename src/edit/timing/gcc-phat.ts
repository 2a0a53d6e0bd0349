/**
 * Time delay between two recordings of the same sound by generalised cross-correlation
 * (Knapp & Carter, "The generalized correlation method for estimation of time delay", IEEE
 * Trans. ASSP 1976).
 *
 * Cross-spectrum: G(ω) = conj(X_guide)·X_take, accumulated over segments so memory does not
 * grow with the clip: each segment of the guide is zero-padded by M = maxLag on both sides
 * and paired with the take over the same span widened by M, so for |τ| ≤ M the summed
 * spectrum is exactly the linear cross-correlation of the whole clips.
 *
 * 1. Which peak: the PHAT weighting G/|G| whitens the spectrum, so the correlation is a
 *    sharp peak at the delay however coloured the material (a voice's harmonics give a
 *    plain correlation with a ripple of near-equal peaks one period apart). The largest
 *    |peak| within ±M gives the whole-sample lag and, by its sign, the polarity.
 * 2. Where exactly: the plain cross-correlation (weight 1: the maximum-likelihood weighting
 *    when the guide is clean and the take carries white noise, Knapp & Carter §III) is
 *    evaluated as its exact band-limited interpolant r(τ) = Σ_k a_k·Re(G_k e^{iω_kτ}) and
 *    maximised by Newton's method from the PHAT lag, to 1e-6 samples.
 * 3. How well: the normalised correlation at that lag, Σ g(n)·t(n+τ) / √(Σg²·Σt²) over
 *    the overlap (−1…1; ±1 for identical material).
 */
import { nextPowerOfTwo, RealFft } from '../../core/fft.js';

export interface DelayEstimate {
  /** How many samples later the sound arrives in the take than in the guide (fractional). */
  readonly lagSamples: number;
  /** Normalised correlation at that lag (negative: polarity inverted). */
  readonly correlation: number;
}

const MIN_FFT_SIZE = 8192;
/**
 * Whitening floor, relative to the mean cross-spectrum magnitude (−60 dB): bins where
 * neither recording has content (above a band-limited signal's band) are not raised to full
 * weight, where their rounding noise and edge effects would outvote the real peak.
 */
const PHAT_FLOOR = 1e-3;

/** Estimates the delay of `take` relative to `guide`, searching lags within ±maxLag. */
export function estimateDelay(
  guide: Float32Array,
  take: Float32Array,
  maxLagSamples: number,
): DelayEstimate {
  const M = Math.max(1, Math.ceil(maxLagSamples));
  const size = Math.min(
    nextPowerOfTwo(Math.max(4 * M, MIN_FFT_SIZE)),
    nextPowerOfTwo(guide.length + 2 * M + 1),
  );
  const G = crossSpectrum(guide, take, M, size);

  // 1. PHAT correlation, whole-sample peak of |r| within ±M.
  const bins = size / 2 + 1;
  let mean = 0;
  for (let k = 0; k < bins; k++) mean += Math.hypot(G[2 * k], G[2 * k + 1]) / bins;
  if (mean === 0) return { lagSamples: 0, correlation: 0 };
  const fft = new RealFft(size);
  const white = fft.createSpectrum();
  for (let k = 0; k < bins; k++) {
    const magnitude = Math.max(Math.hypot(G[2 * k], G[2 * k + 1]), mean * PHAT_FLOOR);
    white[2 * k] = G[2 * k] / magnitude;
    white[2 * k + 1] = G[2 * k + 1] / magnitude;
  }
  mirror(white, size);
  const phat = new Float64Array(size);
  fft.inverse(white, phat);
  let bestLag = 0;
  for (let lag = -M; lag <= M; lag++) {
    if (Math.abs(phat[(lag + size) % size]) > Math.abs(phat[(bestLag + size) % size]))
      bestLag = lag;
  }
  const sign = phat[(bestLag + size) % size] >= 0 ? 1 : -1;

  // 2. Sub-sample: Newton on the band-limited plain correlation, from the PHAT lag.
  const { lag, value } = refineLag(G, size, bestLag, sign);

  // 3. Normalised correlation there (energies over the overlap at the nearest whole lag).
  const { guideEnergy, takeEnergy } = overlapEnergies(guide, take, Math.round(lag));
  const norm = Math.sqrt(guideEnergy * takeEnergy);
  return { lagSamples: lag, correlation: norm > 0 ? Math.max(-1, Math.min(1, value / norm)) : 0 };
}

/** Σ over segments of conj(FFT(guide segment))·FFT(take span), bins 0…size/2, interleaved. */
export function crossSpectrum(guide: Float32Array, take: Float32Array, M: number, size: number) {
  const fft = new RealFft(size);
  const segment = size - 2 * M;
  const bins = size / 2 + 1;
  const G = new Float64Array(2 * bins);
  const g = new Float64Array(size);
  const t = new Float64Array(size);
  const X = fft.createSpectrum();
  const Y = fft.createSpectrum();
  for (let s = 0; s < guide.length; s += segment) {
    g.fill(0);
    for (let j = 0; j < segment && s + j < guide.length; j++) g[M + j] = guide[s + j];
    for (let j = 0; j < size; j++) {
      const m = s - M + j;
      t[j] = m >= 0 && m < take.length ? take[m] : 0;
    }
    fft.forward(g, X);
    fft.forward(t, Y);
    for (let k = 0; k < bins; k++) {
      const xr = X[2 * k];
      const xi = X[2 * k + 1];
      const yr = Y[2 * k];
      const yi = Y[2 * k + 1];
      G[2 * k] += xr * yr + xi * yi;
      G[2 * k + 1] += xr * yi - xi * yr;
    }
  }
  return G;
}

/** Fills bins size/2+1 … size−1 with the conjugate mirror of the lower half. */
export function mirror(spectrum: Float64Array, size: number): void {
  for (let k = 1; k < size / 2; k++) {
    spectrum[2 * (size - k)] = spectrum[2 * k];
    spectrum[2 * (size - k) + 1] = -spectrum[2 * k + 1];
  }
}

/**
 * The maximum of sign·r(τ) near `start`, r(τ) = Σ_k a_k Re(G_k e^{iω_kτ}), ω_k = 2πk/size,
 * a_k = 1 at DC and Nyquist and 2 between (the real inverse DFT at a fractional lag).
 */
function refineLag(
  G: Float64Array,
  size: number,
  start: number,
  sign: number,
): { lag: number; value: number } {
  const bins = size / 2 + 1;
  const derivatives = (tau: number): [number, number, number] => {
    let r = 0;
    let d1 = 0;
    let d2 = 0;
    // e^{iω_kτ} by recurrence: one rotation per bin (double precision drifts < 1e-10).
    const step = (2 * Math.PI * tau) / size;
    const sr = Math.cos(step);
    const si = Math.sin(step);
    let zr = 1;
    let zi = 0;
    for (let k = 0; k < bins; k++) {
      const a = k === 0 || k === bins - 1 ? 1 : 2;
      const w = (2 * Math.PI * k) / size;
      const re = G[2 * k] * zr - G[2 * k + 1] * zi;
      const im = G[2 * k] * zi + G[2 * k + 1] * zr;
      r += a * re;
      d1 -= a * w * im;
      d2 -= a * w * w * re;
      const nr = zr * sr - zi * si;
      zi = zr * si + zi * sr;
      zr = nr;
    }
    // The real inverse DFT carries 1/size.
    return [(sign * r) / size, (sign * d1) / size, (sign * d2) / size];
  };
  // Start from the best whole lag of the plain correlation next to the PHAT lag.
  let tau = start;
  let best = derivatives(start)[0];
  for (const candidate of [start - 1, start + 1]) {
    const value = derivatives(candidate)[0];
    if (value > best) {
      best = value;
      tau = candidate;
    }
  }
  for (let iteration = 0; iteration < 30; iteration++) {
    const [, d1, d2] = derivatives(tau);
    if (d2 >= 0) break; // not at a maximum: keep the whole-sample lag
    const step = Math.max(-0.5, Math.min(0.5, -d1 / d2));
    tau += step;
    if (Math.abs(step) < 1e-7) break;
  }
  return { lag: tau, value: sign * derivatives(tau)[0] };
}

/** Energies of guide and take over the samples where they overlap at whole lag τ. */
function overlapEnergies(guide: Float32Array, take: Float32Array, lag: number) {
  const from = Math.max(0, -lag);
  const to = Math.min(guide.length, take.length - lag);
  let guideEnergy = 0;
  let takeEnergy = 0;
  for (let n = from; n < to; n++) {
    guideEnergy += guide[n] * guide[n];
    takeEnergy += take[n + lag] * take[n + lag];
  }
  return { guideEnergy, takeEnergy };
}
