import { WholeSampleDelay } from '../whole-sample-delay.js';
import { AUDIO_OVERSAMPLING, Oversampler, type OversamplingFactor } from './oversampler.js';

/**
 * The frame shared by the saturation and the soft clipper: each channel goes up to the
 * chosen rate, is shaped there by the caller, and comes back down; the dry input is delayed
 * by the same round trip so that a dry/wet mix stays sample-aligned. All four factors are
 * built in `prepare`, so choosing another never allocates; the choice changes the latency.
 * `shapingDelay(factor)` is the delay, in whole top-rate samples, that the caller's shaping
 * adds at that factor; it is counted into the round trip (see oversampler.ts).
 */

export const OVERSAMPLING_CHOICES = ['1x', '2x', '4x', '8x'] as const;
export type OversamplingChoice = (typeof OVERSAMPLING_CHOICES)[number];

export function oversamplingFactor(choice: OversamplingChoice): OversamplingFactor {
  return Number.parseInt(choice, 10) as OversamplingFactor;
}

export class OversampledPath {
  private readonly samplers: Map<OversamplingFactor, Oversampler>;
  private active: Oversampler;
  private readonly dryDelay: WholeSampleDelay;
  private readonly top: Float64Array;
  private readonly wet: Float64Array;
  private readonly dryOut: Float64Array;

  constructor(
    channels: number,
    maxBlockSize: number,
    shapingDelay: (factor: OversamplingFactor) => number = () => 0,
  ) {
    this.samplers = new Map(
      ([1, 2, 4, 8] as const).map((f) => [
        f,
        new Oversampler(f, channels, maxBlockSize, AUDIO_OVERSAMPLING, shapingDelay(f)),
      ]),
    );
    let longest = 0;
    for (const s of this.samplers.values()) longest = Math.max(longest, s.latency);
    this.active = this.samplers.get(1) as Oversampler;
    this.dryDelay = new WholeSampleDelay(channels, longest, 0);
    this.top = new Float64Array(maxBlockSize * 8);
    this.wet = new Float64Array(maxBlockSize);
    this.dryOut = new Float64Array(maxBlockSize);
  }

  get factor(): OversamplingFactor {
    return this.active.factor;
  }

  /** log2 of the factor: top-rate sample j belongs to base frame j >> shift. */
  get shift(): number {
    return Math.log2(this.active.factor);
  }

  get latency(): number {
    return this.active.latency;
  }

  /** Selects a factor; state is cleared if it changes (not for use inside process()). */
  select(factor: OversamplingFactor): void {
    if (factor === this.active.factor) return;
    this.active = this.samplers.get(factor) as Oversampler;
    this.dryDelay.setDelay(this.active.latency);
    this.active.reset();
  }

  reset(): void {
    this.active.reset();
    this.dryDelay.reset();
  }

  /** Upsamples `length` base frames of `input`; returns the top-rate buffer to shape in place. */
  up(channel: number, input: ArrayLike<number>, length: number): Float64Array {
    this.active.upsample(channel, input, length, this.top);
    return this.top;
  }

  /** Brings the shaped top-rate buffer back to the base rate. */
  down(channel: number, length: number): Float64Array {
    this.active.downsample(channel, this.top, length, this.wet);
    return this.wet;
  }

  /** The dry input, delayed by the round trip. */
  dry(channel: number, input: Float32Array, length: number): Float64Array {
    this.dryDelay.process(channel, input, length, this.dryOut);
    return this.dryOut;
  }
}

/** Float32 has no room below 2^−126 without denormals (slow on many CPUs): flush them. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

export function flushDenormal(x: number): number {
  return x > -FLOAT32_MIN_NORMAL && x < FLOAT32_MIN_NORMAL ? 0 : x;
}
