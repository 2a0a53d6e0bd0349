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
 * `branchSum` for p, p + 1, p + 2, p + 3 at once, written to out[o], out[o + step], …: each
 * sample loaded serves four outputs, and four independent sums keep the FPU busy.
 */
function branchSum4(
  g: Float64Array,
  halfOrder: number,
  x: Float64Array,
  p: number,
  out: Float64Array,
  o: number,
  step: number,
  scale: number,
): void {
  const q = p - (2 * halfOrder - 1);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  // a_i = x[p + i − j] walks down, b_i = x[q + i + j] walks up.
  let a1 = x[p + 1];
  let a2 = x[p + 2];
  let a3 = x[p + 3];
  let b0 = x[q];
  let b1 = x[q + 1];
  let b2 = x[q + 2];
  for (let j = 0; j < halfOrder; j++) {
    const a0 = x[p - j];
    const b3 = x[q + 3 + j];
    const c = g[j];
    s0 += c * (a0 + b0);
    s1 += c * (a1 + b1);
    s2 += c * (a2 + b2);
    s3 += c * (a3 + b3);
    a3 = a2;
    a2 = a1;
    a1 = a0;
    b0 = b1;
    b1 = b2;
    b2 = b3;
  }
  out[o] = scale * s0;
  out[o + step] = scale * s1;
  out[o + 2 * step] = scale * s2;
  out[o + 3 * step] = scale * s3;
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
    let i = 0;
    for (; i + 4 <= length; i += 4)
      branchSum4(g, halfOrder, line, history + i, output, 2 * i, 2, 1);
    for (; i < length; i++) output[2 * i] = branchSum(g, halfOrder, line, history + i);
    for (i = 0; i < length; i++) output[2 * i + 1] = line[history + i - delay];
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
  process(input: Float64Array, length: number, output: Float64Array): void {
    const { even, odd, g, halfOrder } = this;
    const evenHistory = 2 * halfOrder - 1;
    for (let i = 0; i < length; i++) {
      even[evenHistory + i] = input[2 * i];
      odd[halfOrder + i] = input[2 * i + 1];
    }
    let i = 0;
    for (; i + 4 <= length; i += 4)
      branchSum4(g, halfOrder, even, evenHistory + i, output, i, 1, 0.5);
    for (; i < length; i++) output[i] = 0.5 * branchSum(g, halfOrder, even, evenHistory + i);
    for (i = 0; i < length; i++) output[i] += 0.5 * odd[i];
    even.copyWithin(0, length, length + evenHistory);
    odd.copyWithin(0, length, length + halfOrder);
  }
}
