/**
 * The stretch engine's core: a phase vocoder that renders any time map, with identity phase
 * locking and phase reset.
 *
 * Frames: periodic Hann analysis and synthesis windows of N ≈ 43 ms (2048 samples at
 * 44.1/48 kHz), a fixed synthesis hop Hs = N/4 (75 % overlap, whose squared windows sum to
 * exactly 3/2). Output frame k is centred on sample k·Hs; its analysis frame is centred on
 * the source sample the map sends there, so any map (stretch, warp, quantise) is one loop.
 *
 * Phases (Laroche & Dolson, "Improved phase vocoder time-scale modification of audio",
 * IEEE Trans. Speech Audio Proc. 1999): each frame's spectral peaks (larger than two
 * neighbours each side) get a phase rotation ρ that advances by ω·(Hs − Ha) from the
 * previous frame's rotation at that bin (ω the peak's instantaneous frequency, Ha the
 * actual analysis hop, trapezoidal in ω when the peak continues); every bin in a peak's
 * region of influence (up to the magnitude minimum between peaks) takes its peak's
 * rotation, which keeps the partial's shape ("identity phase locking"). ω comes from the
 * phase difference between the frame and the same frame one sample earlier, obtained from
 * the one FFT by the sliding-DFT relation R₋₁(k) = x(p−1) + e^{−i2πk/N}R(k) − x(p+N−1) and
 * the Hann window applied as a three-bin convolution (so no wrap ambiguity at any hop).
 *
 * Channels share the rotation (taken from the channel loudest at each peak), so the phase
 * differences between channels, and with them the stereo image, are kept.
 *
 * Transients: frames whose analysis centre lies in a `reset` interval use the analysis
 * phases unchanged (ρ = 0; Bonada, "Automatic technique in frequency domain for near-lossless
 * time-scale modification of audio", ICMC 2000). The time map is made rigid (slope 1)
 * over those intervals (transient-map.ts), so there consecutive frames overlap exactly as
 * they did in the source and the output is the source itself, shifted: the attack is
 * reproduced sample for sample instead of being smeared over a window.
 */
import { RealFft } from '../../core/fft.js';
import { periodicHann } from './hann.js';
import type { PiecewiseLinearMap } from './time-map.js';

/** Window length of the stretch engine, ≈ 43 ms as a power of two. */
export const STRETCH_FRAME_SECONDS = 0.0427;

export interface VocoderPlan {
  /** Source sample → output sample. */
  readonly map: PiecewiseLinearMap;
  /** Source-sample intervals [from, to] (sorted) whose frames keep their analysis phases. */
  readonly resets: readonly (readonly [number, number])[];
  readonly outputFrames: number;
}

const TWO_PI = 2 * Math.PI;
/** Squared periodic Hann windows at a hop of N/4 sum to 3/2. */
const OVERLAP_GAIN = 1.5;
/** Bins this far below the frame's loudest (power, −200 dB) are not peaks. */
const PEAK_FLOOR = 1e-20;

function wrap(phase: number): number {
  return phase - TWO_PI * Math.round(phase / TWO_PI);
}

