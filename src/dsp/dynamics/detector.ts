import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { BiquadCascade, rbj } from '../biquad.js';
import { smoothingCoefficient } from './envelope.js';
import { DB_PER_LOG2 } from './fast-math.js';

/**
 * The level detector in front of a gain computer: picks the key signal (the input or an
 * external sidechain), high-passes it if asked, rectifies it (peak or RMS) and links the
 * channels. Output stays in the linear domain (amplitude, or mean square for RMS) so the
 * caller can compare against a linear threshold and take a logarithm only when needed.
 */

export type Detection = 'peak' | 'rms';

/**
 * RMS averaging: an exponentially weighted mean of x² with a 10 ms time constant (the
 * same 1 − 1/e definition as attack and release). Its equivalent rectangular window is
 * 2τ = 20 ms long; the level ripple on a steady 1 kHz sine is ±0.035 dB.
 */
export const RMS_WINDOW_MS = 10;

/**
 * Below this frequency the sidechain high-pass is off (0 means off). Above it: a
 * Butterworth high-pass from RBJ cookbook sections (2nd order: Q = 1/√2, 12 dB/octave;
 * 4th order: Q = 0.541 and 1.307, 24 dB/octave), −3 dB at the set frequency.
 */
export const SIDECHAIN_HPF_MIN_HZ = 20;

export interface DetectorSettings {
  readonly detection: Detection;
  /** 0 … 100: 100 = one detector for all channels (the maximum across channels). */
  readonly stereoLinkPercent: number;
  /** 0 = off; otherwise the sidechain high-pass cutoff. */
  readonly highPassHz: number;
  /** RMS time constant; RMS_WINDOW_MS when not given. */
  readonly rmsWindowMs?: number;
  /** Butterworth order of the high-pass: 2 (12 dB/oct, the default) or 4 (24 dB/oct). */
  readonly highPassOrder?: 2 | 4;
}

/** Section Qs of Butterworth high-passes: 1 / (2 cos θk) for the pole angles θk. */
const BUTTERWORTH_Q: Record<2 | 4, readonly number[]> = {
  2: [Math.SQRT1_2],
  4: [1 / (2 * Math.cos(Math.PI / 8)), 1 / (2 * Math.cos((3 * Math.PI) / 8))],
};

export class LevelDetector {
  /** Per audio channel, the detector output for the current block. */
  levels: Float64Array[] = [];
  private values: Float64Array[] = [];
  private loudest = new Float64Array(0);
  private filtered: Float32Array[] = [];
  private highPass = new BiquadCascade(1, 1);
  private highPassOn = false;
  private meanSquare = new Float64Array(0);
  private rmsCoefficient = 0;
  private detection: Detection = 'peak';
  private link = 1;
  /** Key channels the detector can hold (extra sidechain channels are ignored). */
  private capacity = 0;

  prepare(spec: ProcessSpec): void {
    // A stereo key into a mono track still needs both key channels.
    this.capacity = Math.max(spec.channels, 2);
    const frames = spec.maxBlockSize;
    this.highPass = new BiquadCascade(this.capacity, 2);
    this.filtered = Array.from({ length: this.capacity }, () => new Float32Array(frames));
    this.values = Array.from({ length: this.capacity }, () => new Float64Array(frames));
    this.levels = Array.from({ length: spec.channels }, () => new Float64Array(frames));
    this.loudest = new Float64Array(frames);
    this.meanSquare = new Float64Array(this.capacity);
  }

  configure(settings: DetectorSettings, sampleRate: number): void {
    this.detection = settings.detection;
    this.link = Math.min(1, Math.max(0, settings.stereoLinkPercent / 100));
    this.rmsCoefficient = smoothingCoefficient(settings.rmsWindowMs ?? RMS_WINDOW_MS, sampleRate);
    this.highPassOn = settings.highPassHz >= SIDECHAIN_HPF_MIN_HZ;
    if (this.highPassOn) {
      this.highPass.setSections(
        BUTTERWORTH_Q[settings.highPassOrder ?? 2].map((q) =>
          rbj('highpass', settings.highPassHz, q, 0, sampleRate),
        ),
      );
    }
  }

  reset(): void {
    this.highPass.reset();
    this.meanSquare.fill(0);
  }

  /** Peak, fully linked, no high-pass: the level is max |x| over the key's channels. */
  get isPlainPeak(): boolean {
    return this.detection === 'peak' && this.link === 1 && !this.highPassOn;
  }

