/**
 * Textbook formulas the dynamics tests compare against, written out independently of the
 * implementation.
 */

/**
 * Giannoulis, Massberg & Reiss (JAES 2012), soft-knee gain computer, case by case as in the paper: the
 * output level y for input level x, threshold T, ratio R, knee width W (all dB).
 */
export function tutorialCurveDb(x: number, T: number, R: number, W: number): number {
  if (2 * (x - T) < -W) return x;
  if (2 * Math.abs(x - T) <= W && W > 0) return x + ((1 / R - 1) * (x - T + W / 2) ** 2) / (2 * W);
  return T + (x - T) / R;
}

/** Gain reduction (dB, ≥ 0) of that curve. */
export function tutorialReductionDb(x: number, T: number, R: number, W: number): number {
  return x - tutorialCurveDb(x, T, R, W);
}

/**
 * |H| in dB of an n-th order Butterworth high-pass made by the bilinear transform with its
 * cutoff pre-warped: with Ω = tan(πf/fs) / tan(πfc/fs), |H|² = Ω^(2n) / (1 + Ω^(2n)).
 */
export function butterworthHighPassDb(f: number, fc: number, fs: number, order = 2): number {
  const omega = Math.tan((Math.PI * f) / fs) / Math.tan((Math.PI * fc) / fs);
  const p = omega ** (2 * order);
  return 10 * Math.log10(p / (1 + p));
}
