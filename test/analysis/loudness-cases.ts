/**
 * Shared machinery for the EBU Tech 3341 / 3342 loudness tests: run the meter on synthesised
 * case signals once per sample rate, and the two tiers of expectations (loudness.md §3).
 */
import { expect } from 'vitest';
import { biquadMagnitude, kWeightingCoefficients } from '../../src/analysis/k-weighting.js';
import { LoudnessMeter, type LoudnessResult } from '../../src/analysis/loudness-meter.js';

export const RATES = [44100, 48000, 96000] as const;
/** Tech 3341 tolerance for cases 1–14 (loudness.md §3). */
export const TOLERANCE_LU = 0.1;
/** Tech 3342 tolerance for LRA cases 1–4. */
export const LRA_TOLERANCE_LU = 1;
/** Regression tier: the exact BS.1770 value, to within rounding of the published ideals. */
export const REGRESSION_LU = 0.005;

export function measureLoudness(
  sampleRate: number,
  channels: Float32Array[],
  options: { seriesHopSeconds?: number; channelMask?: number } = {},
): LoudnessResult {
  const meter = new LoudnessMeter({ sampleRate, channels: channels.length, ...options });
  meter.push(channels, channels[0].length);
  return meter.result();
}

/**
 * The ideal values in loudness.md are exact at 48 kHz. Every Tech 3341 loudness case is a
 * 1 kHz tone, so at another rate every block's energy differs by the same factor: the K-filter's
 * 1 kHz power gain at that rate over its gain at 48 kHz (the bilinear transform warps the
 * analog prototype differently at each rate: +0.0028 dB at 44.1 kHz, −0.017 dB at 96 kHz).
 */
export function idealAtRate(ideal48kLufs: number, sampleRate: number): number {
  return ideal48kLufs + kGainAt1kHzDb(sampleRate) - kGainAt1kHzDb(48000);
}

export function kGainAt1kHzDb(sampleRate: number): number {
  const { preFilter, rlbHighPass } = kWeightingCoefficients(sampleRate);
  const gain =
    biquadMagnitude(preFilter, 1000, sampleRate) * biquadMagnitude(rlbHighPass, 1000, sampleRate);
  return 20 * Math.log10(gain);
}

/** |measured − expected| ≤ tolerance, with the numbers in the failure message. */
export function expectWithin(
  measured: number,
  expected: number,
  tolerance: number,
  label: string,
): void {
  expect(
    Math.abs(measured - expected),
    `${label}: measured ${measured.toFixed(4)}, expected ${expected.toFixed(4)} ± ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

/** Compute once, on first use (so the tolerance and regression tiers share one measurement). */
export function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/**
 * Highest value of a series within each step of a periodic test signal. Point i covers the
 * window ending after round((i + 1)·hop·fs) frames; it belongs to the step containing its last
 * frame.
 */
export function maxPerStep(
  values: Float64Array,
  hopSeconds: number,
  sampleRate: number,
  stepSeconds: number,
  steps: number,
): number[] {
  const stepFrames = Math.round(stepSeconds * sampleRate);
  const max = new Array<number>(steps).fill(Number.NEGATIVE_INFINITY);
  values.forEach((value, i) => {
    const lastFrame = Math.round((i + 1) * hopSeconds * sampleRate) - 1;
    const step = Math.floor(lastFrame / stepFrames);
    if (step < steps && value > max[step]) max[step] = value;
  });
  return max;
}
