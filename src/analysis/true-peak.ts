import { MixdownError } from '../core/errors.js';
import type { InterpolatorGrade } from './interpolator-design.js';
import {
  BLOCK_QUANTUM,
  createPeakInterpolator,
  type PeakInterpolator,
} from './peak-interpolators.js';

/**
 * Aims: a streaming BS.1770 Annex 2 true-peak meter — oversample, low-pass interpolate, take
 * the largest magnitude — reporting max(interpolated peak, sample peak) per channel, as
 * libebur128 does (loudness.md §2). Float input needs no 12.04 dB headroom attenuation.
 *
 * The signal is taken to be preceded and followed by digital silence (what a converter plays),
 * so the ringing of a hard start or stop counts.
 *
 * The interpolator is the half-band cascade at 4× and a polyphase design at other factors
 * (interpolator-design.ts, peak-interpolators.ts).
 *
 * Speed: outputs are evaluated in blocks of BLOCK_OUTPUTS. A block whose input window's
 * largest magnitude, times the interpolator's largest L1 norm, cannot exceed the channel's
 * peak known so far (sample peak of everything pushed, interpolated peak so far) is skipped:
 * |Σ c_j x_j| ≤ Σ |c_j| · max |x_j|. Skipped values could never be the maximum, so the result
 * is exactly that of evaluating everything, whatever the chunking.
 */

export const MAX_TRUE_PEAK_OVERSAMPLING = 64;

/**
 * 4× at every rate. libebur128 drops to 2× at 96 kHz and 1× at 192 kHz (loudness.md §2),
 * but the compliance signals are defined relative to fs: at 2× an fs/4 component can be
 * under-read by up to 0.69 dB (Tech 3341 cases 21 and 23 read −0.48 dBTP at 96 kHz, outside
 * the −0.4 dB tolerance), and at 1× by 3 dB. 4× keeps the worst case for fs/4 at 0.17 dB.
 */
export function defaultTruePeakOversampling(_sampleRateHz: number): number {
  return 4;
}

export interface TruePeakMeterOptions {
  readonly sampleRate: number;
  readonly channels: number;
  /** Oversampling factor; default `defaultTruePeakOversampling(sampleRate)`. */
  readonly oversampling?: number;
  /**
   * Force a single-stage polyphase design with these taps and window; by default 4× uses the
   * half-band cascade and other factors the grade for their factor (interpolator-design.ts).
   */
  readonly grade?: InterpolatorGrade;
}

export interface TruePeakResult {
  readonly oversampling: number;
  /** Per channel: max(interpolated, sample) peak magnitude, linear (1 = 0 dBTP). */
  readonly truePeaks: Float64Array;
  /** Per channel: largest sample magnitude, linear (1 = 0 dBFS). */
  readonly samplePeaks: Float64Array;
}

const BLOCK_OUTPUTS = 64;
const CHUNK_FRAMES = 4096;
// Covers the rounding of the interpolator's sums, so the skip test stays a proof.
const BOUND_MARGIN = 1 + 1e-9;

export class TruePeakMeter {
  readonly oversampling: number;
  readonly channelCount: number;
  readonly interpolator: PeakInterpolator | undefined;
  private readonly boundGain: number;
  /** Input samples kept from one block to the next: span − 1. */
  private readonly history: number;
  /**
   * Per channel, in double precision (one array type for every kernel): the last span − 1
   * samples plus pending input; silence before the first sample.
   */
  private readonly buffers: Float64Array[];
  private filled: number;
  private readonly samplePeaks: Float64Array;
  private readonly interpolatedPeaks: Float64Array;

  constructor(options: TruePeakMeterOptions) {
    const factor = options.oversampling ?? defaultTruePeakOversampling(options.sampleRate);
    if (!Number.isInteger(factor) || factor < 1 || factor > MAX_TRUE_PEAK_OVERSAMPLING) {
      throw new MixdownError(
        'invalid-argument',
        `True-peak oversampling must be a whole number from 1 to ${MAX_TRUE_PEAK_OVERSAMPLING}, got ${factor}.`,
      );
    }
    this.oversampling = factor;
    this.channelCount = options.channels;
    this.samplePeaks = new Float64Array(options.channels);
    this.interpolatedPeaks = new Float64Array(options.channels);
    this.interpolator = createPeakInterpolator(factor, options.grade);
    this.boundGain = (this.interpolator?.boundGain ?? 1) * BOUND_MARGIN;
    this.history = this.interpolator ? this.interpolator.span - 1 : 0;
    this.filled = this.history;
    this.buffers = [];
    for (let c = 0; c < options.channels; c++) {
      this.buffers.push(new Float64Array(this.interpolator ? this.history + CHUNK_FRAMES : 0));
    }
  }

