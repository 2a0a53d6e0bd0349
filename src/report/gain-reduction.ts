/**
 * Gain reduction over time, as a dynamics stage reports it for a figure: the deepest gain
 * (most reduction) in each hop, because a short duck is what one hears and must not be
 * averaged away.
 */
export interface GainReductionSeries {
  /** Which stage reduced (e.g. "Limiter", "Glue compressor"). */
  readonly label: string;
  /** Seconds between points; point i covers [i·hop, (i+1)·hop). */
  readonly hopSeconds: number;
  /** Gain applied, dB: 0 for none, negative for reduction. Non-finite values are gaps. */
  readonly gainDb: Float64Array;
}

/** 10 ms: finer than any limiter release a listener resolves, coarse enough to stay small. */
export const DEFAULT_GAIN_HOP_SECONDS = 0.01;

/**
 * Decimate a per-sample linear gain (1 = unity, as a limiter's gain computer produces) to the
 * lowest gain per hop, in dB.
 */
export function gainReductionSeries(
  label: string,
  linearGain: ArrayLike<number>,
  sampleRate: number,
  hopSeconds: number = DEFAULT_GAIN_HOP_SECONDS,
): GainReductionSeries {
  const hopFrames = Math.max(1, Math.round(hopSeconds * sampleRate));
  const points = Math.ceil(linearGain.length / hopFrames);
  const gainDb = new Float64Array(points);
  for (let p = 0; p < points; p++) {
    let lowest = Number.POSITIVE_INFINITY;
    const end = Math.min(linearGain.length, (p + 1) * hopFrames);
    for (let i = p * hopFrames; i < end; i++) if (linearGain[i] < lowest) lowest = linearGain[i];
    // A gain of 0 (a gate fully shut) is −∞ dB: a gap rather than an axis without a floor.
    gainDb[p] = lowest > 0 ? Math.min(0, 20 * Math.log10(lowest)) : Number.NEGATIVE_INFINITY;
  }
  return { label, hopSeconds: hopFrames / sampleRate, gainDb };
}
