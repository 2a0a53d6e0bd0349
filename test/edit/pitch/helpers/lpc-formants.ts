import { resampleAudio } from '../../../../src/dsp/resample/index.js';

/**
 * Formant frequencies of a steady vowel from its linear-prediction envelope (autocorrelation
 * method, Levinson–Durbin recursion; J. Makhoul, "Linear prediction: a tutorial review",
 * Proc. IEEE 63, 1975): the signal is brought to 12 kHz, cut into 40 ms Hamming-windowed
 * frames every 10 ms after pre-emphasis, each frame's all-pole envelope 1/|A(e^jω)|² is
 * evaluated on a 5 Hz grid, the envelopes are averaged in dB over the window (a vibrato
 * sweeps the harmonics across the envelope, so the average leans less on any one harmonic)
 * and the peaks of the average are the formants. Independent of the code under test.
 */
export interface LpcOptions {
  /** Prediction order (default 14: 12 kHz / 1 kHz + 2). */
  readonly order?: number;
  readonly preEmphasis?: number;
}

const RATE_HZ = 12000;
const FRAME_SECONDS = 0.04;
const HOP_SECONDS = 0.01;
const GRID_HZ = 5;
const TOP_HZ = 4500;

export function lpcEnvelopeDb(
  samples: Float32Array,
  sampleRate: number,
  startSeconds: number,
  endSeconds: number,
  options: LpcOptions = {},
): Float64Array {
  const order = options.order ?? 14;
  const emphasis = options.preEmphasis ?? 0.9;
  const from = Math.max(0, Math.round((startSeconds - 0.05) * sampleRate));
  const to = Math.min(samples.length, Math.round((endSeconds + 0.05) * sampleRate));
  const low = resampleAudio({ sampleRate, channels: [samples.slice(from, to)] }, RATE_HZ)
    .channels[0];
  const offset = (startSeconds - from / sampleRate) * RATE_HZ;
  const frame = Math.round(FRAME_SECONDS * RATE_HZ);
  const hop = Math.round(HOP_SECONDS * RATE_HZ);
  const bins = Math.floor(TOP_HZ / GRID_HZ) + 1;
  const sum = new Float64Array(bins);
  let frames = 0;
  const x = new Float64Array(frame);
  for (
    let start = Math.round(offset);
    start + frame <= offset + (endSeconds - startSeconds) * RATE_HZ;
    start += hop
  ) {
    for (let n = 0; n < frame; n++) {
      const i = start + n;
      const value = low[i] - emphasis * (i > 0 ? low[i - 1] : 0);
      x[n] = value * (0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (frame - 1)));
    }
    const a = levinson(autocorrelation(x, order), order);
    for (let b = 0; b < bins; b++) {
      const w = (2 * Math.PI * b * GRID_HZ) / RATE_HZ;
      let re = 0;
      let im = 0;
      for (let k = 0; k <= order; k++) {
        re += a[k] * Math.cos(k * w);
        im -= a[k] * Math.sin(k * w);
      }
      sum[b] += -10 * Math.log10(re * re + im * im);
    }
    frames++;
  }
  for (let b = 0; b < bins; b++) sum[b] /= frames;
  return sum;
}

/** Frequencies (Hz) of the local maxima of an envelope on the GRID_HZ grid, above `minHz`. */
export function envelopePeaksHz(envelopeDb: Float64Array, minHz = 150): number[] {
  const peaks: number[] = [];
  for (let b = 1; b < envelopeDb.length - 1; b++) {
    if (b * GRID_HZ < minHz) continue;
    if (envelopeDb[b] > envelopeDb[b - 1] && envelopeDb[b] >= envelopeDb[b + 1]) {
      // Parabolic vertex between grid points.
      const p = envelopeDb[b - 1];
      const q = envelopeDb[b];
      const r = envelopeDb[b + 1];
      const offset = (0.5 * (p - r)) / (p - 2 * q + r);
      peaks.push((b + offset) * GRID_HZ);
    }
  }
  return peaks;
}

export function nearest(values: readonly number[], target: number): number {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}

function autocorrelation(x: Float64Array, order: number): Float64Array {
  const r = new Float64Array(order + 1);
  for (let k = 0; k <= order; k++) {
    let s = 0;
    for (let n = k; n < x.length; n++) s += x[n] * x[n - k];
    r[k] = s;
  }
  // A touch of white noise (−40 dB) keeps the recursion well conditioned.
  r[0] *= 1 + 1e-4;
  return r;
}

/** Levinson–Durbin: prediction polynomial a[0] = 1, a[1…order]. */
function levinson(r: Float64Array, order: number): Float64Array {
  let a = new Float64Array(order + 1);
  a[0] = 1;
  let error = r[0];
  for (let i = 1; i <= order; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / error;
    const next = a.slice();
    for (let j = 1; j < i; j++) next[j] = a[j] + k * a[i - j];
    next[i] = k;
    a = next;
    error *= 1 - k * k;
  }
  return a;
}
