/**
 * Static gain curves ("gain computers"): level in dB → gain change in dB. They are pure
 * functions of the level; time behaviour lives in envelope.ts.
 */

/**
 * Downward compression with a quadratic soft knee (Giannoulis, Massberg & Reiss, "Digital
 * Dynamic Range Compressor Design — A Tutorial and Analysis", JAES 60(6), 2012, the
 * soft-knee gain computer):
 *
 *   y = x                                   for 2(x − T) < −W
 *   y = x + (1/R − 1)(x − T + W/2)² / (2W)  for 2|x − T| ≤ W
 *   y = T + (x − T)/R                       for 2(x − T) > W
 *
 * `reductionDb(x)` returns x − y ≥ 0 (the gain reduction in dB), the quantity the tutorial
 * smooths. A ratio of Infinity gives a limiter curve.
 */
export class CompressorCurve {
  thresholdDb = 0;
  kneeWidthDb = 0;
  /** Below this level (T − W/2) the curve is exactly unity: callers may skip it. */
  kneeStartDb = 0;
  kneeEndDb = 0;
  /** 1 − 1/R: dB of reduction per dB above threshold. */
  slope = 0;
  /** (1 − 1/R) / (2W), the knee's quadratic coefficient (0 for a hard knee). */
  kneeCoefficient = 0;

  constructor(thresholdDb = 0, ratio = 1, kneeDb = 0) {
    this.set(thresholdDb, ratio, kneeDb);
  }

  set(thresholdDb: number, ratio: number, kneeDb: number): void {
    const knee = Math.max(0, kneeDb);
    this.thresholdDb = thresholdDb;
    this.kneeWidthDb = knee;
    this.slope = 1 - 1 / Math.max(1, ratio);
    this.kneeStartDb = thresholdDb - knee / 2;
    this.kneeEndDb = thresholdDb + knee / 2;
    this.kneeCoefficient = knee > 0 ? this.slope / (2 * knee) : 0;
  }

  /** Gain reduction (≥ 0 dB) at input level `levelDb`. */
  reductionDb(levelDb: number): number {
    return softKneeReductionDb(
      levelDb,
      this.kneeStartDb,
      this.kneeEndDb,
      this.kneeWidthDb,
      this.slope,
      this.kneeCoefficient,
    );
  }

  /** Output level (dB) for input level `levelDb`: the static curve itself. */
  outputDb(levelDb: number): number {
    return levelDb - this.reductionDb(levelDb);
  }
}

/**
 * The curve above as a pure function of precomputed constants (those of a
 * CompressorCurve), for per-sample loops that keep the constants in local variables.
 *
 * Written without branches, because audio crosses the knee every few samples and the
 * mispredicted branches of the three-case form cost more than the arithmetic. With
 * ramp(v) = max(0, v) = (v + |v|)/2 (exact in floating point) and u = min(ramp(x − T + W/2), W):
 *
 *   reduction = kneeCoefficient · u² + slope · ramp(x − T − W/2)
 *
 * which is 0 below the knee, the quadratic (1 − 1/R)(x − T + W/2)²/(2W) inside it, and
 * (1 − 1/R)W/2 + (1 − 1/R)(x − T − W/2) = (1 − 1/R)(x − T) above it: the curve above.
 * Below the knee the result is exactly 0.
 */
export function softKneeReductionDb(
  levelDb: number,
  kneeStartDb: number,
  kneeEndDb: number,
  kneeWidthDb: number,
  slope: number,
  kneeCoefficient: number,
): number {
  const intoKnee = levelDb - kneeStartDb;
  const rampedIntoKnee = (intoKnee + Math.abs(intoKnee)) * 0.5;
  const pastKnee = rampedIntoKnee - kneeWidthDb;
  const u = rampedIntoKnee - (pastKnee + Math.abs(pastKnee)) * 0.5;
  const aboveKnee = levelDb - kneeEndDb;
  return kneeCoefficient * u * u + slope * (aboveKnee + Math.abs(aboveKnee)) * 0.5;
}

/**
 * Downward expansion below a threshold, limited to a range (a gate when the ratio is
 * large): y = T + R(x − T) for x < T, so the gain change is (R − 1)(x − T) ≤ 0, never
 * below −range. Returns the attenuation in dB as a non-negative number.
 */
export function expanderAttenuationDb(
  levelDb: number,
  thresholdDb: number,
  ratio: number,
  rangeDb: number,
): number {
  if (levelDb >= thresholdDb) return 0;
  const attenuation = (ratio - 1) * (thresholdDb - levelDb);
  return Math.min(attenuation, rangeDb);
}
