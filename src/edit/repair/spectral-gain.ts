/**
 * Suppression gains for one STFT frame at a time: a Wiener gain driven by the
 * decision-directed a-priori SNR (Ephraim & Malah 1984, eq. 51; Scalart & Filho 1996 for the
 * Wiener form). The a-priori SNR mixes the previous frame's cleaned power with the current
 * excess power, which smooths the gain over time and is the classic remedy for musical
 * noise (Cappé 1994). The a-posteriori SNR is first averaged over three neighbouring bins
 * (frequency smoothing): isolated noise peaks no longer open the gain, and the flanks of a
 * partial's main lobe inherit the partial's SNR, so the partial is kept whole.
 */

/** Weight of the previous frame's estimate in the a-priori SNR (Ephraim & Malah: 0.98). */
export const DECISION_DIRECTED_WEIGHT = 0.98;
/** Lower bound on the a-priori SNR (−25 dB, Cappé 1994), so the gain never locks shut. */
const MIN_PRIOR_SNR = 10 ** (-25 / 10);

export class WienerGain {
  private readonly previousClean: Float64Array;
  private readonly posterior: Float64Array;
  private readonly overSubtraction: number;
  private readonly floorGain: number;

  /**
   * @param overSubtraction noise power multiplier α in G = ξ/(ξ + α) (1 = plain Wiener)
   * @param floorGain smallest gain (amplitude) any bin may receive
   */
  constructor(binCount: number, overSubtraction: number, floorGain: number) {
    this.previousClean = new Float64Array(binCount);
    this.posterior = new Float64Array(binCount);
    this.overSubtraction = overSubtraction;
    this.floorGain = floorGain;
  }

  /** Gains for a frame of bin powers against the noise profile (same units). */
  compute(powers: Float64Array, noise: Float64Array, gains: Float64Array): void {
    const bins = powers.length;
    const post = this.posterior;
    const prev = this.previousClean;
    const beta = DECISION_DIRECTED_WEIGHT;
    const alpha = this.overSubtraction;
    const floor = this.floorGain;
    for (let k = 0; k < bins; k++) post[k] = powers[k] / noise[k];
    for (let k = 0; k < bins; k++) {
      const lo = k > 0 ? k - 1 : k;
      const hi = k < bins - 1 ? k + 1 : k;
      let sum = 0;
      for (let i = lo; i <= hi; i++) sum += post[i];
      const smoothed = sum / (hi - lo + 1);
      let prior = beta * (prev[k] / noise[k]) + (1 - beta) * Math.max(smoothed - 1, 0);
      if (prior < MIN_PRIOR_SNR) prior = MIN_PRIOR_SNR;
      let g = prior / (prior + alpha);
      if (g < floor) g = floor;
      if (g > 1) g = 1;
      gains[k] = g;
      prev[k] = g * g * powers[k];
    }
  }
}
