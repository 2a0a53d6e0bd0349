/**
 * Period refinement on the full-rate signal. The lag search runs decimated (decimate.ts),
 * where one sample of lag is up to 3 cents at 250 Hz; here YIN's difference function
 * d(τ) = Σ_j (x_j − x_{j+τ})² is evaluated directly at the three full-rate lags around the
 * coarse period and the vertex of the parabola through them is taken (de Cheveigné &
 * Kawahara 2002, step 5), so the period is as precise as a full-rate YIN at 3·W
 * multiplications per frame instead of a full-rate lag search.
 */
export function refinePeriod(
  signal: Float32Array,
  start: number,
  windowSamples: number,
  coarseLagSamples: number,
): number {
  const centre = Math.round(coarseLagSamples);
  const d = [0, 0, 0, 0, 0];
  // Five lags, so the minimum can be re-centred by one if the coarse lag was a sample off.
  for (let k = 0; k < 5; k++) d[k] = difference(signal, start, windowSamples, centre - 2 + k);
  let m = 2;
  if (d[1] < d[m]) m = 1;
  if (d[3] < d[m]) m = 3;
  const a = d[m - 1];
  const b = d[m];
  const c = d[m + 1];
  const curvature = a - 2 * b + c;
  const offset = curvature > 0 ? Math.max(-1, Math.min(1, (0.5 * (a - c)) / curvature)) : 0;
  return centre - 2 + m + offset;
}

function difference(signal: Float32Array, start: number, w: number, lag: number): number {
  const n = signal.length;
  let sum = 0;
  if (start >= 0 && start + w + lag <= n) {
    for (let j = start; j < start + w; j++) {
      const e = signal[j] - signal[j + lag];
      sum += e * e;
    }
    return sum;
  }
  for (let j = 0; j < w; j++) {
    const i = start + j;
    // Outside the signal counts as silence, as in the frame the lag search saw.
    const a = i >= 0 && i < n ? signal[i] : 0;
    const b = i + lag >= 0 && i + lag < n ? signal[i + lag] : 0;
    sum += (a - b) * (a - b);
  }
  return sum;
}
