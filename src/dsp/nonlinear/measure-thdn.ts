import { RealFft } from '../../core/fft.js';
import { dbToGain, gainToDb } from '../../core/units.js';
import { valuesFromSettings } from '../params.js';
import { limiterProcessor } from './limiter.js';

/**
 * THD+N of the limiter at a given gain reduction, for BENCHMARKS.md (call it from bench/).
 *
 * Signal: 60 Hz and 1 kHz sines in the 4:1 amplitude ratio of the SMPTE RP 120 IMD test,
 * scaled so that their summed peak is `gainReductionDb` above the ceiling: the limiter must
 * take exactly that much off the crests, and the low tone sweeps it in and out 120 times a
 * second (a hard case for a limiter: the gain moves at audio rate).
 *
 * Measurement (`thdPlusNoise`): 2^16 samples of the settled output (after 1 s), a 4-term
 * Blackman–Harris window (sidelobes −92 dB; Harris, Proc. IEEE 66 (1978)), power spectrum;
 * the two test tones are notched out by zeroing ±`NOTCH_BINS` bins around each (the window's
 * main lobe is ±4 bins), and DC likewise. THD+N = √(power left / total power), as a ratio and in
 * dB. Everything else — harmonics, intermodulation sidebands of the gain modulation, noise —
 * counts.
 */

export const THDN_TONES_HZ = [60, 1000] as const;
const NOTCH_BINS = 8;
const ANALYSIS_SIZE = 1 << 16;

export interface ThdnResult {
  /** THD+N as a ratio of RMS values. */
  readonly thdn: number;
  readonly thdnDb: number;
  /** Largest gain reduction the limiter applied over the analysed span, dB. */
  readonly peakGainReductionDb: number;
  /** Mean of the gain reduction in dB over the analysed span. */
  readonly meanGainReductionDb: number;
}

/** THD+N of `signal[start … start + 2^16)` with the given tones notched out (see above). */
export function thdPlusNoise(
  signal: ArrayLike<number>,
  start: number,
  sampleRate: number,
  tonesHz: readonly number[],
): number {
  const n = ANALYSIS_SIZE;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const w =
      0.35875 - 0.48829 * Math.cos(t) + 0.14128 * Math.cos(2 * t) - 0.01168 * Math.cos(3 * t);
    x[i] = w * signal[start + i];
  }
  const fft = new RealFft(n);
  const spectrum = fft.createSpectrum();
  fft.forward(x, spectrum);
  const notched = new Uint8Array(n / 2 + 1);
  for (const f of [0, ...tonesHz]) {
    const centre = Math.round((f * n) / sampleRate);
    for (let k = centre - NOTCH_BINS; k <= centre + NOTCH_BINS; k++) {
      if (k >= 0 && k <= n / 2) notched[k] = 1;
    }
  }
  let total = 0;
  let rest = 0;
  for (let k = 0; k <= n / 2; k++) {
    const p = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
    total += p;
    if (!notched[k]) rest += p;
  }
  return Math.sqrt(rest / total);
}

export function measureLimiterThdN(
  options: {
    sampleRate?: number;
    gainReductionDb?: number;
    /** Limiter settings (defaults otherwise: −1 dBTP, 2 ms, 100 ms adaptive release). */
    settings?: Record<string, unknown>;
  } = {},
): ThdnResult {
  const sampleRate = options.sampleRate ?? 48000;
  const settings = { ...options.settings };
  const values = valuesFromSettings(limiterProcessor.params, settings);
  const limiter = limiterProcessor.create(values);
  const block = 512;
  limiter.prepare({ sampleRate, maxBlockSize: block, channels: 1 });

  const peak = dbToGain(values.ceilingDbtp + (options.gainReductionDb ?? 6));
  const [low, high] = THDN_TONES_HZ;
  const settle = sampleRate;
  const frames = settle + ANALYSIS_SIZE + limiter.latency;
  const input = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    input[i] =
      peak * (0.8 * Math.sin(2 * Math.PI * low * t) + 0.2 * Math.sin(2 * Math.PI * high * t));
  }
  const output = new Float32Array(frames);
  const work = [new Float32Array(block)];
  for (let pos = 0; pos < frames; pos += block) {
    const count = Math.min(block, frames - pos);
    work[0].set(input.subarray(pos, pos + count));
    limiter.process({ channels: work, length: count });
    output.set(work[0].subarray(0, count), pos);
  }

  const start = settle + limiter.latency;
  // The limiter only multiplies: gain = output / delayed input wherever the input is not small.
  let peakReduction = 0;
  let reductionSum = 0;
  let counted = 0;
  for (let i = start; i < start + ANALYSIS_SIZE; i++) {
    const x = input[i - limiter.latency];
    if (Math.abs(x) < 0.1 * peak) continue;
    const reduction = -gainToDb(output[i] / x);
    peakReduction = Math.max(peakReduction, reduction);
    reductionSum += reduction;
    counted++;
  }
  const thdn = thdPlusNoise(output, start, sampleRate, THDN_TONES_HZ);
  return {
    thdn,
    thdnDb: gainToDb(thdn),
    peakGainReductionDb: peakReduction,
    meanGainReductionDb: reductionSum / counted,
  };
}
