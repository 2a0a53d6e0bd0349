/**
 * Frame features for aligning two performances by dynamic time warping: what is sounding
 * (timbre and pitch region) and when something starts.
 *
 * Per frame (Hann ≈ 21 ms, hop `hopSeconds`, frame i centred on sample i·hop), from the log
 * band energies L(b) of a filterbank of 6 bands per octave, 50 Hz – 12 kHz:
 *  - cepstrum c1…c16: the DCT-II of L(b), without c0 (so a level difference between the
 *    recordings does not count), MFCC-like (Davis & Mermelstein, IEEE Trans. ASSP 1980);
 *  - level c0, less the recording's own median (again level-free);
 *  - change: the half-wave rectified rise of L(b) over two frames, summed in 6 groups of
 *    bands — the feature with which Dixon's MATCH aligns performances to within a frame at
 *    onsets (Dixon, "Live tracking of musical performances using on-line time warping",
 *    DAFx 2005) — and likewise the fall, so note ends pin the timing as starts do.
 * Each group is scaled to unit mean norm over the recording (so none dominates by its
 * units); the two recordings are scaled alike (by the mean of both) by the caller.
 */
import { RealFft } from '../../core/fft.js';
import { frameSizeFor, periodicHann } from './hann.js';
import { applyFilterbank, logFilterbank } from './log-filterbank.js';

export const CEPSTRAL_COEFFICIENTS = 16;
const CHANGE_GROUPS = 6;
/** The rise is taken over this many frames, so an onset is not a one-frame spike. */
const ONSET_LAG = 2;
/** c1…c16, level, rises and falls per group of bands. */
export const FEATURE_DIMENSIONS = CEPSTRAL_COEFFICIENTS + 1 + 2 * CHANGE_GROUPS;
const SOUNDING_BELOW_LOUDEST = 10 ** (-50 / 20);
const FLOOR_BELOW_LOUDEST = 10 ** (-60 / 20); // magnitudes: −60 dB under the loudest band

export interface FeatureGroups {
  /** frames × FEATURE_DIMENSIONS, row-major. */
  readonly values: Float32Array;
  readonly frames: number;
  /**
   * Frames [first, last] where the recording sounds: level within 50 dB of its loudest
   * frame (alignment has nothing to go by in the silence around them).
   */
  readonly first: number;
  readonly last: number;
  /** Mean norm of each group before scaling: cepstrum, level, change. */
  readonly groupNorms: readonly [number, number, number];
}

