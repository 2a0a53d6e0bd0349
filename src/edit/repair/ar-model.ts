/**
 * Autoregressive (all-pole, linear-prediction) models of short stretches of audio, the basis
 * of click detection and of interpolating missing or clipped samples (Godsill & Rayner,
 * "Digital Audio Restoration", 1998, ch. 3 and 5).
 *
 * Convention: prediction error e(n) = Σ_{k=0}^{p} a_k·x(n−k) with a_0 = 1.
 */

/**
 * Autocorrelation r(0…maxLag) of a Hann-windowed stretch [from, to) of `x`, skipping the
 * samples `missing` marks (clicks, clipped samples): each lag's sum over the pairs that are
 * both present is rescaled by the window energy those pairs carry, which makes it an
 * unbiased estimate with missing observations (Parzen 1963, "On spectral analysis with
 * missing observations and amplitude modulation"). `from`/`to` are clamped to `x`.
 */
export function maskedAutocorrelation(
  x: ArrayLike<number>,
  from: number,
  to: number,
  maxLag: number,
  missing: Uint8Array | undefined,
  out: Float64Array = new Float64Array(maxLag + 1),
): Float64Array {
  const a = Math.max(0, from);
  const b = Math.min(x.length, to);
  const n = b - a;
  out.fill(0);
  if (n <= maxLag) return out;
  const y = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    const present = missing === undefined || missing[a + i] === 0;
    v[i] = present ? w : 0;
    y[i] = present ? w * x[a + i] : 0;
  }
  let weight0 = 0;
  for (let i = 0; i < n; i++) weight0 += v[i] * v[i];
  for (let lag = 0; lag <= maxLag; lag++) {
    let sum = 0;
    let weight = 0;
    for (let i = lag; i < n; i++) {
      sum += y[i] * y[i - lag];
      weight += v[i] * v[i - lag];
    }
    out[lag] = weight > 1e-9 * weight0 ? (sum * weight0) / weight : 0;
  }
  return out;
}

/**
 * Levinson–Durbin recursion: the order-`order` predictor from autocorrelation `r` (Makhoul
 * 1975, eqs. 38–40). A white-noise floor of 1e−9·r(0) (−90 dB) is added, which keeps the
 * normal equations well conditioned for nearly pure tones; should a reflection coefficient
 * still reach ±1 (an estimate that is not positive definite) the recursion stops at the
 * order reached. Returns a (length order + 1, a_0 = 1; unused orders are 0) and the final
 * prediction-error power.
 */
export function levinson(
  r: Float64Array,
  order: number,
  a: Float64Array = new Float64Array(order + 1),
): { coefficients: Float64Array; errorPower: number } {
  a.fill(0);
  a[0] = 1;
  let error = r[0] * (1 + 1e-9);
  if (!(error > 0)) return { coefficients: a, errorPower: 0 };
  const previous = new Float64Array(order + 1);
  for (let m = 1; m <= order; m++) {
    let acc = r[m];
    for (let k = 1; k < m; k++) acc += a[k] * r[m - k];
    const reflection = -acc / error;
    if (!(Math.abs(reflection) < 1)) break;
    previous.set(a);
    for (let k = 1; k < m; k++) a[k] = previous[k] + reflection * previous[m - k];
    a[m] = reflection;
    error *= 1 - reflection * reflection;
  }
  return { coefficients: a, errorPower: error };
}

/** R_a(d) = Σ_k a_k·a_{k+d} for d = 0…p: the autocorrelation of the predictor. */
export function predictorAutocorrelation(a: Float64Array, order = a.length - 1): Float64Array {
  const out = new Float64Array(order + 1);
  for (let d = 0; d <= order; d++) {
    let sum = 0;
    for (let k = 0; k + d <= order; k++) sum += a[k] * a[k + d];
    out[d] = sum;
  }
  return out;
}
