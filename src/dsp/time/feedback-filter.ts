import { type BiquadCoefficients, rbj } from '../biquad.js';
import { LinearRamp } from '../ramp.js';

/** Coefficients are refreshed this often (in frames) while a cutoff glides. */
const UPDATE_FRAMES = 32;
const BUTTERWORTH_Q = Math.SQRT1_2;
/** Highest cutoff, as a fraction of the sample rate (see design). */
const MAX_CUTOFF = 0.45;

/**
 * The tone filters inside a delay's feedback loop: a 2nd-order Butterworth high-pass (low
 * cut) then a 2nd-order Butterworth low-pass (high cut), RBJ designs, one state per channel
 * in double precision (transposed direct form II). Butterworth sections never exceed 0 dB,
 * so the loop gain stays at or below the feedback setting at every frequency.
 *
 * Cutoff changes glide in log-frequency over `glideMs`, with coefficients recomputed every
 * 32 frames on a frame counter (not per host block), so automation is smooth and the
 * output still does not depend on block size.
 */
export class FeedbackFilter {
  private readonly lowCutLog2 = new LinearRamp(0);
  private readonly highCutLog2 = new LinearRamp(0);
  private highPass: BiquadCoefficients;
  private lowPass: BiquadCoefficients;
  /**
   * Per channel: [hp z1, hp z2, lp z1, lp z2]. Public for loops that write `process` out
   * (delay.ts) while the cutoffs hold still.
   */
  readonly state: Float64Array;
  private countdown = 0;

  constructor(
    channelCount: number,
    private readonly sampleRate: number,
    private readonly glideMs: number,
  ) {
    this.state = new Float64Array(channelCount * 4);
    this.highPass = rbj('highpass', 20, BUTTERWORTH_Q, 0, sampleRate);
    this.lowPass = rbj('lowpass', 20000, BUTTERWORTH_Q, 0, sampleRate);
  }

  /** New cutoffs; `glide` false jumps (prepare, reset). */
  setCutoffs(lowCutHz: number, highCutHz: number, glide: boolean): void {
    const samples = glide ? (this.glideMs / 1000) * this.sampleRate : 0;
    this.lowCutLog2.setTarget(Math.log2(lowCutHz), samples);
    this.highCutLog2.setTarget(Math.log2(highCutHz), samples);
    if (!glide) this.design();
  }

  reset(): void {
    this.state.fill(0);
  }

  /** The current sections (for tests and for predicting the loop response). */
  get sections(): readonly BiquadCoefficients[] {
    return [this.highPass, this.lowPass];
  }

  /** True while a cutoff glides (then `tick()` must run every frame). */
  get gliding(): boolean {
    return this.lowCutLog2.isRamping || this.highCutLog2.isRamping;
  }

  /** Call once per frame, before filtering that frame's channels. */
  tick(): void {
    if (!this.lowCutLog2.isRamping && !this.highCutLog2.isRamping) return;
    this.lowCutLog2.next();
    this.highCutLog2.next();
    const settled = !this.lowCutLog2.isRamping && !this.highCutLog2.isRamping;
    if (--this.countdown <= 0 || settled) {
      this.countdown = UPDATE_FRAMES;
      this.design();
    }
  }

  /**
   * Filters one sample of `channel`. The state is not flushed: the output only enters the
   * delay line through a flushed write, and a decaying state underflows on its own.
   */
  process(channel: number, x: number): number {
    const s = this.state;
    const k = channel * 4;
    const hp = this.highPass;
    const a = hp.b0 * x + s[k];
    s[k] = hp.b1 * x - hp.a1 * a + s[k + 1];
    s[k + 1] = hp.b2 * x - hp.a2 * a;
    const lp = this.lowPass;
    const y = lp.b0 * a + s[k + 2];
    s[k + 2] = lp.b1 * a - lp.a1 * y + s[k + 3];
    s[k + 3] = lp.b2 * a - lp.a2 * y;
    return y;
  }

  /**
   * Cutoffs stop at MAX_CUTOFF·fs: at Nyquist an RBJ section degenerates (poles and zeros
   * pile up at z = −1), and gliding one inside the feedback loop overshot 60-fold at 8 kHz
   * (to a peak of 21 from 0.3 of noise); it only matters below 44.4 kHz for the 20 kHz
   * high cut.
   */
  private design(): void {
    const top = MAX_CUTOFF * this.sampleRate;
    const fs = this.sampleRate;
    this.highPass = rbj(
      'highpass',
      Math.min(top, 2 ** this.lowCutLog2.value),
      BUTTERWORTH_Q,
      0,
      fs,
    );
    this.lowPass = rbj('lowpass', Math.min(top, 2 ** this.highCutLog2.value), BUTTERWORTH_Q, 0, fs);
  }
}