  /** True when every channel shares one detector (`levels[0]`). */
  get linked(): boolean {
    return this.link === 1;
  }

  /** dB per log2 unit of the detector's values: amplitude (peak) or power (RMS). */
  get dbPerLog2(): number {
    return this.detection === 'rms' ? DB_PER_LOG2 / 2 : DB_PER_LOG2;
  }

  /** A level in dB expressed in the detector's units (amplitude or mean square). */
  fromDb(levelDb: number): number {
    return this.detection === 'rms' ? 10 ** (levelDb / 10) : 10 ** (levelDb / 20);
  }

  /**
   * Measures `length` frames of `key` into `levels`: `levels[0]` only when linked, else
   * one row per audio channel (`outputs`), channel c listening to key channel
   * min(c, keyChannels − 1) blended with the linked maximum. A key shorter than
   * `length` counts as silent past its end.
   */
  measure(key: AudioBlock, length: number, outputs: number): void {
    const keyChannels = Math.min(key.channels.length, this.capacity);
    const linked = this.levels[0];
    if (keyChannels === 0) {
      for (const row of this.levels) row.fill(0, 0, length);
      return;
    }
    if (this.link === 1 && this.detection === 'peak' && keyChannels === 2) {
      // The stereo case in one pass (same values as the general loop below).
      const a = this.keyChannel(key, 0, length);
      const b = this.keyChannel(key, 1, length);
      for (let i = 0; i < length; i++) {
        const x = Math.abs(a[i]);
        const y = Math.abs(b[i]);
        // max(x, y) without a branch (the louder channel changes every few samples):
        // ½(x + y + |x − y|) is within an ulp of it, and exactly it once rounded to
        // Float32, which x and y are (compressor-engine.ts, processStereoPeak).
        linked[i] = Math.fround(0.5 * (x + y + Math.abs(x - y)));
      }
      return;
    }
    for (let c = 0; c < keyChannels; c++) {
      const input = this.keyChannel(key, c, length);
      const value = this.link === 1 ? linked : this.values[c];
      if (this.detection === 'peak') rectify(input, value, length, c > 0 && this.link === 1);
      else this.meanSquare[c] = this.square(input, value, length, this.meanSquare[c], c);
    }
    if (this.link === 1) return;

    // Partial link: each channel's own level blended with the loudest channel's.
    const loudest = this.loudest;
    loudest.set(this.values[0].subarray(0, length));
    for (let c = 1; c < keyChannels; c++) {
      const v = this.values[c];
      for (let i = 0; i < length; i++) if (v[i] > loudest[i]) loudest[i] = v[i];
    }
    const own = 1 - this.link;
    const shared = this.link;
    for (let c = 0; c < outputs; c++) {
      const source = this.values[Math.min(c, keyChannels - 1)];
      const out = this.levels[c];
      for (let i = 0; i < length; i++) out[i] = own * source[i] + shared * loudest[i];
    }
  }

  /** The key channel's samples for this block: raw, or copied and high-passed. */
  private keyChannel(key: AudioBlock, c: number, length: number): Float32Array {
    const raw = key.channels[c];
    const available = Math.min(key.length, length);
    if (!this.highPassOn && available === length) return raw;
    const copy = this.filtered[c];
    copy.set(raw.subarray(0, available));
    copy.fill(0, available, length);
    if (this.highPassOn) this.highPass.processChannel(c, copy, length);
    return copy;
  }

  /** Running mean square of one key channel; returns the updated state. */
  private square(
    input: Float32Array,
    out: Float64Array,
    length: number,
    state: number,
    c: number,
  ): number {
    const alpha = this.rmsCoefficient;
    const accumulate = c > 0 && this.link === 1;
    let ms = state;
    for (let i = 0; i < length; i++) {
      const x = input[i];
      ms = x * x + alpha * (ms - x * x);
      if (accumulate) {
        if (ms > out[i]) out[i] = ms;
      } else out[i] = ms;
    }
    // Keep a decayed mean square out of the subnormal range.
    return ms < 1e-300 ? 0 : ms;
  }
}

/** |x| into `out`, or the running maximum with what `out` already holds. */
function rectify(
  input: Float32Array,
  out: Float64Array,
  length: number,
  accumulate: boolean,
): void {
  if (accumulate) {
    for (let i = 0; i < length; i++) {
      const a = Math.abs(input[i]);
      if (a > out[i]) out[i] = a;
    }
  } else {
    for (let i = 0; i < length; i++) out[i] = Math.abs(input[i]);
  }
}
