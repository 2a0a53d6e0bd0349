/**
 * Half-band FIR low-pass filters for 2× sample-rate changes, designed with a Kaiser window.
 *
 * A half-band filter has its cut-off at a quarter of the (higher) sample rate and a response
 * symmetric about it: H(f) + H(0.5 − f) = 1. Its impulse response is zero at every even
 * distance from the centre except the centre itself (0.5), so half the taps vanish and one of
 * the two polyphase branches is a pure delay: the input samples pass through unchanged
 * (Vaidyanathan, "Multirate Systems and Filter Banks", 1993, §4.6.1). Pass-band and stop-band
 * ripple are equal, so one number (the stop-band rejection) fixes both.
 *
 * Length and window shape follow Kaiser's empirical formulas (Oppenheim & Schafer,
 * "Discrete-Time Signal Processing", 3rd ed., eqs. 7.62–7.63):
 *   β = 0.1102 (A − 8.7)                                  for A > 50 dB
 *   β = 0.5842 (A − 21)^0.4 + 0.07886 (A − 21)           for 21 ≤ A ≤ 50 dB
 *   N − 1 = (A − 7.95) / (2.285 · Δω),   Δω = 2π · (transition width in cycles/sample).
 */

export interface HalfBandDesign {
  /** Every tap, h[0 … 4K − 2]; the centre tap is 0.5. */
  readonly taps: Float64Array;
  /**
   * The non-trivial polyphase branch, scaled for interpolation: g[j] = 2·h[2j], j = 0 … 2K − 1.
   * It is symmetric (g[j] = g[2K − 1 − j]) and sums to exactly 1 (unity gain at DC).
   */
  readonly branch: Float64Array;
  /** K: the branch has 2K taps and the full filter 4K − 1. */
  readonly halfOrder: number;
  /** Delay of the filter in samples at the higher rate: (N − 1) / 2 = 2K − 1 (odd). */
  readonly centre: number;
  /** Ripple the design aims for, in dB below unity (pass and stop band alike). */
  readonly stopbandDb: number;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stop-band rejection of `stopbandDb`. */
export function kaiserBeta(stopbandDb: number): number {
  if (stopbandDb > 50) return 0.1102 * (stopbandDb - 8.7);
  if (stopbandDb >= 21) return 0.5842 * (stopbandDb - 21) ** 0.4 + 0.07886 * (stopbandDb - 21);
  return 0;
}

/**
 * Zero-phase amplitude of a half-band filter at `frequency` (cycles per sample of the higher
 * rate): A(f) = ½ + 2·Σ_{d odd > 0} h[c + d]·cos(2π f d). |H(f)| = |A(f)|, and the
 * interpolation gain is 2·A(f).
 */
export function halfBandAmplitude(design: HalfBandDesign, frequency: number): number {
  const { taps, centre } = design;
  let sum = 0.5;
  const w = 2 * Math.PI * frequency;
  for (let d = 1; d <= centre; d += 2) sum += 2 * taps[centre + d] * Math.cos(w * d);
  return sum;
}

/** Largest |H| over the stop band [0.25 + width/2, 0.5], on a grid fine enough for each lobe. */
export function measuredStopbandGain(design: HalfBandDesign, transitionWidth: number): number {
  const start = 0.25 + transitionWidth / 2;
  const points = Math.max(64, Math.ceil((0.5 - start) * design.taps.length * 64));
  let worst = 0;
  for (let k = 0; k <= points; k++) {
    worst = Math.max(
      worst,
      Math.abs(halfBandAmplitude(design, start + ((0.5 - start) * k) / points)),
    );
  }
  return worst;
}

function windowedHalfBand(halfOrder: number, stopbandDb: number): HalfBandDesign {
  const length = 4 * halfOrder - 1;
  const centre = 2 * halfOrder - 1;
  const beta = kaiserBeta(stopbandDb);
  const i0Beta = besselI0(beta);
  const taps = new Float64Array(length);
  for (let n = 0; n < length; n++) {
    const d = n - centre;
    if (d === 0) {
      taps[n] = 0.5;
      continue;
    }
    if (d % 2 === 0) continue; // exact zeros of the half-band sinc
    const r = d / centre;
    const window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    taps[n] = (Math.sin((Math.PI * d) / 2) / (Math.PI * d)) * window;
  }
  // Windowing moves the branch sum off 0.5 by ~δ; restore it so DC passes at exactly unity.
  let branchSum = 0;
  for (let n = 0; n < length; n += 2) branchSum += taps[n];
  for (let n = 0; n < length; n += 2) taps[n] *= 0.5 / branchSum;
  const branch = new Float64Array(2 * halfOrder);
  for (let j = 0; j < 2 * halfOrder; j++) branch[j] = 2 * taps[2 * j];
  return { taps, branch, halfOrder, centre, stopbandDb };
}

/**
 * Designs a half-band low-pass whose transition band, in cycles per sample of the higher
 * rate, runs from 0.25 − width/2 to 0.25 + width/2, rejecting at least `stopbandDb` beyond it.
 * Kaiser's length formula is only an estimate (it falls short by up to ~3 dB for short
 * filters), so the length grows until the measured rejection meets the specification.
 */
export function designHalfBand(transitionWidth: number, stopbandDb: number): HalfBandDesign {
  if (!(transitionWidth > 0 && transitionWidth < 0.5)) {
    throw new RangeError(`half-band transition width must be in (0, 0.5), got ${transitionWidth}`);
  }
  const estimate = 1 + (stopbandDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidth);
  // Length 4K − 1 puts the centre on an odd index, so the zero taps fall on odd offsets.
  let halfOrder = Math.max(1, Math.ceil((estimate + 1) / 4));
  const limit = 10 ** (-stopbandDb / 20);
  for (;;) {
    const design = windowedHalfBand(halfOrder, stopbandDb);
    if (measuredStopbandGain(design, transitionWidth) <= limit) return design;
    halfOrder++;
  }
}
