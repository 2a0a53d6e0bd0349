import { RealFft } from '../../../src/core/fft.js';

/**
 * Independent measurement tools for the resampler tests: nothing here uses the code under
 * test. Tones are synthesised in double precision and stored as Float32 (the exchange
 * format); levels are read either by a least-squares sine fit at a known frequency or from
 * a zero-padded FFT with a 7-term Blackman–Harris window.
 */

/** amplitude · sin(2π f t + phase) sampled at `rateHz`, t = k / rateHz, as Float32. */
export function tone(
  frames: number,
  rateHz: number,
  frequencyHz: number,
  amplitude: number,
  phaseRad = 0,
): Float32Array {
  const x = new Float32Array(frames);
  const w = (2 * Math.PI * frequencyHz) / rateHz;
  for (let k = 0; k < frames; k++) x[k] = amplitude * Math.sin(w * k + phaseRad);
  return x;
}

export interface SineFit {
  readonly amplitude: number;
  /** Phase of a·sin(ωk + phase) with k the absolute sample index. */
  readonly phaseRad: number;
}

/**
 * Least-squares fit of y[k] ≈ A·cos(ωk) + B·sin(ωk) over k ∈ [start, end), by the 2 × 2
 * normal equations in double precision. Exact for any window length (no need for whole
 * periods), so long as the window spans more than about one period.
 */
export function fitSine(
  y: ArrayLike<number>,
  start: number,
  end: number,
  frequencyHz: number,
  rateHz: number,
): SineFit {
  const w = (2 * Math.PI * frequencyHz) / rateHz;
  let cc = 0;
  let ss = 0;
  let cs = 0;
  let yc = 0;
  let ys = 0;
  for (let k = start; k < end; k++) {
    const c = Math.cos(w * k);
    const s = Math.sin(w * k);
    cc += c * c;
    ss += s * s;
    cs += c * s;
    yc += y[k] * c;
    ys += y[k] * s;
  }
  const det = cc * ss - cs * cs;
  const a = (yc * ss - ys * cs) / det; // cos coefficient = amplitude · sin(phase)
  const b = (ys * cc - yc * cs) / det; // sin coefficient = amplitude · cos(phase)
  return { amplitude: Math.hypot(a, b), phaseRad: Math.atan2(a, b) };
}

/** Wrap an angle to (−π, π]. */
export function wrapRad(angle: number): number {
  const wrapped = angle - 2 * Math.PI * Math.round(angle / (2 * Math.PI));
  return wrapped <= -Math.PI ? wrapped + 2 * Math.PI : wrapped;
}

/**
 * 7-term Blackman–Harris window (A. Albrecht, "A family of cosine-sum windows for
 * high-resolution measurements", ICASSP 2001): highest side lobe about −180 dB, main lobe
 * ±7 bins. DFT-even (periodic) form.
 */
const BH7 = [
  0.271051400693424, 0.433297939234486, 0.21812299954311, 0.065925446388031, 0.010811742098371,
  0.000776584825226, 0.000013887217352,
];

export function blackmanHarris7(size: number): Float64Array {
  const w = new Float64Array(size);
  for (let n = 0; n < size; n++) {
    let v = 0;
    for (let k = 0; k < BH7.length; k++) {
      v += (k % 2 === 0 ? 1 : -1) * BH7[k] * Math.cos((2 * Math.PI * k * n) / size);
    }
    w[n] = v;
  }
  return w;
}

/** Main-lobe half-width of the 7-term window, in bins of the unpadded window, plus one. */
const MAIN_LOBE_BINS = 8;
/** Zero-padding factor: a peak is never more than 1/8 bin from a grid point (≤ 0.02 dB low). */
const PADDING = 4;

/** Window and FFT per analysis size, built once (they dominate the cost of a reading). */
const analysers = new Map<number, { window: Float64Array; windowSum: number; fft: RealFft }>();

function analyser(size: number) {
  let a = analysers.get(size);
  if (a === undefined) {
    const window = blackmanHarris7(size);
    const windowSum = window.reduce((sum, w) => sum + w, 0);
    a = { window, windowSum, fft: new RealFft(size * PADDING) };
    analysers.set(size, a);
  }
  return a;
}

export interface SpurReading {
  /** Highest level found, in dB relative to a sine of `referenceAmplitude`. */
  readonly maxDb: number;
  readonly atHz: number;
}

/**
 * The highest spectral line of y[start … start + size) (size a power of two), outside the
 * main lobes of the frequencies in `excludeHz`, in dB relative to a sine of
 * `referenceAmplitude` (a sine of that amplitude reads 0 dB at its own frequency).
 */
export function highestSpur(
  y: ArrayLike<number>,
  start: number,
  size: number,
  rateHz: number,
  excludeHz: readonly number[],
  referenceAmplitude: number,
): SpurReading {
  const { window, windowSum, fft } = analyser(size);
  const paddedSize = size * PADDING;
  const input = new Float64Array(paddedSize);
  for (let n = 0; n < size; n++) input[n] = y[start + n] * window[n];
  const spectrum = fft.createSpectrum();
  fft.forward(input, spectrum);
  const reference = (referenceAmplitude * windowSum) / 2;
  const binHz = rateHz / paddedSize;
  const excludedBins = excludeHz.map((f) => f / binHz);
  const halfWidth = MAIN_LOBE_BINS * PADDING;
  let max = 0;
  let atBin = 0;
  for (let bin = 0; bin <= paddedSize / 2; bin++) {
    if (excludedBins.some((b) => Math.abs(bin - b) <= halfWidth)) continue;
    const magnitude = Math.hypot(spectrum[2 * bin], spectrum[2 * bin + 1]);
    if (magnitude > max) {
      max = magnitude;
      atBin = bin;
    }
  }
  return { maxDb: 20 * Math.log10(max / reference), atHz: atBin * binHz };
}
