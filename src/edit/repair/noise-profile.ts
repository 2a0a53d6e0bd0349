/**
 * Noise profiles: the expected power E|X(k)|² of each STFT bin when only noise plays, in the
 * units of the analysis (Hann-windowed frames of the denoiser's STFT).
 *
 * Automatic estimate. Each bin's power over the whole clip is gathered into a histogram
 * (0.25 dB cells; no spectrogram is kept). For stationary Gaussian noise a bin's power is
 * exponentially distributed with mean μ, so:
 *  1. the p-quantile q_p = −μ·ln(1 − p) gives a first estimate μ₀ = q_p / −ln(1 − p)
 *     (the low-percentile idea of minimum statistics, Martin 2001, with its bias
 *     compensation for the exponential law);
 *  2. because programme fills part of the frames, that quantile sits above the noise's own
 *     quantile by about 1/(noise-only fraction); it is refined by the maximum-likelihood
 *     mean of a truncated exponential: only powers below β·μ are averaged, and
 *     E[P | P < βμ] = μ·(1 − β e^{−β} / (1 − e^{−β})) is solved for μ, a few times over.
 *     Frames with programme mostly lie above the cut and drop out.
 * The auto profile is then median-filtered across frequency (±≈90 Hz): broadband noise is
 * smooth across bins, while a steady musical partial that never pauses forms a narrow
 * peak that the median removes, so it is not mistaken for noise. A loud steady tone
 * spreads wider than the median through the window's leakage (a 0.5-amplitude sine stands
 * 20 dB over noise at −40 dBFS for ±10 bins), so bins holding a steady component are first
 * found by the shape of their distribution and left out of the median (`steadyBins`).
 *
 * Region profile: the mean power of the frames lying wholly inside the chosen region, the
 * unbiased estimate when the region holds only noise. `checkNoiseRegion` refuses a region
 * whose level or steadiness says it holds programme.
 */

/** Histogram cells of bin power in dB (10·log10 of |X|²). */
const CELL_DB = 0.25;
const MIN_DB = -250;
const MAX_DB = 70;
const CELLS = Math.round((MAX_DB - MIN_DB) / CELL_DB);

/** Quantile for the first estimate. */
const FIRST_QUANTILE = 0.1;
/** Truncation point β of the refinement, in units of the current mean estimate. */
const TRUNCATION = 3;
const REFINEMENTS = 6;
/** Half-width of the median across frequency, in Hz. */
const MEDIAN_HALF_WIDTH_HZ = 90;
/** Quantiles whose distance in dB tells noise from a steady component (`steadyBins`). */
const STEADY_LOWER = 0.02;
const STEADY_UPPER = 0.25;
/** Below this spread a bin holds a steady component (noise alone: 11.5 dB). */
const STEADY_MAX_SPREAD_DB = 8;
/** Fewest frames for the quantiles to mean anything (q₀.₀₂ rests on one frame at 50). */
const STEADY_MIN_FRAMES = 50;
/** Power below this counts as empty (digital silence): a bin never reads exactly zero. */
export const POWER_FLOOR = 1e-30;

/** Mean of an exponential truncated at β·μ, divided by μ. */
function truncatedMeanRatio(beta: number): number {
  return 1 - (beta * Math.exp(-beta)) / (1 - Math.exp(-beta));
}

/**
 * The same two figures for the DC and Nyquist bins. Their transforms are real, so noise
 * power there is μ·Z² with Z standard normal (χ² with one degree of freedom), not
 * exponential: its low quantiles lie far lower (q₀.₁ = 0.016·μ against 0.105·μ), and
 * reading them with the exponential law put a pink noise's DC bin 5 dB low. Both come from
 * the normal density, integrated numerically once (Simpson, fine enough for 1e-9).
 */
const REAL_BIN = (() => {
  const steps = 4000;
  const upper = 8;
  const h = upper / steps;
  // Cumulative ∫₀^z φ and ∫₀^z t²φ on a grid.
  const mass = new Float64Array(steps + 1);
  const moment = new Float64Array(steps + 1);
  const phi = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  for (let i = 1; i <= steps; i++) {
    const a = (i - 1) * h;
    const b = i * h;
    const m = 0.5 * (a + b);
    mass[i] = mass[i - 1] + (h / 6) * (phi(a) + 4 * phi(m) + phi(b));
    moment[i] = moment[i - 1] + (h / 6) * (a * a * phi(a) + 4 * m * m * phi(m) + b * b * phi(b));
  }
  // P(Z² < z²) = 2·mass(z); the grid index of a given z.
  const at = (z: number) => Math.min(steps, Math.round(z / h));
  let q = 0;
  while (2 * mass[at(q)] < FIRST_QUANTILE) q += h;
  const cut = at(Math.sqrt(TRUNCATION));
  return { firstRatio: q * q, truncatedRatio: moment[cut] / mass[cut] };
})();

const CELL_POWERS = (() => {
  const powers = new Float64Array(CELLS);
  for (let c = 0; c < CELLS; c++) powers[c] = 10 ** ((MIN_DB + (c + 0.5) * CELL_DB) / 10);
  return powers;
})();

/** Per-bin histograms of power over frames. */
export class BinPowerHistogram {
  readonly binCount: number;
  private readonly counts: Int32Array;
  private frames = 0;

  constructor(binCount: number) {
    this.binCount = binCount;
    this.counts = new Int32Array(binCount * CELLS);
  }

  get frameCount(): number {
    return this.frames;
  }

  add(powers: Float64Array): void {
    const scale = 10 / CELL_DB;
    const offset = -MIN_DB / CELL_DB;
    for (let k = 0; k < this.binCount; k++) {
      const p = powers[k];
      let cell = p > 0 ? Math.floor(scale * Math.log10(p) + offset) : 0;
      if (cell < 0) cell = 0;
      else if (cell >= CELLS) cell = CELLS - 1;
      this.counts[k * CELLS + cell]++;
    }
    this.frames++;
  }

