import type { AudioData } from '../core/audio.js';
import { frameCount } from '../core/audio.js';

/**
 * A waveform decimated for drawing: for each of `columns` equal slices of the audio, the
 * lowest and highest sample over all channels (what a waveform view draws as a vertical bar)
 * and the RMS (the denser inner shape that shows how squashed a master is).
 */
export interface WaveformEnvelope {
  readonly sampleRate: number;
  /** Frames the envelope covers; column i holds frames [⌊i·frames/columns⌋, ⌊(i+1)·frames/columns⌋). */
  readonly frames: number;
  readonly columns: number;
  /** Lowest sample per column over all channels; NaN where a column holds no frame. */
  readonly min: Float32Array;
  /** Highest sample per column over all channels; NaN where a column holds no frame. */
  readonly max: Float32Array;
  /** RMS per column (mean square over all channels and frames); NaN where empty. */
  readonly rms: Float32Array;
}

/** About one column per pixel of a report figure's plot area, with some to spare. */
export const DEFAULT_ENVELOPE_COLUMNS = 1000;

/** First frame of column `column` (the slicing every envelope uses). */
export function columnStartFrame(column: number, frames: number, columns: number): number {
  return Math.floor((column * frames) / columns);
}

/**
 * Builds an envelope from audio pushed in chunks (the total length must be known up front,
 * since it sets the column width), so a long file never needs to be in memory at once.
 */
export class WaveformEnvelopeMeter {
  private readonly min: Float32Array;
  private readonly max: Float32Array;
  private readonly sumSquares: Float64Array;
  private readonly counts: Float64Array;
  private done = 0;
  private column = 0;

  constructor(
    readonly sampleRate: number,
    readonly totalFrames: number,
    readonly columns: number = DEFAULT_ENVELOPE_COLUMNS,
  ) {
    if (!Number.isInteger(columns) || columns < 1) {
      throw new RangeError(`An envelope needs a whole number of columns ≥ 1, got ${columns}`);
    }
    this.min = new Float32Array(columns).fill(Number.POSITIVE_INFINITY);
    this.max = new Float32Array(columns).fill(Number.NEGATIVE_INFINITY);
    this.sumSquares = new Float64Array(columns);
    this.counts = new Float64Array(columns);
  }

  push(channels: readonly Float32Array[], frames: number): void {
    if (this.done + frames > this.totalFrames) {
      throw new RangeError(
        `The envelope was set up for ${this.totalFrames} frames; got ${this.done + frames}`,
      );
    }
    let offset = 0;
    while (offset < frames) {
      const columnEnd = columnStartFrame(this.column + 1, this.totalFrames, this.columns);
      const take = Math.min(columnEnd - this.done, frames - offset);
      if (take <= 0) {
        this.column++;
        continue;
      }
      let lo = this.min[this.column];
      let hi = this.max[this.column];
      let sum = 0;
      for (const channel of channels) {
        for (let i = offset; i < offset + take; i++) {
          const v = channel[i];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
          sum += v * v;
        }
      }
      this.min[this.column] = lo;
      this.max[this.column] = hi;
      this.sumSquares[this.column] += sum;
      this.counts[this.column] += take * channels.length;
      offset += take;
      this.done += take;
      if (this.done === columnEnd) this.column++;
    }
  }

  result(): WaveformEnvelope {
    const rms = new Float32Array(this.columns);
    const min = this.min.slice();
    const max = this.max.slice();
    for (let c = 0; c < this.columns; c++) {
      if (this.counts[c] === 0) {
        min[c] = Number.NaN;
        max[c] = Number.NaN;
        rms[c] = Number.NaN;
      } else {
        rms[c] = Math.sqrt(this.sumSquares[c] / this.counts[c]);
      }
    }
    return {
      sampleRate: this.sampleRate,
      frames: this.totalFrames,
      columns: this.columns,
      min,
      max,
      rms,
    };
  }
}

/** The envelope of audio in memory. */
export function waveformEnvelope(
  audio: AudioData,
  columns: number = DEFAULT_ENVELOPE_COLUMNS,
): WaveformEnvelope {
  const frames = frameCount(audio);
  const meter = new WaveformEnvelopeMeter(audio.sampleRate, frames, columns);
  meter.push(audio.channels, frames);
  return meter.result();
}
