/**
 * Known damage for the repair tests: clicks inserted at recorded places, so detection and
 * restoration can be scored against the truth.
 */
import { Prng } from '../../../src/core/prng.js';

export interface InsertedClick {
  readonly start: number;
  readonly length: number;
}

/**
 * Adds `count` clicks to `x` in place, one in each of `count` equal slices of the signal
 * (at a random place in its middle 80 %), of 1–`maxLength` samples and peak amplitude
 * log-uniform in [minPeakDbfs, maxPeakDbfs]. Odd clicks are bursts of Gaussian samples
 * (scratch crackle), even ones decaying oscillations (a pop ringing in the playback chain).
 */
export function insertClicks(
  x: Float32Array,
  count: number,
  seed: number,
  maxLength = 20,
  minPeakDbfs = -30,
  maxPeakDbfs = -6,
): InsertedClick[] {
  const prng = new Prng(seed);
  const slice = Math.floor(x.length / count);
  const clicks: InsertedClick[] = [];
  for (let c = 0; c < count; c++) {
    const length = 1 + Math.floor(prng.uniform(0, maxLength));
    const start = c * slice + Math.floor(prng.uniform(0.1, 0.9) * slice);
    const peak = 10 ** (prng.uniform(minPeakDbfs, maxPeakDbfs) / 20);
    const rate = prng.uniform(0.5, 2.5);
    const wave: number[] = [];
    for (let i = 0; i < length; i++) {
      wave.push(
        c % 2 === 1 ? prng.gaussian() : Math.exp(-i / Math.max(1, length / 3)) * Math.cos(i * rate),
      );
    }
    const max = Math.max(...wave.map(Math.abs));
    for (let i = 0; i < length; i++) x[start + i] += (peak * wave[i]) / max;
    clicks.push({ start, length });
  }
  return clicks;
}
