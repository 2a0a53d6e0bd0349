/**
 * The BS.1770 K-weighting filter: a high-shelf "pre-filter" (≈ +4 dB above 2 kHz, modelling
 * the head) followed by the "RLB" high-pass (≈ 38 Hz). Coefficients are derived for any
 * sample rate from the analog-prototype parameters of loudness.md §1.2 through the bilinear
 * transform; the familiar 48 kHz table (§1.1) is what this derivation gives at 48 kHz, and
 * must never be reused at another rate (§1.2 pitfall (a): +0.21 dB at 1 kHz on 44.1 kHz audio).
 */

/** Normalised biquad (a0 = 1): y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]. */
export interface BiquadCoefficients {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export interface KWeightingCoefficients {
  /** Stage 1: high shelf. */
  readonly preFilter: BiquadCoefficients;
  /** Stage 2: revised low-frequency B-curve (RLB) high-pass. */
  readonly rlbHighPass: BiquadCoefficients;
}

// Analog prototype fitted to the 48 kHz table by Brecht De Man, as used by libebur128 and
// pyloudnorm (loudness.md §1.2).
const SHELF_FREQUENCY_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGH_PASS_FREQUENCY_HZ = 38.13547087602444;
const HIGH_PASS_Q = 0.5003270373238773;

/**
 * The shelf sits at 1.68 kHz; below 8 kHz sampling it would approach Nyquist, where the
 * bilinear prototype no longer describes BS.1770's filter.
 */
export const MIN_K_WEIGHTING_SAMPLE_RATE_HZ = 8000;

export function kWeightingCoefficients(sampleRateHz: number): KWeightingCoefficients {
  if (!(sampleRateHz >= MIN_K_WEIGHTING_SAMPLE_RATE_HZ) || !Number.isFinite(sampleRateHz)) {
    throw new RangeError(
      `K-weighting needs a sample rate of at least ${MIN_K_WEIGHTING_SAMPLE_RATE_HZ} Hz, got ${sampleRateHz}`,
    );
  }
  return {
    preFilter: shelfCoefficients(sampleRateHz),
    rlbHighPass: highPassCoefficients(sampleRateHz),
  };
}

function shelfCoefficients(sampleRateHz: number): BiquadCoefficients {
  const k = Math.tan((Math.PI * SHELF_FREQUENCY_HZ) / sampleRateHz);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_VB_EXPONENT;
  const kOverQ = k / SHELF_Q;
  const d = 1 + kOverQ + k * k;
  return {
    b0: (vh + vb * kOverQ + k * k) / d,
    b1: (2 * (k * k - vh)) / d,
    b2: (vh - vb * kOverQ + k * k) / d,
    a1: (2 * (k * k - 1)) / d,
    a2: (1 - kOverQ + k * k) / d,
  };
}

function highPassCoefficients(sampleRateHz: number): BiquadCoefficients {
  const k = Math.tan((Math.PI * HIGH_PASS_FREQUENCY_HZ) / sampleRateHz);
  const kOverQ = k / HIGH_PASS_Q;
  const d = 1 + kOverQ + k * k;
  // libebur128 keeps the numerator at [1, −2, 1] (loudness.md §1.2); the tiny passband gain
  // difference this leaves is part of the standard's 48 kHz table too.
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / d, a2: (1 - kOverQ + k * k) / d };
}