  push(channels: readonly Float32Array[], frames: number): void {
    if (channels.length < this.channelCount) {
      throw new MixdownError(
        'invalid-argument',
        `The true-peak meter was set up for ${this.channelCount} channels but got ${channels.length}.`,
      );
    }
    if (!this.interpolator) {
      for (let c = 0; c < this.channelCount; c++) this.copyIn(c, channels[c], 0, frames);
      return;
    }
    let done = 0;
    while (done < frames) {
      const count = Math.min(frames - done, this.buffers[0].length - this.filled);
      for (let c = 0; c < this.channelCount; c++) this.copyIn(c, channels[c], done, count);
      this.filled += count;
      done += count;
      this.interpolateFullBlocks();
    }
  }

  result(): TruePeakResult {
    const truePeaks = new Float64Array(this.channelCount);
    for (let c = 0; c < this.channelCount; c++) {
      truePeaks[c] = Math.max(this.samplePeaks[c], this.interpolatedPeaks[c], this.tailPeak(c));
    }
    return { oversampling: this.oversampling, truePeaks, samplePeaks: this.samplePeaks.slice() };
  }

  /** Note the sample peak of samples[start … start + count) and append them to the buffer. */
  private copyIn(channel: number, samples: Float32Array, start: number, count: number): void {
    const buffer = this.buffers[channel];
    const offset = this.filled - start;
    let peak = this.samplePeaks[channel];
    for (let i = start; i < start + count; i++) {
      const x = samples[i];
      const magnitude = Math.abs(x);
      if (magnitude > peak) peak = magnitude;
      if (buffer.length > 0) buffer[offset + i] = x;
    }
    this.samplePeaks[channel] = peak;
  }

  /** Evaluate every complete block whose span is buffered, then keep the unused tail. */
  private interpolateFullBlocks(): void {
    const blocks = Math.floor((this.filled - this.history) / BLOCK_OUTPUTS);
    if (blocks === 0) return;
    const consumed = blocks * BLOCK_OUTPUTS;
    for (let c = 0; c < this.channelCount; c++) {
      const buffer = this.buffers[c];
      for (let b = 0; b < blocks; b++) this.evaluateBlock(c, buffer, b * BLOCK_OUTPUTS);
      buffer.copyWithin(0, consumed, this.filled);
    }
    this.filled -= consumed;
  }

  private evaluateBlock(channel: number, buffer: Float64Array, start: number): void {
    const known = Math.max(this.samplePeaks[channel], this.interpolatedPeaks[channel]);
    const windowEnd = start + BLOCK_OUTPUTS + this.history;
    let windowMax = 0;
    for (let i = start; i < windowEnd; i++) {
      const magnitude = Math.abs(buffer[i]);
      if (magnitude > windowMax) windowMax = magnitude;
    }
    if (windowMax * this.boundGain <= known) return;
    this.interpolatedPeaks[channel] = Math.max(
      this.interpolatedPeaks[channel],
      this.interpolator?.peak(buffer, start, BLOCK_OUTPUTS) ?? 0,
    );
  }

  /**
   * The positions still pending at the end — the last samples and the ringing into the silence
   * after them — evaluated on a zero-padded copy, so `result()` leaves the meter unchanged.
   */
  private tailPeak(channel: number): number {
    if (!this.interpolator) return 0;
    const outputs = Math.ceil(this.filled / BLOCK_QUANTUM) * BLOCK_QUANTUM;
    const padded = new Float64Array(outputs + this.history);
    padded.set(this.buffers[channel].subarray(0, this.filled));
    return this.interpolator.peak(padded, 0, outputs);
  }
}
