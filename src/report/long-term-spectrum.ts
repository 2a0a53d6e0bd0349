import type { AudioData } from '../core/audio.js';
import { frameCount } from '../core/audio.js';
import { powerToDb } from '../core/units.js';
import { type PowerSpectralDensity, WelchAccumulator, type WelchOptions } from './welch.js';

/**
 * The long-term spectrum a mastering engineer compares: average power in a fractional-octave
 * band around each point of a log-frequency grid. Constant-relative-bandwidth bands are how
 * an ear (and a real-time analyser) weighs frequency, so pink noise reads flat and a master's
 * tonal balance — bass heavy, bright, scooped — is plain to see.
 */

export interface LongTermSpectrum {
  /** Grid frequencies (Hz), evenly spaced on a log axis from minHz to maxHz. */
  readonly frequenciesHz: Float64Array;
  /**
   * Power in the band of `smoothingOctaves` centred (geometrically) on each frequency, dBFS:
   * a full-scale sine reads −3.01 dB in the band that holds it. −Infinity where the band holds
   * no power or lies above the Nyquist frequency.
   */
  readonly levelsDb: Float64Array;
  readonly smoothingOctaves: number;
  readonly sampleRate: number;
  readonly fftSize: number;
}

export interface LogGridOptions {
  readonly minHz?: number;
  readonly maxHz?: number;
  /** Grid density (default 24 points per octave: a smooth line). */
  readonly pointsPerOctave?: number;
  /** Band width each point averages over (default 1/6 octave). */
  readonly smoothingOctaves?: number;
}

export type LongTermSpectrumOptions = LogGridOptions & WelchOptions;

export const SPECTRUM_MIN_HZ = 20;
export const SPECTRUM_MAX_HZ = 20_000;

/** `count` frequencies from minHz to maxHz (both included), equal ratios apart. */
export function logFrequencyGrid(
  minHz: number,
  maxHz: number,
  pointsPerOctave: number,
): Float64Array {
  const count = Math.max(2, Math.round(Math.log2(maxHz / minHz) * pointsPerOctave) + 1);
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = minHz * (maxHz / minHz) ** (i / (count - 1));
  return grid;
}

/**
 * Band powers on a log grid from a density. The density is taken as linear between bin
 * centres and integrated exactly over each band, so bands narrower than a bin (1/6 octave at
 * 20 Hz is 2.3 Hz; a bin at 8192 points and 48 kHz is 5.9 Hz) still get a fair share rather
 * than all or nothing.
 */
export function bandLevelsOnLogGrid(
  psd: PowerSpectralDensity,
  options: LogGridOptions = {},
): LongTermSpectrum {
  const minHz = options.minHz ?? SPECTRUM_MIN_HZ;
  const maxHz = options.maxHz ?? SPECTRUM_MAX_HZ;
  const smoothingOctaves = options.smoothingOctaves ?? 1 / 6;
  const frequenciesHz = logFrequencyGrid(minHz, maxHz, options.pointsPerOctave ?? 24);
  const { density, sampleRate, fftSize } = psd;
  const binHz = sampleRate / fftSize;
  const last = density.length - 1;
  const nyquistHz = last * binHz;

  // cumulative[k] = ∫₀^(k·binHz) D(f) df for the piecewise-linear D.
  const cumulative = new Float64Array(density.length);
  for (let k = 1; k <= last; k++) {
    cumulative[k] = cumulative[k - 1] + (binHz * (density[k - 1] + density[k])) / 2;
  }
  const integralTo = (hz: number): number => {
    const position = Math.min(Math.max(hz / binHz, 0), last);
    const k = Math.min(Math.floor(position), last - 1);
    const t = position - k;
    const slope = density[k + 1] - density[k];
    return cumulative[k] + binHz * (density[k] * t + (slope * t * t) / 2);
  };

  const half = 2 ** (smoothingOctaves / 2);
  const levelsDb = new Float64Array(frequenciesHz.length);
  frequenciesHz.forEach((hz, i) => {
    const lo = hz / half;
    const hi = Math.min(hz * half, nyquistHz);
    levelsDb[i] =
      lo >= nyquistHz ? Number.NEGATIVE_INFINITY : powerToDb(integralTo(hi) - integralTo(lo));
  });
  return { frequenciesHz, levelsDb, smoothingOctaves, sampleRate, fftSize };
}

/** Long-term spectrum of audio in memory (Welch density, then bands on the log grid). */
export function longTermSpectrum(
  audio: AudioData,
  options: LongTermSpectrumOptions = {},
): LongTermSpectrum {
  const welch = new WelchAccumulator(audio.sampleRate, audio.channels.length, options);
  welch.push(audio.channels, frameCount(audio));
  return bandLevelsOnLogGrid(welch.result(), options);
}

/**
 * The average of the finite band levels in dB, every point of the log grid weighing the same:
 * subtracting it from each curve level-matches spectra of different loudness, so what
 * remains is tonal balance. An average of dB rather than of power, because a power average
 * is ruled by the loudest bands (the bass), and a bass boost would then push the rest of the
 * curve down as if the mids had been cut.
 */
export function averageLevelDb(spectrum: LongTermSpectrum): number {
  let sum = 0;
  let count = 0;
  for (const level of spectrum.levelsDb) {
    if (!Number.isFinite(level)) continue;
    sum += level;
    count++;
  }
  return count === 0 ? Number.NEGATIVE_INFINITY : sum / count;
}
