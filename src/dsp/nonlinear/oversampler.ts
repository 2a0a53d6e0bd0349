import { designHalfBand, type HalfBandDesign } from './half-band.js';
import { HalfBandDownsampler, HalfBandUpsampler } from './half-band-stage.js';

/**
 * Aims: run a nonlinearity (or a peak detector) at 2×, 4× or 8× the base rate and come back,
 * with the audio band untouched and the latency a whole number of base-rate samples, so that
 * the graph can compensate it exactly.
 *
 * Structure: a cascade of linear-phase half-band stages (base → 2× → 4× → 8× and back). The
 * first stage does the hard work: it passes up to `passbandEdge`·fs and rejects from
 * (1 − passbandEdge)·fs, so images and aliases land only above the pass band. Later stages only
 * need to protect what the first one kept, [0, (1 − edge)·fs], and so are short. Stage s
 * (rate 2^s·fs) has its transition from (1 − edge)/2^s to (2^(s−1) − 1 + edge)/2^s cycles per
 * sample, which is symmetric about 1/4 as a half-band needs.
 *
 * Latency: a linear-phase stage s delays by (2K_s − 1) samples at its rate, going up and again
 * coming down. The round trip, counted at the top rate F = 2^S, is T = 2·Σ_s (2K_s − 1)·2^(S−s);
 * a short pure delay of P < F top-rate samples is added in the way down to make T + P a multiple
 * of F, so the round trip is exactly (T + P)/F base-rate samples. A caller whose shaping at the
 * top rate adds a delay of its own (Z whole top-rate samples) passes Z, and P then makes
 * T + Z + P the multiple of F instead.
 */

export type OversamplingFactor = 1 | 2 | 4 | 8;

export interface OversamplerQuality {
  /** Upper edge of the untouched pass band, as a fraction of the base rate (< 0.5). */
  readonly passbandEdge: number;
  /** Rejection of images and aliases, and pass-band ripple 20·log10(1 ± 10^(−dB/20)). */
  readonly stopbandDb: number;
}

/**
 * For audio paths (saturation, clipping): flat to 20 kHz at 44.1 kHz (0.4535·fs; 21.8 kHz at
 * 48 kHz), 100 dB of image and alias rejection (ripple ±0.0001 dB per pass). Stages of 143, 43
 * and 23 taps; round-trip latency 71 (2×), 82 (4×) and 85 (8×) base-rate samples at any rate
 * (1.5–1.8 ms at 48 kHz). Measured in test/dsp/nonlinear/oversampler.test.ts.
 */
export const AUDIO_OVERSAMPLING: OversamplerQuality = { passbandEdge: 20 / 44.1, stopbandDb: 100 };

/** Transition width of stage `stage` (1-based) in cycles per sample at that stage's rate. */
export function stageTransitionWidth(stage: number, passbandEdge: number): number {
  if (stage === 1) return (1 - 2 * passbandEdge) / 2;
  const rate = 2 ** stage;
  return (2 ** (stage - 1) - 2 + 2 * passbandEdge) / rate;
}

export function stageDesigns(
  factor: OversamplingFactor,
  quality: OversamplerQuality,
): HalfBandDesign[] {
  const stages = Math.log2(factor);
  const designs: HalfBandDesign[] = [];
  for (let s = 1; s <= stages; s++) {
    designs.push(designHalfBand(stageTransitionWidth(s, quality.passbandEdge), quality.stopbandDb));
  }
  return designs;
}

/** Per-channel chains of stages; scratch buffers are shared (channels run one after another). */
export class Oversampler {
  readonly factor: OversamplingFactor;
  /** Round-trip delay (up, shaping, down) in base-rate samples; an integer. */
  readonly latency: number;
  /** Delay of the upward path alone, in base-rate samples (may be fractional). */
  readonly upsampleDelay: number;
  readonly designs: readonly HalfBandDesign[];

  private readonly ups: HalfBandUpsampler[][];
  private readonly downs: HalfBandDownsampler[][];
  /** Ping-pong scratch at the intermediate rates. */
  private readonly scratchA: Float64Array;
  private readonly scratchB: Float64Array;
  /** The padding delay P (top-rate samples) per channel: a small ring buffer. */
  private readonly padLines: Float64Array[];
  private readonly padWrite: number[];
  private readonly pad: number;

  constructor(
    factor: OversamplingFactor,
    channels: number,
    maxBlockSize: number,
    quality: OversamplerQuality = AUDIO_OVERSAMPLING,
    shapingDelay = 0,
  ) {
    this.factor = factor;
    this.designs = stageDesigns(factor, quality);
    const stages = this.designs.length;
    let upDelayTop = 0;
    this.designs.forEach((d, i) => {
      upDelayTop += d.centre * 2 ** (stages - (i + 1));
    });
    const roundTrip = 2 * upDelayTop + shapingDelay;
    this.pad = (factor - (roundTrip % factor)) % factor;
    this.latency = (roundTrip + this.pad) / factor;
    this.upsampleDelay = upDelayTop / factor;

    this.ups = [];
    this.downs = [];
    for (let c = 0; c < channels; c++) {
      this.ups.push(this.designs.map((d, i) => new HalfBandUpsampler(d, maxBlockSize * 2 ** i)));
      this.downs.push(
        this.designs.map((d, i) => new HalfBandDownsampler(d, maxBlockSize * 2 ** i)),
      );
    }
    this.scratchA = new Float64Array(maxBlockSize * factor);
    this.scratchB = new Float64Array(maxBlockSize * factor);
    this.padLines = Array.from({ length: channels }, () => new Float64Array(Math.max(1, this.pad)));
    this.padWrite = new Array<number>(channels).fill(0);
  }

  reset(): void {
    for (const chain of this.ups) for (const s of chain) s.reset();
    for (const chain of this.downs) for (const s of chain) s.reset();
    for (const line of this.padLines) line.fill(0);
    this.padWrite.fill(0);
  }

  /** Writes `length`·factor samples to `output` (which must not be `input`). */
  upsample(channel: number, input: ArrayLike<number>, length: number, output: Float64Array): void {
    const chain = this.ups[channel];
    if (chain.length === 0) {
      for (let i = 0; i < length; i++) output[i] = input[i];
      return;
    }
    let source: ArrayLike<number> = input;
    let n = length;
    for (let s = 0; s < chain.length; s++) {
      const last = s === chain.length - 1;
      const target = last ? output : s % 2 === 0 ? this.scratchA : this.scratchB;
      chain[s].process(source, n, target);
      source = target;
      n *= 2;
    }
  }

  /**
   * Reads `length`·factor samples of `input` (which it may overwrite) and writes `length`
   * base-rate samples to `output`.
   */
  downsample(channel: number, input: Float64Array, length: number, output: Float64Array): void {
    const chain = this.downs[channel];
    if (chain.length === 0) {
      for (let i = 0; i < length; i++) output[i] = input[i];
      return;
    }
    if (this.pad > 0) this.delayPad(channel, input, length * this.factor);
    let source = input;
    let n = length * this.factor;
    for (let s = chain.length - 1; s >= 0; s--) {
      n /= 2;
      const target = s === 0 ? output : s % 2 === 0 ? this.scratchA : this.scratchB;
      chain[s].process(source, n, target);
      source = target;
    }
  }

  private delayPad(channel: number, data: Float64Array, count: number): void {
    const line = this.padLines[channel];
    const pad = this.pad;
    let w = this.padWrite[channel];
    for (let i = 0; i < count; i++) {
      const out = line[w];
      line[w] = data[i];
      data[i] = out;
      if (++w === pad) w = 0;
    }
    this.padWrite[channel] = w;
  }
}
