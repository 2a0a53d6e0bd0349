import type { HalfBandDesign } from './half-band.js';

/**
 * One 2× step of an oversampler, for one channel, as a polyphase half-band filter: the branch
 * of pure delay costs nothing and the other branch is symmetric, so each output of the
 * filtering branch costs K multiplications (Vaidyanathan 1993, §4.6.1). State is kept in
 * double precision; buffers are allocated once, for blocks of up to `maxInput` samples.
 */

/** Σ_j g[j]·x[p − j] over a symmetric branch of 2K taps, folding the symmetric pairs. */
function branchSum(g: Float64Array, halfOrder: number, x: Float64Array, p: number): number {
  const last = 2 * halfOrder - 1;
  let acc = 0;
  for (let j = 0; j < halfOrder; j++) acc += g[j] * (x[p - j] + x[p - last + j]);
  return acc;
}

/**
 * Doubles the rate: zero-stuffing followed by the half-band filter with gain 2.
 * Output 2i is the filtering branch over inputs i − 2K + 1 … i; output 2i + 1 is input
 * i − K + 1 exactly. Delay: `centre` = 2K − 1 samples at the higher rate.
 */
export class HalfBandUpsampler {
  private readonly g: Float64Array;
  private readonly halfOrder: number;
  /** The last 2K − 1 inputs, then room for one block. */
  private readonly line: Float64Array;
  private readonly history: number;

  constructor(design: HalfBandDesign, maxInput: number) {
    this.g = design.branch;
    this.halfOrder = design.halfOrder;
    this.history = 2 * design.halfOrder - 1;
    this.line = new Float64Array(this.history + maxInput);
  }

  reset(): void {
    this.line.fill(0);
  }

  /** Reads `length` samples of `input`, writes 2·`length` samples to `output`. */
  process(input: ArrayLike<number>, length: number, output: Float64Array): void {
    const { line, history, g, halfOrder } = this;
    for (let i = 0; i < length; i++) line[history + i] = input[i];
    const delay = halfOrder - 1;
    for (let i = 0; i < length; i++) {
      const p = history + i;
      output[2 * i] = branchSum(g, halfOrder, line, p);
      output[2 * i + 1] = line[p - delay];
    }
    line.copyWithin(0, length, length + history);
  }
}

/**
 * Halves the rate: the half-band filter, keeping every even output.
 * y[i] = ½ (Σ_j g[j]·v[2(i − j)] + v[2(i − K) + 1]). Delay: `centre` samples at the higher
 * rate, i.e. (2K − 1)/2 at the lower.
 */
export class HalfBandDownsampler {
  private readonly g: Float64Array;
  private readonly halfOrder: number;
  /** Even-phase inputs: the last 2K − 1, then one block. */
  private readonly even: Float64Array;
  /** Odd-phase inputs: the last K, then one block. */
  private readonly odd: Float64Array;

  constructor(design: HalfBandDesign, maxOutput: number) {
    this.g = design.branch;
    this.halfOrder = design.halfOrder;
    this.even = new Float64Array(2 * design.halfOrder - 1 + maxOutput);
    this.odd = new Float64Array(design.halfOrder + maxOutput);
  }

  reset(): void {
    this.even.fill(0);
    this.odd.fill(0);
  }

  /** Reads 2·`length` samples of `input`, writes `length` samples to `output`. */
  process(input: Float64Array, length: number, output: Float64Array | Float32Array): void {
    const { even, odd, g, halfOrder } = this;
    const evenHistory = 2 * halfOrder - 1;
    for (let i = 0; i < length; i++) {
      even[evenHistory + i] = input[2 * i];
      odd[halfOrder + i] = input[2 * i + 1];
    }
    for (let i = 0; i < length; i++) {
      output[i] = 0.5 * (branchSum(g, halfOrder, even, evenHistory + i) + odd[i]);
    }
    even.copyWithin(0, length, length + evenHistory);
    odd.copyWithin(0, length, length + halfOrder);
  }
}
