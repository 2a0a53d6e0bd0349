import { dotChannel, dotChannelPair } from './dot-product.js';
import { designPolyphaseFilter, type PolyphaseFilter } from './polyphase-filter.js';
import type { ResampleQuality } from './quality.js';

export interface ResamplerOptions {
  readonly inputRateHz: number;
  readonly outputRateHz: number;
  readonly channels: number;
  /** 'standard' (≥ 100 dB rejection, the default) or 'mastering' (≥ 120 dB). */
  readonly quality?: ResampleQuality;
}

/**
 * Supplies input on demand to `Resampler.read`: write exactly `frames` frames into the first
 * `frames` samples of each of `channels` (the resampler's own scratch arrays).
 */
export type ResamplerSource = (channels: readonly Float32Array[], frames: number) => void;

/** Input frames moved into the history per step; bounds the scratch memory, not the block size. */
const CHUNK_FRAMES = 2048;

/**
 * Streaming rational sample-rate converter (polyphase windowed sinc; see polyphase-filter.ts).
 *
 * Aims: deterministic, block-size-independent output (every output sample is computed from
 * the same input samples with the same arithmetic, however the input is split), exact frame
 * counting, and no allocation after construction.
 *
 * Timing. Output frame k (counted from construction or `reset()`) is the band-limited input
 * evaluated at input time (k − latencyOutputFrames) · fs_in / fs_out. Dropping the first
 * `latencyOutputFrames` outputs therefore aligns output and input exactly (the filter is
 * linear-phase and its delay is a whole number of output frames).
 *
 * Counting. After n input frames in total, exactly E(n) = max(0, ⌈(n + newestTap) · up / down⌉)
 * outputs are due — a function of n alone. `process` always emits all that are due;
 * `read` (pull) emits exactly the number asked for and takes exactly the input it needs.
 * `flush` ends the stream: it emits the tail so that the total is
 * latencyOutputFrames + round(n · fs_out / fs_in) (halves round up), i.e. after removing the
 * latency, the output lasts as long as the input.
 *
 * Threads: one instance belongs to one render thread; nothing is shared.
 */
export class Resampler {
  readonly inputRateHz: number;
  readonly outputRateHz: number;
  readonly channels: number;
  readonly quality: ResampleQuality;
  /** The designed filter (coefficients, ratio, design figures). Read-only by convention. */
  readonly filter: PolyphaseFilter;

  private readonly up: number;
  private readonly down: number;
  private readonly taps: number;
  private readonly oldestTap: number;
  private readonly newestTap: number;
  private readonly coefficients: Float64Array;
  /** Per output: q advances by ⌊down / up⌋, the phase by down mod up (with carry). */
  private readonly qStep: number;
  private readonly phaseStep: number;

  /** Interleaved input history in double precision, frames [historyStart, historyStart + historyFrames). */
  private readonly history: Float64Array;
  private readonly historyCapacityFrames: number;
  private historyStart = 0;
  private historyFrames = 0;
  /** Next output: its index, and m·down = q·up + phase. */
  private emitted = 0;
  private q = 0;
  private phase = 0;

  private readonly scratch: Float32Array[] = [];
  private readonly pairResult = new Float64Array(2);

  constructor(options: ResamplerOptions) {
    const { inputRateHz, outputRateHz, channels } = options;
    if (!Number.isInteger(channels) || channels < 1 || channels > 1024) {
      throw new RangeError(`channels must be a whole number from 1 to 1024, got ${channels}`);
    }
    this.inputRateHz = inputRateHz;
    this.outputRateHz = outputRateHz;
    this.channels = channels;
    this.quality = options.quality ?? 'standard';
    this.filter = designPolyphaseFilter(inputRateHz, outputRateHz, this.quality);
    this.up = this.filter.upFactor;
    this.down = this.filter.downFactor;
    this.taps = this.filter.tapsPerPhase;
    this.oldestTap = this.filter.oldestTap;
    this.newestTap = this.filter.newestTap;
    this.coefficients = this.filter.coefficients;
    this.qStep = Math.floor(this.down / this.up);
    this.phaseStep = this.down % this.up;
    // At most max(oldestTap, taps) frames are kept between steps (see compact()).
    this.historyCapacityFrames = Math.max(this.oldestTap, this.taps) + CHUNK_FRAMES;
    this.history = new Float64Array(this.historyCapacityFrames * channels);
    for (let c = 0; c < channels; c++) this.scratch.push(new Float32Array(CHUNK_FRAMES));
    this.reset();
  }

