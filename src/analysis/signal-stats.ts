/**
 * Streaming sample statistics per channel: peak, mean square (RMS), mean (DC offset), clipped
 * samples, and the first/last sample above the silence threshold. Sums are double precision
 * and accumulated sample by sample, so any chunking gives bit-identical results.
 */

/**
 * |x| at or beyond this counts toward clipping: one 16-bit step below full scale, the largest
 * positive 16-bit sample (32767/32768 = 1 − 2⁻¹⁵), so clipping that was rounded to 16 bits
 * still counts.
 */
export const CLIP_THRESHOLD = 1 - 2 ** -15;
/** A clip is a run of at least this many consecutive samples at or beyond the threshold on
 * the same side; a single full-scale sample is a legitimate peak. */
export const MIN_CLIP_RUN = 3;
/** Silence is everything at or below −60 dBFS (|x| ≤ 0.001). */
export const SILENCE_THRESHOLD = 10 ** (-60 / 20);

export interface ChannelSums {
  readonly peak: number;
  readonly sum: number;
  readonly sumOfSquares: number;
  readonly clippedSamples: number;
}

export interface SignalStatsResult {
  readonly frames: number;
  readonly channels: readonly ChannelSums[];
  /** First / last frame with any channel above the silence threshold; -1 when none. */
  readonly firstAudibleFrame: number;
  readonly lastAudibleFrame: number;
}

export class SignalStatsMeter {
  readonly channelCount: number;
  private frames = 0;
  private readonly peaks: Float64Array;
  private readonly sums: Float64Array;
  private readonly sumsOfSquares: Float64Array;
  private readonly clipped: Float64Array;
  /** Signed length (+ top rail, − bottom) of the clip run the last push ended in, per channel. */
  private readonly clipRuns: Float64Array;
  private firstAudibleFrame = -1;
  private lastAudibleFrame = -1;

  constructor(channels: number) {
    this.channelCount = channels;
    this.peaks = new Float64Array(channels);
    this.sums = new Float64Array(channels);
    this.sumsOfSquares = new Float64Array(channels);
    this.clipped = new Float64Array(channels);
    this.clipRuns = new Float64Array(channels);
  }

  push(channels: readonly Float32Array[], frames: number): void {
    for (let c = 0; c < this.channelCount; c++) {
      this.accumulate(c, channels[c], frames);
      this.trackAudible(channels[c], frames);
    }
    this.frames += frames;
  }

  result(): SignalStatsResult {
    const channels: ChannelSums[] = [];
    for (let c = 0; c < this.channelCount; c++) {
      channels.push({
        peak: this.peaks[c],
        sum: this.sums[c],
        sumOfSquares: this.sumsOfSquares[c],
        clippedSamples: this.clipped[c],
      });
    }
    return {
      frames: this.frames,
      channels,
      firstAudibleFrame: this.firstAudibleFrame,
      lastAudibleFrame: this.lastAudibleFrame,
    };
  }

  /** Peak, sums and clip runs in one pass over the channel. */
  private accumulate(channel: number, samples: Float32Array, frames: number): void {
    let peak = this.peaks[channel];
    let sum = this.sums[channel];
    let sumOfSquares = this.sumsOfSquares[channel];
    let run = this.clipRuns[channel];
    let clipped = this.clipped[channel];
    for (let i = 0; i < frames; i++) {
      const x = samples[i];
      const magnitude = Math.abs(x);
      if (magnitude > peak) peak = magnitude;
      sum += x;
      sumOfSquares += x * x;
      if (magnitude >= CLIP_THRESHOLD) {
        // Signed run length: a clip holds one rail, so a swing from +1 to −1 starts a new run
        // (samples ±1, ±1 alternating are a band-limited sine above full scale, not clipping).
        const step = x > 0 ? 1 : -1;
        run = run * step > 0 ? run + step : step;
        const length = run * step;
        // The run's first samples count once it proves to be a clip, the rest as they come.
        if (length === MIN_CLIP_RUN) clipped += MIN_CLIP_RUN;
        else if (length > MIN_CLIP_RUN) clipped++;
      } else {
        run = 0;
      }
    }
    this.peaks[channel] = peak;
    this.sums[channel] = sum;
    this.sumsOfSquares[channel] = sumOfSquares;
    this.clipRuns[channel] = run;
    this.clipped[channel] = clipped;
  }

  private trackAudible(samples: Float32Array, frames: number): void {
    let first = -1;
    for (let i = 0; i < frames; i++) {
      if (Math.abs(samples[i]) > SILENCE_THRESHOLD) {
        first = i;
        break;
      }
    }
    if (first < 0) return;
    let last = first;
    for (let i = frames - 1; i > first; i--) {
      if (Math.abs(samples[i]) > SILENCE_THRESHOLD) {
        last = i;
        break;
      }
    }
    const firstFrame = this.frames + first;
    const lastFrame = this.frames + last;
    if (this.firstAudibleFrame < 0 || firstFrame < this.firstAudibleFrame) {
      this.firstAudibleFrame = firstFrame;
    }
    if (lastFrame > this.lastAudibleFrame) this.lastAudibleFrame = lastFrame;
  }
}
