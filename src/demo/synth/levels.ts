import { dbToGain } from '../../core/units.js';

/** Largest absolute sample value. */
export function peakAbs(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > peak) peak = a;
  }
  return peak;
}

/** Largest absolute sample over all channels. */
export function peakOfChannels(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const c of channels) peak = Math.max(peak, peakAbs(c));
  return peak;
}

/** Root mean square of `x[start, end)`. */
export function rmsOf(x: ArrayLike<number>, start = 0, end = x.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return end > start ? Math.sqrt(sum / (end - start)) : 0;
}

/** The gain that brings a signal of peak `peak` to `targetPeakDbfs` (1 for silence). */
export function gainToPeak(peak: number, targetPeakDbfs: number): number {
  return peak > 0 ? dbToGain(targetPeakDbfs) / peak : 1;
}

export function scaleInPlace(x: Float32Array, gain: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= gain;
}

/** target[offset + i] += gain · source[i], clipped to the target's bounds. */
export function addInto(
  target: Float32Array,
  source: Float32Array,
  offset: number,
  gain = 1,
): void {
  const start = Math.max(0, -offset);
  const end = Math.min(source.length, target.length - offset);
  for (let i = start; i < end; i++) target[offset + i] += gain * source[i];
}