export function phaseVocoder(
  channels: readonly Float32Array[],
  frameSize: number,
  plan: VocoderPlan,
): Float32Array[] {
  const N = frameSize;
  const half = N / 2;
  const hop = N / 4;
  const bins = half + 1;
  const channelCount = channels.length;
  const sourceFrames = channelCount === 0 ? 0 : channels[0].length;
  const { map, resets, outputFrames } = plan;

  const fft = new RealFft(N);
  const window = periodicHann(N);
  // e^{−i2πk/N}, k = 0 … N/2 + 1, for the one-sample-earlier spectrum.
  const twiddle = new Float64Array(2 * (bins + 1));
  for (let k = 0; k <= bins; k++) {
    twiddle[2 * k] = Math.cos((-TWO_PI * k) / N);
    twiddle[2 * k + 1] = Math.sin((-TWO_PI * k) / N);
  }
  const frame = new Float64Array(N);
  const rect = channels.map(() => fft.createSpectrum());
  const xr = channels.map(() => new Float64Array(bins));
  const xi = channels.map(() => new Float64Array(bins));
  const power = new Float64Array(bins);
  const rho = new Float64Array(bins);
  const omega = new Float64Array(bins);
  const rhoPrev = new Float64Array(bins);
  const omegaPrev = new Float64Array(bins).fill(Number.NaN);
  const peaks = new Int32Array(bins);
  const synthesis = fft.createSpectrum();
  const shaped = new Float64Array(N);
  // Output accumulators with N samples of margin before 0 and after the end.
  const acc = channels.map(() => new Float64Array(outputFrames + 2 * N));

  const firstK = Math.ceil((1 - half) / hop);
  const lastK = Math.floor((outputFrames + half - 1) / hop);
  let previousA = Number.NaN;
  let resetIndex = 0;
  for (let k = firstK; k <= lastK; k++) {
    const s = k * hop;
    const a = Math.round(map.inverse(s));
    const start = a - half;
    if (start + N <= 0 || start >= sourceFrames) {
      // Nothing of the source under this frame: silence, and phases start afresh after it.
      rhoPrev.fill(0);
      omegaPrev.fill(Number.NaN);
      previousA = Number.NaN;
      continue;
    }
    while (resetIndex < resets.length && resets[resetIndex][1] < a) resetIndex++;
    const reset =
      Number.isNaN(previousA) || (resetIndex < resets.length && resets[resetIndex][0] <= a);

    // Analysis: rectangular-frame FFT, Hann applied as −¼, ½, −¼ across bins.
    for (let c = 0; c < channelCount; c++) {
      const x = channels[c];
      for (let n = 0; n < N; n++) {
        const m = start + n;
        frame[n] = m >= 0 && m < sourceFrames ? x[m] : 0;
      }
      const R = rect[c];
      fft.forward(frame, R);
      const re = xr[c];
      const im = xi[c];
      for (let b = 0; b < bins; b++) {
        const lo = b === 0 ? N - 1 : b - 1;
        const hi = b + 1;
        re[b] = 0.5 * R[2 * b] - 0.25 * (R[2 * lo] + R[2 * hi]);
        im[b] = 0.5 * R[2 * b + 1] - 0.25 * (R[2 * lo + 1] + R[2 * hi + 1]);
      }
    }
    let loudest = 0;
    for (let b = 0; b < bins; b++) {
      let p = 0;
      for (let c = 0; c < channelCount; c++) p += xr[c][b] * xr[c][b] + xi[c][b] * xi[c][b];
      power[b] = p;
      if (p > loudest) loudest = p;
    }

    // Peaks and their instantaneous frequencies.
    let peakCount = 0;
    const floor = loudest * PEAK_FLOOR;
    for (let b = 1; b < bins - 1; b++) {
      const p = power[b];
      if (p <= floor || p <= power[b - 1] || p < power[b + 1]) continue;
      if ((b >= 2 && p <= power[b - 2]) || (b + 2 < bins && p < power[b + 2])) continue;
      peaks[peakCount++] = b;
    }
    const analysisHop = a - previousA;
    let regionStart = 0;
    for (let i = 0; i < peakCount; i++) {
      const b = peaks[i];
      const w = instantaneousFrequency(channels, rect, xr, xi, b, start, N, twiddle);
      let rotation = 0;
      if (!reset) {
        const before = omegaPrev[b];
        const mean =
          Number.isNaN(before) || Math.abs(before - w) > (4 * Math.PI) / N ? w : 0.5 * (w + before);
        rotation = wrap(rhoPrev[b] + mean * (hop - analysisHop));
      }
      // Region of influence: from the previous boundary to the minimum before the next peak.
      let regionEnd = bins - 1;
      if (i + 1 < peakCount) {
        const next = peaks[i + 1];
        regionEnd = b;
        for (let j = b + 1; j < next; j++) if (power[j] < power[regionEnd]) regionEnd = j;
      }
      for (let j = regionStart; j <= regionEnd; j++) {
        rho[j] = rotation;
        omega[j] = w;
      }
      regionStart = regionEnd + 1;
    }
    if (peakCount === 0) {
      // No partials (silence or pure noise floor): keep rotations as they were.
      for (let j = 0; j < bins; j++) {
        rho[j] = reset ? 0 : rhoPrev[j];
        omega[j] = Number.NaN;
      }
    }
    rhoPrev.set(rho);
    omegaPrev.set(omega);
    previousA = a;

    // Synthesis: rotate, inverse FFT, Hann again, overlap-add.
    const outStart = s - half + N;
    for (let c = 0; c < channelCount; c++) {
      const re = xr[c];
      const im = xi[c];
      let lastRotation = Number.NaN;
      let cr = 1;
      let ci = 0;
      for (let b = 0; b < bins; b++) {
        const r = rho[b];
        if (r !== lastRotation) {
          cr = Math.cos(r);
          ci = Math.sin(r);
          lastRotation = r;
        }
        const yr = re[b] * cr - im[b] * ci;
        const yi = re[b] * ci + im[b] * cr;
        synthesis[2 * b] = yr;
        synthesis[2 * b + 1] = yi;
        if (b > 0 && b < half) {
          synthesis[2 * (N - b)] = yr;
          synthesis[2 * (N - b) + 1] = -yi;
        }
      }
      fft.inverse(synthesis, shaped);
      const out = acc[c];
      for (let n = 0; n < N; n++) out[outStart + n] += window[n] * shaped[n];
    }
  }

  return acc.map((a) => {
    const y = new Float32Array(outputFrames);
    for (let n = 0; n < outputFrames; n++) y[n] = a[n + N] / OVERLAP_GAIN;
    return y;
  });
}

