import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { resampleAudio } from '../../dsp/resample/index.js';
import { delaySignal, FRACTIONAL_DELAY_HALF_TAPS } from '../../edit/timing/fractional-delay.js';
import { estimateDelay } from '../../edit/timing/gcc-phat.js';

/**
 * Null test after alignment: does b contain a, apart from level, timing and polarity?
 *
 * 1. Offset: GCC-PHAT on the mono sums, refined to a fraction of a sample on the band-limited
 *    plain cross-correlation (src/edit/timing/gcc-phat.ts) — which is the least-squares
 *    optimal delay for subtracting one from the other.
 * 2. b is moved by that offset: by whole samples exactly, or by a fraction with the 64-tap
 *    Kaiser-windowed sinc (src/edit/timing/fractional-delay.ts; error below −98 dB up to
 *    0.4·fs). Both the whole-sample and the fractional offset are tried and the better null
 *    kept, so identical files null exactly rather than to the interpolator's floor.
 * 3. Gain: the least-squares gain g = Σa·b′ / Σb′² over the frames both cover (less the
 *    interpolator's reach at the edges); negative g means inverted polarity.
 * 4. Residual: 10·log10(Σ(a − g·b′)² / Σa²), dB relative to a; −Infinity for a perfect null.
 *
 * Different sample rates: b is first converted to a's rate (the converter's own error then
 * sets a floor, near −100 dB). Different channel counts: both are compared as mono sums.
 * Material that does not correlate (below MIN_NULL_CORRELATION) is not nulled: a residual
 * of two different mixes means nothing.
 */

export interface NullTest {
  readonly done: boolean;
  /** Why it was not done (when `done` is false). */
  readonly reason?: string;
  /** How much later b is than a (samples at a's rate; fractional). */
  readonly offsetSamples: number;
  readonly offsetMs: number;
  /** Gain applied to b to match a (dB). */
  readonly gainDb: number;
  readonly polarityInverted: boolean;
  /** Residual energy relative to a's (dB); −Infinity for a perfect null. */
  readonly residualDb: number;
  /** Normalised correlation at the offset (−1…1). */
  readonly correlation: number;
  /** Notes on what was converted to make the test possible. */
  readonly notes: readonly string[];
}

export const MIN_NULL_CORRELATION = 0.3;
export const DEFAULT_MAX_OFFSET_SECONDS = 1;

export function nullTest(
  a: AudioData,
  b: AudioData,
  maxOffsetSeconds = DEFAULT_MAX_OFFSET_SECONDS,
): NullTest {
  const notes: string[] = [];
  let other = b;
  if (b.sampleRate !== a.sampleRate) {
    other = resampleAudio(b, a.sampleRate);
    notes.push(
      `b was converted from ${b.sampleRate} Hz to ${a.sampleRate} Hz for the null test; the converter's error sets a floor near −100 dB.`,
    );
  }
  let left = a.channels;
  let right = other.channels;
  if (left.length !== right.length) {
    left = [monoSum(left)];
    right = [monoSum(right)];
    notes.push('The files have different channel counts: their mono sums were compared.');
  }
  const skipped = (reason: string, correlation = 0): NullTest => ({
    done: false,
    reason,
    offsetSamples: 0,
    offsetMs: 0,
    gainDb: 0,
    polarityInverted: false,
    residualDb: Number.NaN,
    correlation,
    notes,
  });
  const frames = Math.min(frameCount(a), frameCount(other));
  if (frames < 2 * FRACTIONAL_DELAY_HALF_TAPS + 2) return skipped('the files are too short');
  const guide = monoSum(left);
  const take = monoSum(right);
  if (!guide.some((v) => v !== 0) || !take.some((v) => v !== 0)) {
    return skipped('one of the files is silent');
  }
  const maxLag = Math.min(maxOffsetSeconds * a.sampleRate, frames / 2);
  const estimate = estimateDelay(guide, take, maxLag);
  if (!(Math.abs(estimate.correlation) >= MIN_NULL_CORRELATION)) {
    return skipped(
      `the files do not correlate (${estimate.correlation.toFixed(2)} at best within ±${maxOffsetSeconds} s): different material or edits, so a residual would mean nothing`,
      estimate.correlation,
    );
  }
  // + 0: a lag that rounds to −0 is reported as 0.
  const candidates = [Math.round(estimate.lagSamples) + 0];
  if (candidates[0] !== estimate.lagSamples) candidates.push(estimate.lagSamples);
  let best: { lag: number; gain: number; residualDb: number } | undefined;
  for (const lag of candidates) {
    const trial = subtract(left, right, lag);
    if (!best || trial.residualDb < best.residualDb || Number.isNaN(best.residualDb)) {
      best = { lag, ...trial };
    }
  }
  const { lag, gain, residualDb } = best!;
  return {
    done: true,
    offsetSamples: lag,
    offsetMs: (1000 * lag) / a.sampleRate,
    gainDb: 20 * Math.log10(Math.abs(gain)),
    polarityInverted: gain < 0,
    residualDb,
    correlation: estimate.correlation,
    notes,
  };
}

/** b moved earlier by `lag`, least-squares gain, residual relative to a (all channels). */
function subtract(
  a: readonly Float32Array[],
  b: readonly Float32Array[],
  lag: number,
): { gain: number; residualDb: number } {
  const whole = Number.isInteger(lag);
  const margin = whole ? 0 : FRACTIONAL_DELAY_HALF_TAPS + 1;
  const shifted = b.map((x) => delaySignal(x, -lag));
  const length = Math.min(a[0].length, b[0].length);
  const from = Math.max(0, Math.ceil(-lag)) + margin;
  const to = Math.min(length, Math.floor(b[0].length - lag)) - margin;
  let ab = 0;
  let bb = 0;
  let aa = 0;
  for (let c = 0; c < a.length; c++) {
    const x = a[c];
    const y = shifted[c];
    for (let n = from; n < to; n++) {
      ab += x[n] * y[n];
      bb += y[n] * y[n];
      aa += x[n] * x[n];
    }
  }
  if (bb === 0 || aa === 0) return { gain: 1, residualDb: Number.NaN };
  const gain = ab / bb;
  let rr = 0;
  for (let c = 0; c < a.length; c++) {
    const x = a[c];
    const y = shifted[c];
    for (let n = from; n < to; n++) {
      const r = x[n] - gain * y[n];
      rr += r * r;
    }
  }
  return { gain, residualDb: rr > 0 ? 10 * Math.log10(rr / aa) : Number.NEGATIVE_INFINITY };
}

function monoSum(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const c of channels) for (let i = 0; i < out.length; i++) out[i] += c[i] / channels.length;
  return out;
}
