/**
 * Clipping detection. A clipped stretch sits flat at the ceiling the signal was cut at: the
 * same value (within rounding or dither) for several samples, at the most positive or the
 * most negative level of the clip. The ceiling is found per polarity as the clip's own
 * extreme, so clipping that happened before a gain change (a ceiling below full scale, or
 * a different one on each side after a DC shift) is found as well as clipping at 0 dBFS.
 *
 * Samples within `toleranceDb` of a polarity's extreme form runs; runs shorter than
 * `minRunSamples` are ordinary peaks. A polarity counts as clipped only if its runs hold at
 * least MIN_CLIPPED_SAMPLES samples: an unclipped clip's single highest peak, with a
 * neighbour that happens to lie within the tolerance, is not clipping.
 */

export const MIN_CLIPPED_SAMPLES = 4;

export interface ClipRun {
  /** First clipped sample. */
  readonly start: number;
  /** One past the last clipped sample. */
  readonly end: number;
  /** +1 for the positive ceiling, −1 for the negative one. */
  readonly sign: 1 | -1;
  /** The ceiling's magnitude (linear). */
  readonly level: number;
}

export interface ClipDetection {
  readonly runs: ClipRun[];
  /** Ceilings found (linear magnitude), or null for a polarity that is not clipped. */
  readonly positiveLevel: number | null;
  readonly negativeLevel: number | null;
  readonly clippedSamples: number;
}

export function detectClipping(
  x: Float32Array,
  toleranceDb: number,
  minRunSamples: number,
): ClipDetection {
  let max = 0;
  let min = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] > max) max = x[i];
    else if (x[i] < min) min = x[i];
  }
  const factor = 10 ** (-toleranceDb / 20);
  const positive = polarityRuns(x, 1, max, max * factor, minRunSamples);
  const negative = polarityRuns(x, -1, -min, -min * factor, minRunSamples);
  const count = (runs: ClipRun[]) => runs.reduce((sum, r) => sum + r.end - r.start, 0);
  const keepPositive = max > 0 && count(positive) >= MIN_CLIPPED_SAMPLES;
  const keepNegative = min < 0 && count(negative) >= MIN_CLIPPED_SAMPLES;
  const runs = [...(keepPositive ? positive : []), ...(keepNegative ? negative : [])].sort(
    (a, b) => a.start - b.start,
  );
  return {
    runs,
    positiveLevel: keepPositive ? max : null,
    negativeLevel: keepNegative ? -min : null,
    clippedSamples: count(runs),
  };
}

function polarityRuns(
  x: Float32Array,
  sign: 1 | -1,
  level: number,
  threshold: number,
  minRun: number,
): ClipRun[] {
  const runs: ClipRun[] = [];
  if (level <= 0) return runs;
  let start = -1;
  for (let i = 0; i <= x.length; i++) {
    const at = i < x.length && sign * x[i] >= threshold;
    if (at && start < 0) start = i;
    else if (!at && start >= 0) {
      if (i - start >= minRun) runs.push({ start, end: i, sign, level });
      start = -1;
    }
  }
  return runs;
}