/**
 * Instantaneous frequency (radians per sample) at bin `b` of the channel loudest there: the
 * phase advance between the Hann-windowed frame starting at `start` and the one starting a
 * sample earlier, built from the rectangular spectrum R by the sliding-DFT relation.
 */
function instantaneousFrequency(
  channels: readonly Float32Array[],
  rect: readonly Float64Array[],
  xr: readonly Float64Array[],
  xi: readonly Float64Array[],
  b: number,
  start: number,
  N: number,
  twiddle: Float64Array,
): number {
  let c = 0;
  let best = -1;
  for (let i = 0; i < channels.length; i++) {
    const p = xr[i][b] * xr[i][b] + xi[i][b] * xi[i][b];
    if (p > best) {
      best = p;
      c = i;
    }
  }
  const x = channels[c];
  const R = rect[c];
  const entering = start - 1 >= 0 && start - 1 < x.length ? x[start - 1] : 0;
  const leaving = start + N - 1 >= 0 && start + N - 1 < x.length ? x[start + N - 1] : 0;
  // R₋₁(k) = x(p−1) + e^{−i2πk/N}·R(k) − x(p+N−1), for k = b − 1, b, b + 1.
  let pr = 0;
  let pi = 0;
  for (let d = -1; d <= 1; d++) {
    const k = b + d;
    const cr = twiddle[2 * k];
    const ci = twiddle[2 * k + 1];
    const rr = R[2 * k];
    const ri = R[2 * k + 1];
    const weight = d === 0 ? 0.5 : -0.25;
    pr += weight * (entering - leaving + rr * cr - ri * ci);
    pi += weight * (rr * ci + ri * cr);
  }
  // Phase of X(b)·conj(X₋₁(b)): the advance over one sample.
  const re = xr[c][b];
  const im = xi[c][b];
  return Math.atan2(im * pr - re * pi, re * pr + im * pi);
}