export function alignmentFeatures(
  mono: Float32Array,
  sampleRate: number,
  hopSamples: number,
): FeatureGroups {
  const frameSize = frameSizeFor(0.0213, sampleRate);
  const half = frameSize / 2;
  const bank = logFilterbank(frameSize, sampleRate, 6, 50, 12000);
  const bands = bank.bands;
  const frames = Math.floor(mono.length / hopSamples) + 1;
  const fft = new RealFft(frameSize);
  const window = periodicHann(frameSize);
  const frame = new Float64Array(frameSize);
  const spectrum = fft.createSpectrum();
  const magnitudes = new Float64Array(half + 1);
  const energies = new Float64Array(frames * bands);
  let loudest = 0;
  for (let i = 0; i < frames; i++) {
    const start = i * hopSamples - half;
    for (let n = 0; n < frameSize; n++) {
      const m = start + n;
      frame[n] = m >= 0 && m < mono.length ? mono[m] * window[n] : 0;
    }
    fft.forward(frame, spectrum);
    for (let k = 0; k <= half; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      magnitudes[k] = Math.sqrt(re * re + im * im);
    }
    applyFilterbank(bank, magnitudes, energies, i * bands);
    for (let b = 0; b < bands; b++) loudest = Math.max(loudest, energies[i * bands + b]);
  }
  const floor = Math.max(loudest * FLOOR_BELOW_LOUDEST, 1e-30);
  const logs = energies.map((e) => Math.log(e + floor));

  // DCT-II basis rows k = 0…16.
  const basis: Float64Array[] = [];
  for (let k = 0; k <= CEPSTRAL_COEFFICIENTS; k++) {
    const row = new Float64Array(bands);
    for (let b = 0; b < bands; b++) row[b] = Math.cos((Math.PI * k * (b + 0.5)) / bands);
    basis.push(row);
  }
  const values = new Float32Array(frames * FEATURE_DIMENSIONS);
  const level = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const row = i * bands;
    for (let k = 0; k <= CEPSTRAL_COEFFICIENTS; k++) {
      let sum = 0;
      for (let b = 0; b < bands; b++) sum += basis[k][b] * logs[row + b];
      if (k === 0) level[i] = sum / bands;
      else values[i * FEATURE_DIMENSIONS + k - 1] = (2 * sum) / bands;
    }
    for (let g = 0; g < CHANGE_GROUPS; g++) {
      const from = Math.floor((g * bands) / CHANGE_GROUPS);
      const to = Math.floor(((g + 1) * bands) / CHANGE_GROUPS);
      let rise = 0;
      let fall = 0;
      if (i >= ONSET_LAG) {
        const earlier = row - ONSET_LAG * bands;
        for (let b = from; b < to; b++) {
          const change = logs[row + b] - logs[earlier + b];
          if (change > 0) rise += change;
          else fall -= change;
        }
      }
      const at = i * FEATURE_DIMENSIONS + CEPSTRAL_COEFFICIENTS + 1 + 2 * g;
      values[at] = rise / (to - from);
      values[at + 1] = fall / (to - from);
    }
  }
  const medianLevel = Float64Array.from(level).sort()[frames >> 1];
  // Sounding frames: summed band magnitude within 50 dB of the loudest frame's.
  const total = new Float64Array(frames);
  let loudestTotal = 0;
  for (let i = 0; i < frames; i++) {
    for (let b = 0; b < bands; b++) total[i] += energies[i * bands + b];
    loudestTotal = Math.max(loudestTotal, total[i]);
  }
  const audible = loudestTotal * SOUNDING_BELOW_LOUDEST;
  let first = 0;
  while (first < frames - 1 && total[first] < audible) first++;
  let last = frames - 1;
  while (last > first && total[last] < audible) last--;
  for (let i = 0; i < frames; i++) {
    values[i * FEATURE_DIMENSIONS + CEPSTRAL_COEFFICIENTS] = level[i] - medianLevel;
  }

  const groups: [number, number][] = [
    [0, CEPSTRAL_COEFFICIENTS],
    [CEPSTRAL_COEFFICIENTS, CEPSTRAL_COEFFICIENTS + 1],
    [CEPSTRAL_COEFFICIENTS + 1, FEATURE_DIMENSIONS],
  ];
  const norms = groups.map(([from, to]) => {
    let sum = 0;
    for (let i = 0; i < frames; i++) {
      let squares = 0;
      for (let d = from; d < to; d++) squares += values[i * FEATURE_DIMENSIONS + d] ** 2;
      sum += Math.sqrt(squares);
    }
    return sum / Math.max(1, frames);
  });
  return { values, frames, first, last, groupNorms: norms as [number, number, number] };
}

/** Scales each group of both recordings by the mean of their norms (times its weight). */
export function normaliseTogether(
  a: FeatureGroups,
  b: FeatureGroups,
  weights: readonly [number, number, number],
): void {
  const bounds = [0, CEPSTRAL_COEFFICIENTS, CEPSTRAL_COEFFICIENTS + 1, FEATURE_DIMENSIONS];
  for (let g = 0; g < 3; g++) {
    const norm = 0.5 * (a.groupNorms[g] + b.groupNorms[g]);
    const scale = norm > 0 ? weights[g] / norm : 0;
    for (const features of [a, b]) {
      for (let i = 0; i < features.frames; i++) {
        for (let d = bounds[g]; d < bounds[g + 1]; d++) {
          features.values[i * FEATURE_DIMENSIONS + d] *= scale;
        }
      }
    }
  }
}
