import { SlidingMin } from './sliding-min.js';

/**
 * The limiter's gain computer, in the log-gain domain (ℓ = ln g ≤ 0), one value per frame:
 *
 *   hold     ℓh[n] = min(ℓt[n − H + 1 … n])            the deepest cut any nearby peak needs
 *   release  ℓr[n] = min(ℓh[n], α·ℓr[n − 1])           exponential recovery of the cut in dB
 *   smooth   ℓg    = box(S2) ∗ box(S1) ∗ ℓr              support S = S1 + S2 − 1
 *
 * Because the smoothing kernel is non-negative, sums to 1 and spans S frames, ℓg[n] ≤ ℓt[k]
 * for every n in [k + S − 1, k + H − 1]: the gain is already down to what peak k needs S − 1
 * frames after the peak enters, and stays there for H − S + 1 frames (the plateau), whatever
 * the release does. Two boxes instead of one make the attack an S-curve (piecewise quadratic,
 * no corners in the gain), which keeps the modulation sidebands of the gain narrow.
 *
 * Adaptive release: the set time τ is stretched for sustained reduction and shortened for
 * isolated peaks. A one-pole average Ā of the reduction (time constant 5τ) is compared with
 * the current reduction R: s = min(1, Ā/R) is near 0 just after a lone transient and near 1
 * when the limiter has been working continuously, and the release coefficient moves from that
 * of τ/2 (s = 0) to that of 2τ (s = 1).
 */
export class LookaheadGain {
  private readonly hold: SlidingMin;
  private readonly box1: Float64Array;
  private readonly box2: Float64Array;
  private length1 = 1;
  private length2 = 1;
  private index1 = 0;
  private index2 = 0;
  private sum1 = 0;
  private sum2 = 0;
  private released = 0;
  private sustain = 0;
  private releaseCoefficient = 0;
  private fastCoefficient = 0;
  private slowCoefficient = 0;
  private sustainCoefficient = 0;
  private adaptive = false;

  constructor(maxSmoothing: number, maxHold: number) {
    this.hold = new SlidingMin(maxHold);
    this.box1 = new Float64Array(maxSmoothing);
    this.box2 = new Float64Array(maxSmoothing);
  }

  /** Smoothing support S (frames, ≥ 1) and hold H (≥ S); clears the state. */
  setLengths(smoothing: number, hold: number): void {
    this.length1 = Math.ceil((smoothing + 1) / 2);
    this.length2 = smoothing + 1 - this.length1;
    this.hold.setWindow(hold);
    this.reset();
  }

  setRelease(releaseMs: number, adaptive: boolean, sampleRate: number): void {
    const coefficient = (ms: number) => Math.exp(-1000 / (ms * sampleRate));
    this.releaseCoefficient = coefficient(releaseMs);
    this.fastCoefficient = coefficient(releaseMs / 2);
    this.slowCoefficient = coefficient(releaseMs * 2);
    this.sustainCoefficient = coefficient(releaseMs * 5);
    this.adaptive = adaptive;
  }

  reset(): void {
    this.hold.reset();
    this.box1.fill(0);
    this.box2.fill(0);
    this.index1 = 0;
    this.index2 = 0;
    this.sum1 = 0;
    this.sum2 = 0;
    this.released = 0;
    this.sustain = 0;
  }

  /** Takes the log-gain target of one frame (≤ 0), returns the smoothed log gain (≤ 0). */
  next(logTarget: number): number {
    const held = this.hold.push(logTarget);
    let alpha = this.releaseCoefficient;
    if (this.adaptive) {
      const reduction = -this.released;
      const k = this.sustainCoefficient;
      this.sustain = k * this.sustain + (1 - k) * reduction;
      if (this.sustain < 1e-12) this.sustain = 0;
      const s = reduction > 0 ? Math.min(1, this.sustain / reduction) : 0;
      alpha = this.fastCoefficient + s * (this.slowCoefficient - this.fastCoefficient);
    }
    let r = alpha * this.released;
    // Below 1e-12 neper (1e-11 dB) the cut is over: end it exactly, never sink into denormals.
    if (r > -1e-12) r = 0;
    if (held < r) r = held;
    this.released = r;

    const b1 = this.box1;
    this.sum1 += r - b1[this.index1];
    b1[this.index1] = r;
    if (++this.index1 === this.length1) {
      this.index1 = 0;
      this.sum1 = exactSum(b1, this.length1); // stop round-off from drifting
    }
    const m1 = this.sum1 / this.length1;

    const b2 = this.box2;
    this.sum2 += m1 - b2[this.index2];
    b2[this.index2] = m1;
    if (++this.index2 === this.length2) {
      this.index2 = 0;
      this.sum2 = exactSum(b2, this.length2);
    }
    return this.sum2 / this.length2;
  }
}

function exactSum(values: Float64Array, length: number): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += values[i];
  return s;
}
