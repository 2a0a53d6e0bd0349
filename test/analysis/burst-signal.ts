/**
 * Tech 3341 cases 20–23 (loudness.md §3.1): "an fs/6 sine at 0.50 FS containing one period of
 * fs/4 at 1.00, phase-continuous on both sides; synthesised at 4·fs, anti-alias low-passed,
 * decimated with offset 0, 1, 2, 3". The standard gives neither the filter, nor where the
 * burst sits, nor the fades, so this is our own faithful reading:
 *   - at 4·fs the fs/6 sine has 24 samples per period and the fs/4 burst 16; the burst starts
 *     at a rising zero crossing of the fs/6 sine and the fs/6 phase resumes where it paused,
 *     so the waveform is continuous (0 at both joins);
 *   - 10 ms raised-cosine fades at both ends, far from the burst;
 *   - low-pass: Kaiser-windowed sinc, 513 taps at 4·fs, −6 dB at 0.475·fs, β = 10.06
 *     (≈ 100 dB stop band from 0.5·fs), unity DC gain;
 *   - decimation: y[m] = z[4m + offset].
 * Its true peak is computed here independently of the meter, by evaluating the low-passed
 * signal as the continuous function z(t) = Σ_k h(t − k)·x[k] on a grid 16 times finer than 4·fs.
 */
import { besselI0 } from '../../src/analysis/interpolator-design.js';

const CUTOFF_FRACTION_OF_FS = 0.475;
const HALF_LENGTH = 256;
const KAISER_BETA = 10.06;

export interface BurstSignal {
  /** The signal at `sampleRate` for decimation offset 0 … 3. */
  decimated(offset: number): Float32Array;
  /** Largest |z(t)| of the band-limited construction, linear. */
  readonly truePeak: number;
}

export function burstSignal(sampleRate: number, seconds = 0.25): BurstSignal {
  const x = burstAtFourTimes(sampleRate, seconds);
  const cutoff = CUTOFF_FRACTION_OF_FS / 4; // cycles per sample at 4·fs
  const gain = kernelDcGain(cutoff);
  const kernel = (tau: number) => lowPassKernel(tau, cutoff) / gain;
  const taps = Float64Array.from({ length: 2 * HALF_LENGTH + 1 }, (_, i) =>
    kernel(i - HALF_LENGTH),
  );
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let sum = 0;
    const first = Math.max(0, i - HALF_LENGTH);
    const last = Math.min(x.length - 1, i + HALF_LENGTH);
    for (let k = first; k <= last; k++) sum += taps[i - k + HALF_LENGTH] * x[k];
    z[i] = sum;
  }
  let peakIndex = 0;
  for (let i = 0; i < z.length; i++) if (Math.abs(z[i]) > Math.abs(z[peakIndex])) peakIndex = i;
  // Refine around the largest grid value: the continuous peak lies within a sample of it.
  let truePeak = 0;
  for (let t = peakIndex - 2; t <= peakIndex + 2; t += 1 / 16) {
    truePeak = Math.max(truePeak, Math.abs(filteredAt(x, t, kernel)));
  }
  return {
    truePeak,
    decimated(offset: number): Float32Array {
      const frames = Math.floor((z.length - offset) / 4);
      const y = new Float32Array(frames);
      for (let m = 0; m < frames; m++) y[m] = z[4 * m + offset];
      return y;
    },
  };
}

function burstAtFourTimes(sampleRate: number, seconds: number): Float64Array {
  const frames = Math.round(seconds * 4 * sampleRate);
  const burstStart = 24 * Math.round(frames / 2 / 24); // a rising zero crossing of fs/6
  const fade = Math.round(0.01 * 4 * sampleRate);
  const x = new Float64Array(frames);
  for (let n = 0; n < frames; n++) {
    let value: number;
    if (n < burstStart) value = 0.5 * Math.sin((2 * Math.PI * n) / 24);
    else if (n < burstStart + 16) value = Math.sin((2 * Math.PI * (n - burstStart)) / 16);
    else value = 0.5 * Math.sin((2 * Math.PI * (n - 16)) / 24);
    const edge = Math.min(n, frames - 1 - n);
    x[n] = edge < fade ? value * (0.5 - 0.5 * Math.cos((Math.PI * edge) / fade)) : value;
  }
  return x;
}

/** z(t) = Σ_k h(t − k)·x[k] over the kernel's support, at any real t. */
function filteredAt(x: Float64Array, t: number, kernel: (tau: number) => number): number {
  let sum = 0;
  const first = Math.max(0, Math.ceil(t - HALF_LENGTH));
  const last = Math.min(x.length - 1, Math.floor(t + HALF_LENGTH));
  for (let k = first; k <= last; k++) sum += kernel(t - k) * x[k];
  return sum;
}

function lowPassKernel(tau: number, cutoff: number): number {
  const r = tau / HALF_LENGTH;
  if (Math.abs(r) > 1) return 0;
  const arg = 2 * cutoff * tau;
  const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
  return (2 * cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r))) / besselI0(KAISER_BETA);
}

function kernelDcGain(cutoff: number): number {
  let sum = 0;
  for (let k = -HALF_LENGTH; k <= HALF_LENGTH; k++) sum += lowPassKernel(k, cutoff);
  return sum;
}