  /** Group delay in output frames (whole): drop this many outputs to align with the input. */
  get latencyOutputFrames(): number {
    return this.filter.latencyOutputFrames;
  }

  /** The same delay in input frames, latencyOutputFrames · fs_in / fs_out (may be fractional). */
  get latencyInputFrames(): number {
    return this.filter.latencyInputFrames;
  }

  /** Total input frames taken since construction or reset. */
  get inputFramesConsumed(): number {
    return this.historyStart + this.historyFrames;
  }

  /** Total output frames emitted since construction or reset. */
  get outputFramesEmitted(): number {
    return this.emitted;
  }

  /** Clear the history: the next input frame is time 0 of a new stream. */
  reset(): void {
    // The first outputs reach back `oldestTap` frames before the stream: silence.
    this.history.fill(0, 0, this.oldestTap * this.channels);
    this.historyStart = -this.oldestTap;
    this.historyFrames = this.oldestTap;
    this.emitted = 0;
    this.q = 0;
    this.phase = 0;
  }

  /** Exactly how many frames `process(…, inputFrames, …)` will return if called next. */
  outputFramesFor(inputFrames: number): number {
    return this.outputsDueAfter(this.inputFramesConsumed + inputFrames) - this.emitted;
  }

  /**
   * An upper bound on `outputFramesFor(inputFrames)` in any state, for allocating output
   * blocks once: ⌈inputFrames · up / down⌉ + ⌈up / down⌉.
   */
  maxOutputFramesFor(inputFrames: number): number {
    return Math.ceil((inputFrames * this.up) / this.down) + Math.ceil(this.up / this.down);
  }

  /** Exactly how many input frames `read(…, outputFrames, …)` will take from its source. */
  inputFramesFor(outputFrames: number): number {
    if (outputFrames <= 0) return 0;
    const lastQ = this.q + Math.floor((this.phase + (outputFrames - 1) * this.down) / this.up);
    return Math.max(0, lastQ - this.newestTap + 1 - this.inputFramesConsumed);
  }

  /**
   * An upper bound on `flushFrames()` in any state, for allocating once:
   * latencyOutputFrames + ⌈up / down⌉ (after `process`, flush never exceeds the latency).
   */
  get maxFlushFrames(): number {
    return this.latencyOutputFrames + Math.ceil(this.up / this.down);
  }

  /** Exactly how many frames `flush` will emit if called next (≤ maxFlushFrames). */
  flushFrames(): number {
    const n = this.inputFramesConsumed;
    // round(n · up / down), halves up, in integers: ⌊(2·n·up + down) / (2·down)⌋.
    const alignedLength = Math.floor((2 * n * this.up + this.down) / (2 * this.down));
    return Math.max(0, this.latencyOutputFrames + alignedLength - this.emitted);
  }

  /**
   * Push: take all `inputFrames` frames of `input` (one array per channel) and write every
   * output that became due to the start of `output`'s arrays; returns how many
   * (= outputFramesFor(inputFrames), computed before the call). Throws a RangeError only on
   * a caller's mistake — a frame count that is not a whole number ≥ 0, arrays too short, a
   * different channel count — and then before touching any state.
   */
  process(
    input: readonly Float32Array[],
    inputFrames: number,
    output: readonly Float32Array[],
  ): number {
    checkFrames(inputFrames);
    const outputFrames = this.outputFramesFor(inputFrames);
    this.checkArrays(input, inputFrames, 'input');
    this.checkArrays(output, outputFrames, 'output');
    let produced = this.generate(output, 0, outputFrames);
    let offset = 0;
    while (offset < inputFrames) {
      this.compact();
      const frames = Math.min(
        inputFrames - offset,
        this.historyCapacityFrames - this.historyFrames,
      );
      this.append(input, offset, frames);
      offset += frames;
      produced += this.generate(output, produced, outputFrames - produced);
    }
    return produced;
  }

  /**
   * Pull: write exactly `outputFrames` frames to the start of `output`'s arrays, calling
   * `source` for exactly `inputFramesFor(outputFrames)` input frames (in pieces of at most
   * 2048 frames). For engines that render fixed output blocks.
   */
  read(output: readonly Float32Array[], outputFrames: number, source: ResamplerSource): void {
    checkFrames(outputFrames);
    this.checkArrays(output, outputFrames, 'output');
    this.pull(output, outputFrames, source);
  }

