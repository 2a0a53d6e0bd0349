import { type BiquadCoefficients, IDENTITY, rbj } from '../biquad.js';

/**
 * The tape mode's pre-/de-emphasis pair: a high shelf boosts the top end before the curve and
 * the mirror shelf cuts it after. RBJ shelves with gains ±G are exact inverses (the cut's
 * numerator is the boost's denominator, up to scale: Bristow-Johnson, "Audio EQ Cookbook"), so
 * a quiet signal comes back flat; a loud one has its high frequencies driven harder into the
 * curve, so they saturate first and come back duller — the HF compression of driven tape,
 * which is why tape machines record with pre-emphasis (IEC 60094: 35 µs at 15 in/s, a corner
 * near 4.5 kHz).
 */
export const EMPHASIS_CORNER_HZ = 1 / (2 * Math.PI * 35e-6);
export const EMPHASIS_GAIN_DB = 6;

/** Transposed direct form II biquad over Float64 data, state per channel. */
class Float64Biquad {
  private c: BiquadCoefficients = IDENTITY;
  private readonly state: Float64Array;

  constructor(channels: number) {
    this.state = new Float64Array(2 * channels);
  }

  setCoefficients(c: BiquadCoefficients): void {
    this.c = c;
  }

  reset(): void {
    this.state.fill(0);
  }

  process(channel: number, data: Float64Array, count: number): void {
    const { b0, b1, b2, a1, a2 } = this.c;
    let z1 = this.state[2 * channel];
    let z2 = this.state[2 * channel + 1];
    for (let i = 0; i < count; i++) {
      const x = data[i];
      const y = b0 * x + z1;
      z1 = b1 * x - a1 * y + z2;
      z2 = b2 * x - a2 * y;
      data[i] = y;
    }
    // A decaying tail must not sink into denormals.
    this.state[2 * channel] = Math.abs(z1) < 1e-30 ? 0 : z1;
    this.state[2 * channel + 1] = Math.abs(z2) < 1e-30 ? 0 : z2;
  }
}

export class EmphasisPair {
  private readonly boost: Float64Biquad;
  private readonly cut: Float64Biquad;

  constructor(channels: number) {
    this.boost = new Float64Biquad(channels);
    this.cut = new Float64Biquad(channels);
  }

  /** Designs both shelves for the rate they run at (the oversampled rate). */
  setSampleRate(sampleRate: number): void {
    this.boost.setCoefficients(
      rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, EMPHASIS_GAIN_DB, sampleRate),
    );
    this.cut.setCoefficients(
      rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, -EMPHASIS_GAIN_DB, sampleRate),
    );
  }

  reset(): void {
    this.boost.reset();
    this.cut.reset();
  }

  pre(channel: number, data: Float64Array, count: number): void {
    this.boost.process(channel, data, count);
  }

  de(channel: number, data: Float64Array, count: number): void {
    this.cut.process(channel, data, count);
  }
}
