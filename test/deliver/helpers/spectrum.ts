import { RealFft } from '../../../src/core/fft.js';

/**
 * Independent spectral measurements for the delivery tests (nothing here uses src/deliver):
 * a Welch power spectral density with a Hann window, band powers from it, and a joint
 * least-squares fit of several sines at known frequencies.
 */

export interface Psd {
  /** One-sided power per bin (units² per bin), bins 0 … size/2. */
  readonly power: Float64Array;
  readonly binHz: number;
}

/**
 * Welch's method: Hann-windowed segments of `size` frames, 50 % overlap, averaged. Scaled so
 * that the sum of `power` over all bins equals the mean square of the signal (Parseval with
 * the window's energy divided out): band sums are band powers.
 */
export function welchPsd(x: ArrayLike<number>, size: number, sampleRateHz: number): Psd {
  const fft = new RealFft(size);
  const window = new Float64Array(size);
  let windowEnergy = 0;
  for (let n = 0; n < size; n++) {
    window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / size);
    windowEnergy += window[n] * window[n];
  }
  const power = new Float64Array(size / 2 + 1);
  const input = new Float64Array(size);
  const spectrum = fft.createSpectrum();
  let segments = 0;
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let n = 0; n < size; n++) input[n] = x[start + n] * window[n];
    fft.forward(input, spectrum);
    for (let k = 0; k <= size / 2; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      // One-sided: double every bin but DC and Nyquist.
      power[k] +=
        ((k === 0 || k === size / 2 ? 1 : 2) * (re * re + im * im)) / (size * windowEnergy);
    }
    segments++;
  }
  for (let k = 0; k < power.length; k++) power[k] /= segments;
  return { power, binHz: sampleRateHz / size };
}

/** Power in [lowHz, highHz] (sum of the bins whose centres lie inside). */
export function bandPower(psd: Psd, lowHz: number, highHz: number): number {
  let sum = 0;
  for (let k = Math.ceil(lowHz / psd.binHz); k * psd.binHz <= highHz && k < psd.power.length; k++) {
    sum += psd.power[k];
  }
  return sum;
}

export function db(power: number): number {
  return 10 * Math.log10(power);
}

/** Root mean square of x − y over all samples. */
export function rmsDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] - y[i]) ** 2;
  return Math.sqrt(sum / x.length);
}

/**
 * Amplitudes of sines at `frequenciesHz` in y[start … end), all fitted at once by linear least
 * squares (a cosine and a sine term per frequency, normal equations solved by Gaussian
 * elimination with partial pivoting). A joint fit has no leakage between the tones, so each
 * amplitude is exact for a sum of sines whatever the window length.
 */
export function fitSines(
  y: ArrayLike<number>,
  start: number,
  end: number,
  frequenciesHz: readonly number[],
  sampleRateHz: number,
): number[] {
  const m = 2 * frequenciesHz.length;
  const a = Array.from({ length: m }, () => new Float64Array(m + 1));
  const basis = new Float64Array(m);
  const steps = frequenciesHz.map((f) => (2 * Math.PI * f) / sampleRateHz);
  for (let k = start; k < end; k++) {
    for (let j = 0; j < steps.length; j++) {
      basis[2 * j] = Math.cos(steps[j] * k);
      basis[2 * j + 1] = Math.sin(steps[j] * k);
    }
    for (let r = 0; r < m; r++) {
      const br = basis[r];
      const row = a[r];
      for (let c = r; c < m; c++) row[c] += br * basis[c];
      row[m] += br * y[k];
    }
  }
  for (let r = 0; r < m; r++) for (let c = 0; c < r; c++) a[r][c] = a[c][r];
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < m; r++) {
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= m; c++) a[r][c] -= factor * a[col][c];
    }
  }
  const solution = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let v = a[r][m];
    for (let c = r + 1; c < m; c++) v -= a[r][c] * solution[c];
    solution[r] = v / a[r][r];
  }
  return frequenciesHz.map((_, j) => Math.hypot(solution[2 * j], solution[2 * j + 1]));
}

/** amplitude · sin(2π f k / fs + phase), computed in double precision, stored as Float32. */
export function sine(
  frames: number,
  sampleRateHz: number,
  frequencyHz: number,
  amplitude: number,
  phaseRad = 0,
): Float32Array {
  const out = new Float32Array(frames);
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  for (let k = 0; k < frames; k++) out[k] = amplitude * Math.sin(w * k + phaseRad);
  return out;
}
