import type { AudioBlock } from '../../core/block.js';
import { BiquadCascade, type BiquadCoefficients, rbj } from '../biquad.js';
import { butterworthSectionQ } from './butterworth.js';

/**
 * Linkwitz–Riley crossover for multiband processing: splits a block into 2–4 bands that sum
 * back to an allpass, i.e. to exactly flat magnitude.
 *
 * An LR filter of order 2n is a Butterworth filter of order n applied twice; its lowpass and
 * highpass at one frequency sum to the Butterworth allpass B(−s)/B(s) (Linkwitz 1976; for
 * LR4: (s² − √2·s + 1)/(s² + √2·s + 1)). Splitting at f1 < f2 < … as a tree — band k takes
 * the lowpass at fk of what the lower splits left — the bands below a split miss that
 * split's allpass phase, so each band k also runs the allpasses of every higher split
 * (Bohn, "Linkwitz-Riley Crossovers: A Primer", RaneNote 160). Then the sum is the product of
 * all the allpasses: |Σ bands| = 1 at every frequency.
 *
 * Sections are bilinear transforms pre-warped at fk (RBJ cookbook): the bilinear transform
 * maps the analog identity LP + HP = AP exactly, so the digital sum stays an allpass, and
 * each band is exactly −6.02 dB at its crossover frequency. (Their slopes cramp towards
 * Nyquist, which a crossover does not mind; the EQ uses matched designs instead.)
 */

export type LinkwitzRileyOrder = 4 | 8;

export interface CrossoverOptions {
  readonly sampleRate: number;
  readonly channels: number;
  /** Crossover frequencies, ascending: 1 to 3 of them for 2 to 4 bands. */
  readonly frequenciesHz: readonly number[];
  /** 24 dB/octave (LR4, default) or 48 dB/octave (LR8). */
  readonly order?: LinkwitzRileyOrder;
}

export const MAX_CROSSOVER_BANDS = 4;

/** Butterworth sections (order/2 of them, order/4 distinct) of one LR crossover. */
function butterworthHalf(
  shape: 'lowpass' | 'highpass',
  frequencyHz: number,
  order: LinkwitzRileyOrder,
  sampleRate: number,
): BiquadCoefficients[] {
  const sections = order / 4;
  const out: BiquadCoefficients[] = [];
  for (let k = 0; k < sections; k++) {
    out.push(rbj(shape, frequencyHz, butterworthSectionQ(k, sections), 0, sampleRate));
  }
  return out;
}

/** The allpass LP + HP of an LR crossover: one section B(−s)/B(s) per Butterworth section. */
export function linkwitzRileyAllpass(
  frequencyHz: number,
  order: LinkwitzRileyOrder,
  sampleRate: number,
): BiquadCoefficients[] {
  return butterworthHalf('lowpass', frequencyHz, order, sampleRate).map(({ a1, a2 }) => ({
    b0: a2,
    b1: a1,
    b2: 1,
    a1,
    a2,
  }));
}

/** Sections of the LR lowpass or highpass (the Butterworth sections, each twice). */
export function linkwitzRileySections(
  shape: 'lowpass' | 'highpass',
  frequencyHz: number,
  order: LinkwitzRileyOrder,
  sampleRate: number,
): BiquadCoefficients[] {
  const half = butterworthHalf(shape, frequencyHz, order, sampleRate);
  return [...half, ...half];
}

export class Crossover {
  readonly bandCount: number;
  private readonly order: LinkwitzRileyOrder;
  private readonly sampleRate: number;
  private readonly channels: number;
  /** Per split k: lowpass at fk then the allpasses of the higher splits. */
  private readonly lowChains: BiquadCascade[] = [];
  /** Per split k: highpass at fk, applied to what goes on up. */
  private readonly highChains: BiquadCascade[] = [];

  constructor(options: CrossoverOptions) {
    const count = options.frequenciesHz.length;
    if (count < 1 || count > MAX_CROSSOVER_BANDS - 1) {
      throw new RangeError(`a crossover has 1 to 3 frequencies, got ${count}`);
    }
    this.bandCount = count + 1;
    this.order = options.order ?? 4;
    this.sampleRate = options.sampleRate;
    this.channels = options.channels;
    const perFilter = this.order / 2;
    for (let k = 0; k < count; k++) {
      const allpasses = (count - 1 - k) * (this.order / 4);
      this.lowChains.push(new BiquadCascade(this.channels, perFilter + allpasses));
      this.highChains.push(new BiquadCascade(this.channels, perFilter));
    }
    this.setFrequencies(options.frequenciesHz);
  }

  /** New crossover frequencies (same count, ascending); call between blocks. */
  setFrequencies(frequenciesHz: readonly number[]): void {
    if (frequenciesHz.length !== this.bandCount - 1) {
      throw new RangeError(`expected ${this.bandCount - 1} frequencies`);
    }
    for (let k = 1; k < frequenciesHz.length; k++) {
      if (!(frequenciesHz[k] > frequenciesHz[k - 1])) {
        throw new RangeError('crossover frequencies must ascend');
      }
    }
    const fs = this.sampleRate;
    frequenciesHz.forEach((f, k) => {
      const low = linkwitzRileySections('lowpass', f, this.order, fs);
      for (let j = k + 1; j < frequenciesHz.length; j++) {
        low.push(...linkwitzRileyAllpass(frequenciesHz[j], this.order, fs));
      }
      this.lowChains[k].setSections(low);
      this.highChains[k].setSections(linkwitzRileySections('highpass', f, this.order, fs));
    });
  }

  reset(): void {
    for (const c of this.lowChains) c.reset();
    for (const c of this.highChains) c.reset();
  }

  /**
   * Splits `input` into `bands` (lowest first; each with at least `input.length` samples per
   * channel). The input is not modified. No allocation.
   */
  split(input: AudioBlock, bands: readonly AudioBlock[]): void {
    const n = input.length;
    const top = bands[this.bandCount - 1];
    for (let c = 0; c < this.channels; c++) {
      const from = input.channels[c];
      const to = top.channels[c];
      for (let i = 0; i < n; i++) to[i] = from[i];
    }
    for (let k = 0; k < this.bandCount - 1; k++) {
      const band = bands[k];
      for (let c = 0; c < this.channels; c++) {
        const rest = top.channels[c];
        const out = band.channels[c];
        for (let i = 0; i < n; i++) out[i] = rest[i];
        this.lowChains[k].processChannel(c, out, n);
        this.highChains[k].processChannel(c, rest, n);
      }
    }
  }
}
