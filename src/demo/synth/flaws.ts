import { dbToGain } from '../../core/units.js';

/**
 * The recording faults the editing stage will repair, as plain operations on a take's
 * samples. Each is exactly invertible given its ground truth (hum and clicks are added,
 * clipping keeps the original beside it), so a repair can be scored against the truth.
 */

/** One sinusoid of mains hum. `levelDbfs` is its peak amplitude (a full-scale sine is 0 dBFS). */
export interface HumHarmonic {
  readonly harmonic: number;
  readonly frequencyHz: number;
  readonly levelDbfs: number;
  readonly phaseRadians: number;
}

/**
 * x[n] += Σ 10^(level/20)·sin(2π·f·n/fs + φ) over the harmonics. When a harmonic's period
 * is a whole number of samples (50 Hz and its harmonics at 44.1, 48 or 96 kHz) one period
 * is computed and repeated, which is exact and far cheaper than a sine per sample.
 */
export function addHum(
  x: Float32Array,
  harmonics: readonly HumHarmonic[],
  sampleRate: number,
): void {
  for (const h of harmonics) {
    const amplitude = dbToGain(h.levelDbfs);
    const step = (2 * Math.PI * h.frequencyHz) / sampleRate;
    const period = sampleRate / h.frequencyHz;
    if (!Number.isInteger(period)) {
      for (let n = 0; n < x.length; n++) x[n] += amplitude * Math.sin(step * n + h.phaseRadians);
      continue;
    }
    const cycle = new Float64Array(period);
    for (let n = 0; n < period; n++) cycle[n] = amplitude * Math.sin(step * n + h.phaseRadians);
    for (let n = 0; n < x.length; n++) x[n] += cycle[n % period];
  }
}

/**
 * A click's shape: a one-sample spike ringing down over four more samples, as a digital
 * glitch or a cable crackle leaves after the converter's anti-alias filter.
 */
export const CLICK_SHAPE: readonly number[] = [1, -0.55, 0.3, -0.15, 0.07];

export interface Click {
  /** Sample index of the spike (the shape's first sample). */
  readonly sample: number;
  /** Signed peak amplitude of the spike. */
  readonly amplitude: number;
}

export function addClicks(x: Float32Array, clicks: readonly Click[]): void {
  for (const click of clicks) {
    for (let k = 0; k < CLICK_SHAPE.length; k++) {
      const n = click.sample + k;
      if (n >= 0 && n < x.length) x[n] += click.amplitude * CLICK_SHAPE[k];
    }
  }
}

/** Hard-clips `x` in place at ±`level`; returns how many samples were clipped. */
export function hardClip(x: Float32Array, level: number): number {
  const top = Math.fround(level);
  let clipped = 0;
  for (let n = 0; n < x.length; n++) {
    if (x[n] > top) {
      x[n] = top;
      clipped++;
    } else if (x[n] < -top) {
      x[n] = -top;
      clipped++;
    }
  }
  return clipped;
}