  /**
   * End the stream: emit the remaining `flushFrames()` outputs (the filter's tail, fed with
   * silence) to the start of `output`'s arrays, then reset. Returns the number written.
   */
  flush(output: readonly Float32Array[]): number {
    const frames = this.flushFrames();
    this.checkArrays(output, frames, 'output');
    this.pull(output, frames, undefined);
    this.reset();
    return frames;
  }

  /** Outputs due once `inputFrames` frames in total have been taken: E(n) above. */
  private outputsDueAfter(inputFrames: number): number {
    const reach = inputFrames + this.newestTap;
    // Exact: reach·up < 2^53 for any realistic stream, and a non-integer quotient is at least
    // 1/down away from an integer, far above the rounding of the division.
    return reach <= 0 ? 0 : Math.ceil((reach * this.up) / this.down);
  }

  /** Emit `outputFrames` outputs, taking input from `source` (silence when undefined). */
  private pull(
    output: readonly Float32Array[],
    outputFrames: number,
    source: ResamplerSource | undefined,
  ): void {
    let produced = this.generate(output, 0, outputFrames);
    while (produced < outputFrames) {
      this.compact();
      const frames = Math.min(
        this.inputFramesFor(outputFrames - produced),
        CHUNK_FRAMES,
        this.historyCapacityFrames - this.historyFrames,
      );
      if (source === undefined) {
        const from = this.historyFrames * this.channels;
        this.history.fill(0, from, from + frames * this.channels);
        this.historyFrames += frames;
      } else {
        source(this.scratch, frames);
        this.append(this.scratch, 0, frames);
      }
      produced += this.generate(output, produced, outputFrames - produced);
    }
  }

  /** Drop history that no future output reads (everything before q − oldestTap). */
  private compact(): void {
    const drop = Math.min(this.q - this.oldestTap - this.historyStart, this.historyFrames);
    if (drop <= 0) return;
    const C = this.channels;
    this.history.copyWithin(0, drop * C, this.historyFrames * C);
    this.historyStart += drop;
    this.historyFrames -= drop;
  }

  /** Interleave `frames` frames of planar Float32 input into the history (exact widening). */
  private append(input: readonly Float32Array[], offset: number, frames: number): void {
    const C = this.channels;
    const history = this.history;
    const base = this.historyFrames * C;
    for (let c = 0; c < C; c++) {
      const x = input[c];
      for (let i = 0, h = base + c; i < frames; i++, h += C) history[h] = x[offset + i];
    }
    this.historyFrames += frames;
  }

  /** Compute up to `limit` due outputs into output[·][offset …]; returns how many. */
  private generate(output: readonly Float32Array[], offset: number, limit: number): number {
    const C = this.channels;
    const K = this.taps;
    const up = this.up;
    const history = this.history;
    const coefficients = this.coefficients;
    const pair = this.pairResult;
    const available = this.historyStart + this.historyFrames; // first input frame not yet taken
    let q = this.q;
    let phase = this.phase;
    let produced = 0;
    while (produced < limit && q - this.newestTap < available) {
      const start = (q - this.oldestTap - this.historyStart) * C;
      const coefficientStart = phase * K;
      const at = offset + produced;
      // Channels in pairs (shared coefficient loads), the odd one out alone.
      let c = 0;
      for (; c + 1 < C; c += 2) {
        dotChannelPair(history, start + c, C, coefficients, coefficientStart, K, pair);
        output[c][at] = pair[0];
        output[c + 1][at] = pair[1];
      }
      if (c < C) {
        output[c][at] = dotChannel(history, start + c, C, coefficients, coefficientStart, K);
      }
      produced++;
      q += this.qStep;
      phase += this.phaseStep;
      if (phase >= up) {
        phase -= up;
        q++;
      }
    }
    this.q = q;
    this.phase = phase;
    this.emitted += produced;
    return produced;
  }

  private checkArrays(arrays: readonly Float32Array[], frames: number, what: string): void {
    if (arrays.length !== this.channels) {
      throw new RangeError(`${what} has ${arrays.length} channels, the resampler ${this.channels}`);
    }
    for (const array of arrays) {
      if (array.length < frames) {
        throw new RangeError(`${what} arrays hold ${array.length} frames, ${frames} are needed`);
      }
    }
  }
}

function checkFrames(frames: number): void {
  if (!Number.isInteger(frames) || frames < 0) {
    throw new RangeError(`frame counts must be whole numbers ≥ 0, got ${frames}`);
  }
}