/** Magnitude response of a biquad at `frequencyHz`, as a linear gain (for tests and plots). */
export function biquadMagnitude(
  c: BiquadCoefficients,
  frequencyHz: number,
  sampleRateHz: number,
): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  const cos1 = Math.cos(w);
  const sin1 = Math.sin(w);
  const cos2 = Math.cos(2 * w);
  const sin2 = Math.sin(2 * w);
  const numRe = c.b0 + c.b1 * cos1 + c.b2 * cos2;
  const numIm = -(c.b1 * sin1 + c.b2 * sin2);
  const denRe = 1 + c.a1 * cos1 + c.a2 * cos2;
  const denIm = -(c.a1 * sin1 + c.a2 * sin2);
  return Math.sqrt((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
}

// Subnormal doubles are ~100× slower on many x86 cores; a state decaying through silence is
// set to zero once it is below 1e-100 (−2000 dB), far beneath anything a float32 sample can
// express. The check runs every FLUSH_INTERVAL samples of the bank's own count, not at call
// boundaries, so processing in any chunk sizes stays bit-identical to one pass.
const FLUSH_BELOW = 1e-100;
const FLUSH_INTERVAL = 4096;
/** Filter state per channel (direct form I): x[n−1], x[n−2], w[n−1], w[n−2], y[n−1], y[n−2]. */
const STATE_PER_CHANNEL = 6;

/**
 * The first step of every BS.1770 measurement for all channels at once: K-weight each channel,
 * square, weight by G_i and sum over channels, giving e[n] = Σ_i G_i·y_i[n]² (loudness.md §1.3).
 * Filter state is double precision (DESIGN.md: math in double where error accumulates).
 *
 * Channels are filtered two per loop: a biquad's recursion is latency-bound, so two
 * independent channels cost about as much as one. An odd channel out is paired with silence.
 * Channels of weight 0 (LFE) are not filtered at all.
 */
export class KWeightedEnergy {
  readonly coefficients: KWeightingCoefficients;
  private readonly weights: Float64Array;
  /** Indices of the channels with a non-zero weight. */
  private readonly measured: number[];
  private readonly state: Float64Array;
  private readonly silence: Float32Array;
  private samplesProcessed = 0;

  constructor(sampleRateHz: number, weights: ArrayLike<number>, maxFrames: number) {
    this.coefficients = kWeightingCoefficients(sampleRateHz);
    this.weights = Float64Array.from(weights);
    this.measured = [];
    for (let c = 0; c < this.weights.length; c++) if (this.weights[c] !== 0) this.measured.push(c);
    // One spare state slot for the silent partner of an odd channel out.
    this.state = new Float64Array((this.weights.length + 1) * STATE_PER_CHANNEL);
    this.silence = new Float32Array(this.measured.length % 2 === 1 ? maxFrames : 0);
  }

  reset(): void {
    this.state.fill(0);
    this.samplesProcessed = 0;
  }

  /**
   * energy[0 … count) = Σ_i G_i·y_i² for frames start … start + count − 1 of `channels`
   * (count ≤ the constructor's maxFrames). State carries over between calls.
   */
  process(
    channels: readonly Float32Array[],
    start: number,
    count: number,
    energy: Float64Array,
  ): void {
    energy.fill(0, 0, count);
    let done = 0;
    while (done < count) {
      const untilFlush = FLUSH_INTERVAL - (this.samplesProcessed % FLUSH_INTERVAL);
      const run = Math.min(count - done, untilFlush);
      this.processRun(channels, start + done, run, energy, done);
      done += run;
      this.samplesProcessed += run;
      if (this.samplesProcessed % FLUSH_INTERVAL === 0) this.flushTinyState();
    }
  }

  private processRun(
    channels: readonly Float32Array[],
    start: number,
    count: number,
    energy: Float64Array,
    energyOffset: number,
  ): void {
    const measured = this.measured;
    const spareSlot = this.weights.length;
    for (let m = 0; m < measured.length; m += 2) {
      const a = measured[m];
      const paired = m + 1 < measured.length;
      const b = paired ? measured[m + 1] : spareSlot;
      this.filterPair(
        channels[a],
        start,
        a,
        paired ? channels[b] : this.silence,
        paired ? start : energyOffset,
        b,
        count,
        energy,
        energyOffset,
      );
    }
  }

  /**
   * Filter channels a and b together and add G_a·y_a² + G_b·y_b² to energy. Direct form I:
   * its recursion y[n−1] → −a1·y[n−1] → y[n] is two operations long, so the loop runs at
   * the speed of the arithmetic rather than of a longer dependency chain.
   */
  private filterPair(
    inputA: Float32Array,
    offsetA: number,
    slotA: number,
    inputB: Float32Array,
    offsetB: number,
    slotB: number,
    count: number,
    energy: Float64Array,
    energyOffset: number,
  ): void {
    const { b0: p0, b1: p1, b2: p2, a1: pa1, a2: pa2 } = this.coefficients.preFilter;
    const { b0: h0, b1: h1, b2: h2, a1: ha1, a2: ha2 } = this.coefficients.rlbHighPass;
    const state = this.state;
    const sa = slotA * STATE_PER_CHANNEL;
    const sb = slotB * STATE_PER_CHANNEL;
    const weightA = this.weights[slotA];
    const weightB = slotB < this.weights.length ? this.weights[slotB] : 0;
    // Per channel: input x[n−1], x[n−2]; pre-filter output w[n−1], w[n−2]; output y[n−1],
    // y[n−2]. The pre-filter's outputs are the RLB stage's inputs.
    let ax1 = state[sa];
    let ax2 = state[sa + 1];
    let aw1 = state[sa + 2];
    let aw2 = state[sa + 3];
    let ay1 = state[sa + 4];
    let ay2 = state[sa + 5];
    let bx1 = state[sb];
    let bx2 = state[sb + 1];
    let bw1 = state[sb + 2];
    let bw2 = state[sb + 3];
    let by1 = state[sb + 4];
    let by2 = state[sb + 5];
    for (let i = 0; i < count; i++) {
      const ax = inputA[offsetA + i];
      const bx = inputB[offsetB + i];
      const aw = p0 * ax + p1 * ax1 + p2 * ax2 - pa2 * aw2 - pa1 * aw1;
      const bw = p0 * bx + p1 * bx1 + p2 * bx2 - pa2 * bw2 - pa1 * bw1;
      const ay = h0 * aw + h1 * aw1 + h2 * aw2 - ha2 * ay2 - ha1 * ay1;
      const by = h0 * bw + h1 * bw1 + h2 * bw2 - ha2 * by2 - ha1 * by1;
      ax2 = ax1;
      ax1 = ax;
      aw2 = aw1;
      aw1 = aw;
      ay2 = ay1;
      ay1 = ay;
      bx2 = bx1;
      bx1 = bx;
      bw2 = bw1;
      bw1 = bw;
      by2 = by1;
      by1 = by;
      energy[energyOffset + i] += weightA * ay * ay + weightB * by * by;
    }
    state[sa] = ax1;
    state[sa + 1] = ax2;
    state[sa + 2] = aw1;
    state[sa + 3] = aw2;
    state[sa + 4] = ay1;
    state[sa + 5] = ay2;
    state[sb] = bx1;
    state[sb + 1] = bx2;
    state[sb + 2] = bw1;
    state[sb + 3] = bw2;
    state[sb + 4] = by1;
    state[sb + 5] = by2;
  }

  private flushTinyState(): void {
    const state = this.state;
    for (let i = 0; i < state.length; i++) {
      if (Math.abs(state[i]) < FLUSH_BELOW) state[i] = 0;
    }
  }
}