  /** The histogram cell holding bin `k`'s p-quantile over frames. */
  private quantileCell(k: number, p: number): number {
    const base = k * CELLS;
    const target = p * this.frames;
    let cumulative = 0;
    let cell = 0;
    for (; cell < CELLS - 1; cell++) {
      cumulative += this.counts[base + cell];
      if (cumulative >= target) break;
    }
    return cell;
  }

  /** Mean noise power per bin (truncated-exponential estimate), before any smoothing. */
  estimateNoise(): Float64Array {
    const out = new Float64Array(this.binCount);
    if (this.frames === 0) return out.fill(POWER_FLOOR);
    const complexFirst = -Math.log(1 - FIRST_QUANTILE);
    const complexRatio = truncatedMeanRatio(TRUNCATION);
    for (let k = 0; k < this.binCount; k++) {
      const real = k === 0 || k === this.binCount - 1;
      const firstRatio = real ? REAL_BIN.firstRatio : complexFirst;
      const ratio = real ? REAL_BIN.truncatedRatio : complexRatio;
      const base = k * CELLS;
      let mean = CELL_POWERS[this.quantileCell(k, FIRST_QUANTILE)] / firstRatio;
      for (let r = 0; r < REFINEMENTS; r++) {
        const cut = TRUNCATION * mean;
        let count = 0;
        let sum = 0;
        for (let c = 0; c < CELLS && CELL_POWERS[c] < cut; c++) {
          const n = this.counts[base + c];
          count += n;
          sum += n * CELL_POWERS[c];
        }
        if (count === 0) break;
        mean = sum / count / ratio;
      }
      out[k] = Math.max(mean, POWER_FLOOR);
    }
    return out;
  }

  /**
   * Bins whose power holds a steady component (a tone that never pauses, or its leakage).
   * Noise alone makes a bin's power exponential, whose low quantiles are far apart
   * (q₀.₂₅/q₀.₀₂ = ln 0.75/ln 0.98: 11.5 dB, and more when programme fills some frames);
   * a steady tone k times the noise power narrows it (Rice: 6.8 dB at k = 4, 3.7 dB at
   * k = 10), and there the estimate would read the tone. Too few frames say nothing.
   */
  steadyBins(): Uint8Array {
    const steady = new Uint8Array(this.binCount);
    if (this.frames < STEADY_MIN_FRAMES) return steady;
    for (let k = 0; k < this.binCount; k++) {
      const spreadDb =
        CELL_DB * (this.quantileCell(k, STEADY_UPPER) - this.quantileCell(k, STEADY_LOWER));
      if (spreadDb >= STEADY_MAX_SPREAD_DB) continue;
      // The window's main lobe (±2 bins) around it carries the same component.
      for (let i = Math.max(0, k - 2); i <= Math.min(this.binCount - 1, k + 2); i++) steady[i] = 1;
    }
    return steady;
  }
}

/**
 * Running median across frequency (±half-width in bins, narrowed to stay centred near the
 * ends of the spectrum), for the auto profile. Bins marked
 * in `exclude` take no part; where they fill half a window or more, it widens until it holds
 * as many others as half a window, so the skirts of the excluded bins do not decide alone.
 */
export function medianAcrossFrequency(
  power: Float64Array,
  sampleRate: number,
  fftSize: number,
  exclude: Uint8Array = new Uint8Array(power.length),
): Float64Array {
  const half = Math.max(1, Math.round((MEDIAN_HALF_WIDTH_HZ * fftSize) / sampleRate));
  const out = new Float64Array(power.length);
  const window: number[] = [];
  let usable = 0;
  for (let k = 0; k < power.length; k++) if (exclude[k] === 0) usable++;
  if (usable === 0) {
    exclude = new Uint8Array(power.length);
    usable = power.length;
  }
  const last = power.length - 1;
  const collect = (lo: number, hi: number) => {
    window.length = 0;
    for (let i = lo; i <= hi; i++) if (exclude[i] === 0) window.push(power[i]);
  };
  for (let k = 0; k < power.length; k++) {
    for (let reach = half; ; reach *= 2) {
      // Centred on k: on a sloping spectrum (pink noise near DC) a window cut short by
      // the edge would take its median from one side and read the slope's lower end.
      const edge = Math.min(k, last - k);
      const r = Math.min(reach, edge);
      collect(k - r, k + r);
      if (window.length > Math.min(half, r)) break;
      if (r < reach) {
        collect(Math.max(0, k - reach), Math.min(last, k + reach));
        if (window.length > half || window.length === usable) break;
      }
    }
    window.sort((a, b) => a - b);
    const m = window.length >> 1;
    out[k] = window.length % 2 === 1 ? window[m] : 0.5 * (window[m - 1] + window[m]);
  }
  return out;
}

/**
 * Broadband RMS level (dBFS, 10·log10 of the mean square) of noise with the given bin
 * powers. Parseval: Σ_k |X(k)|² over all N bins = N·Σ_n (w[n]·x[n])², and for noise of
 * variance σ² the expectation is N·σ²·Σw² (Σw² = 3N/8 for Hann).
 */
export function noiseLevelDbfs(power: Float64Array, window: Float64Array): number {
  const n = window.length;
  let windowEnergy = 0;
  for (let i = 0; i < n; i++) windowEnergy += window[i] * window[i];
  let total = power[0] + power[power.length - 1];
  for (let k = 1; k < power.length - 1; k++) total += 2 * power[k];
  const variance = total / (n * windowEnergy);
  return variance > 0 ? 10 * Math.log10(variance) : Number.NEGATIVE_INFINITY;
}
