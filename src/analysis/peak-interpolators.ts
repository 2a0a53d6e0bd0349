import {
  type CascadeDesign,
  cascadeQuarterTaps,
  defaultGrade,
  designHalfBandCascade,
  designInterpolator,
  type InterpolatorDesign,
  type InterpolatorGrade,
  l1Norm,
} from './interpolator-design.js';
import { midpointsInto, pairPeak } from './peak-kernels.js';

/**
 * What the true-peak meter needs from an oversampling interpolator: the largest magnitude of
 * the values it interpolates between input samples (the original instants are the meter's
 * sample peak).
 *
 * Output position k covers the gap between input[k + span/2 − 1] and input[k + span/2] and
 * reads input[k … k + span − 1]. `peak` evaluates `count` consecutive positions (count a
 * multiple of BLOCK_QUANTUM) and needs input[start … start + count + span − 2].
 */
export interface PeakInterpolator {
  readonly factor: number;
  readonly span: number;
  /** |any interpolated value| ≤ boundGain × max |input over its span| (an L1 norm). */
  readonly boundGain: number;
  /** Largest |value| interpolated in positions start … start + count − 1. */
  peak(input: Float64Array, start: number, count: number): number;
}

/** Counts passed to `peak` must be multiples of this (the kernels work four outputs at a time). */
export const BLOCK_QUANTUM = 4;

/** Every branch of a single-stage polyphase design: any factor F ≥ 2. */
export class PolyphaseInterpolator implements PeakInterpolator {
  readonly factor: number;
  readonly span: number;
  readonly boundGain: number;
  readonly design: InterpolatorDesign;
  private readonly pairs: Array<{ sumTaps: Float64Array; differenceTaps: Float64Array }> = [];
  private readonly middle: Float64Array | undefined;
  private midpoints: Float64Array = new Float64Array(0);

  constructor(factor: number, grade: InterpolatorGrade = defaultGrade(factor)) {
    this.design = designInterpolator(factor, grade);
    this.factor = factor;
    this.span = this.design.tapsPerPhase;
    this.boundGain = Math.max(...this.design.branches.map(l1Norm));
    const { branches } = this.design;
    const half = this.span / 2;
    for (let p = 1; p < factor / 2; p++) {
      // Fold mirror branches p and F − p (see pairPeak).
      const taps = branches[p - 1];
      const sumTaps = new Float64Array(half);
      const differenceTaps = new Float64Array(half);
      for (let j = 0; j < half; j++) {
        const mirror = taps[this.span - 1 - j];
        sumTaps[j] = (taps[j] + mirror) / 2;
        differenceTaps[j] = (taps[j] - mirror) / 2;
      }
      this.pairs.push({ sumTaps, differenceTaps });
    }
    // The middle branch (even F) is its own mirror: only its first half is needed.
    this.middle = factor % 2 === 0 ? branches[factor / 2 - 1].slice(0, half) : undefined;
  }

  peak(input: Float64Array, start: number, count: number): number {
    let peak = 0;
    for (const { sumTaps, differenceTaps } of this.pairs) {
      peak = Math.max(peak, pairPeak(input, start, count, sumTaps, differenceTaps, this.span));
    }
    if (this.middle) {
      if (this.midpoints.length < count) this.midpoints = new Float64Array(count);
      const middle = midpointsInto(
        input,
        start,
        count,
        this.middle,
        this.span,
        this.midpoints,
        0,
        1,
      );
      peak = Math.max(peak, middle);
    }
    return peak;
  }
}

/**
 * 4× as two 2× half-band stages (interpolator-design.ts): midpoints m(j) of the input, then
 * midpoints of the interleaved sequence …, x[j], m(j), x[j + 1], … give the quarter points.
 *
 * For positions with gaps g = k + span/2 − 1, k in [start, start + count): the second stage
 * reaches r = ⌊H₂/2⌋ midpoints either side, so the first stage computes m(j) for
 * j ∈ [g₀ − r, g₀ + count + r), whose windows start at input[start …].
 */
export class HalfBandCascade implements PeakInterpolator {
  readonly factor = 4;
  readonly span: number;
  readonly boundGain: number;
  readonly design: CascadeDesign;
  private readonly firstHalf: Float64Array;
  private readonly secondHalf: Float64Array;
  private readonly firstTaps: number;
  private readonly secondTaps: number;
  private readonly reach: number;
  private interleaved: Float64Array = new Float64Array(0);
  private quarters: Float64Array = new Float64Array(0);

  constructor() {
    this.design = designHalfBandCascade();
    const { firstStage, secondStage } = this.design;
    this.firstTaps = firstStage.length;
    this.secondTaps = secondStage.length;
    this.firstHalf = firstStage.slice(0, this.firstTaps / 2);
    this.secondHalf = secondStage.slice(0, this.secondTaps / 2);
    this.reach = Math.floor(this.secondTaps / 4);
    if ((2 * this.reach) % BLOCK_QUANTUM !== 0) {
      throw new RangeError('the cascade needs 2·⌊H₂/2⌋ to be a multiple of 4');
    }
    this.span = this.firstTaps + 2 * this.reach;
    // Quarter points span the input more widely than midpoints; both bound the output.
    this.boundGain = Math.max(l1Norm(firstStage), l1Norm(cascadeQuarterTaps(this.design)));
  }

  peak(input: Float64Array, start: number, count: number): number {
    const reach = this.reach;
    const midpointCount = count + 2 * reach;
    this.ensureScratch(midpointCount);
    const interleaved = this.interleaved;
    // interleaved = x[j], m(j), x[j + 1], … from j = g₀ − r: the first midpoint lies after
    // input[start + H₁ − 1]. Midpoints beyond this block's gaps are genuine values of the
    // signal too, so their peak may count.
    const firstSample = start + this.firstTaps / 2 - 1;
    for (let i = 0; i <= midpointCount; i++) interleaved[2 * i] = input[firstSample + i];
    const midpointPeak = midpointsInto(
      input,
      start,
      midpointCount,
      this.firstHalf,
      this.firstTaps,
      interleaved,
      1,
      2,
    );
    // Gap g₀ sits at interleaved index 2·reach; its quarter point's window starts H₂ − 1 before.
    const quarterStart = 2 * reach - (this.secondTaps / 2 - 1);
    const quarterPeak = midpointsInto(
      interleaved,
      quarterStart,
      2 * count,
      this.secondHalf,
      this.secondTaps,
      this.quarters,
      0,
      1,
    );
    return Math.max(midpointPeak, quarterPeak);
  }

  private ensureScratch(midpointCount: number): void {
    if (this.quarters.length >= 2 * midpointCount) return;
    this.interleaved = new Float64Array(2 * midpointCount + this.secondTaps);
    this.quarters = new Float64Array(2 * midpointCount);
  }
}

/**
 * The interpolator for a factor: the half-band cascade for 4× with the default grade (the hot
 * path), a polyphase design otherwise; none for 1×.
 */
export function createPeakInterpolator(
  factor: number,
  grade?: InterpolatorGrade,
): PeakInterpolator | undefined {
  if (factor === 1) return undefined;
  if (factor === 4 && grade === undefined) return new HalfBandCascade();
  return new PolyphaseInterpolator(factor, grade);
}
