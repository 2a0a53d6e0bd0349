/**
 * Peak picking on an onset detection function with an adaptive threshold (Bello et al., "A
 * tutorial on onset detection in music signals", IEEE Trans. Speech Audio Proc. 2005,
 * §V-B, eq. 19: δ + λ·median over a moving window). A frame is an onset when it is
 *  - the largest value within ±`localRadius` frames,
 *  - above `delta` + the median of ±`medianRadius` frames (so a busy, loud passage needs a
 *    larger rise than a quiet one),
 *  - at least `minDistance` frames after the previous onset (the stronger of two close
 *    peaks is kept).
 */
export interface PeakPickingOptions {
  readonly localRadius: number;
  readonly medianRadius: number;
  readonly delta: number;
  readonly minDistance: number;
}

export function pickPeaks(values: Float64Array, options: PeakPickingOptions): number[] {
  const n = values.length;
  const { localRadius, medianRadius, delta, minDistance } = options;
  const window = new Float64Array(2 * medianRadius + 1);
  const peaks: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v <= delta) continue;
    let isMax = true;
    for (let j = Math.max(0, i - localRadius); j <= Math.min(n - 1, i + localRadius); j++) {
      // Ties go to the earliest frame of a plateau.
      if (values[j] > v || (values[j] === v && j < i)) {
        isMax = false;
        break;
      }
    }
    if (!isMax) continue;
    const lo = Math.max(0, i - medianRadius);
    const hi = Math.min(n - 1, i + medianRadius);
    const count = hi - lo + 1;
    for (let j = 0; j < count; j++) window[j] = values[lo + j];
    if (v <= delta + median(window, count)) continue;
    const previous = peaks.length > 0 ? peaks[peaks.length - 1] : -Infinity;
    if (i - previous < minDistance) {
      if (v > values[previous]) peaks[peaks.length - 1] = i;
      continue;
    }
    peaks.push(i);
  }
  return peaks;
}

/** Median of the first `count` values (reorders them). */
function median(values: Float64Array, count: number): number {
  const view = values.subarray(0, count);
  view.sort();
  return count % 2 === 1 ? view[count >> 1] : 0.5 * (view[count / 2 - 1] + view[count / 2]);
}
