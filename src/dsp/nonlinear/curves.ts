/**
 * Static transfer curves, applied in place to a run of (oversampled) samples. Each is odd —
 * f(−x) = −f(x), so no DC and only odd harmonics — has unit slope at the origin (quiet
 * signals pass at unity) and is bounded.
 */

export type SaturationCurve = 'soft' | 'tape' | 'hard';

/**
 * A curve f and its antiderivative F (F' = f, F(0) = 0; even, as f is odd), which the
 * anti-aliased path (adaa.ts) needs. Each F is computed from |x|, so F(−x) = F(x) exactly.
 */
export interface CurvePair {
  readonly f: (x: number) => number;
  readonly integral: (x: number) => number;
}

/** soft: y = tanh(x). Smooth, analytic, so its harmonics fall off exponentially. */
export const softCurve = Math.tanh;

/**
 * ln cosh x: through sinh near 0 (cosh x − 1 = 2 sinh²(x/2) keeps the x²/2), and as
 * |x| − ln 2 + ln(1 + e^(−2|x|)) beyond, which cannot overflow.
 */
export function softIntegral(x: number): number {
  const a = Math.abs(x);
  if (a < 1) {
    const h = Math.sinh(0.5 * a);
    return Math.log1p(2 * h * h);
  }
  return a - Math.LN2 + Math.log1p(Math.exp(-2 * a));
}

/**
 * tape: y = (2/π)·atan((π/2)·x). Bounded by ±1 like tanh but approaching it far more slowly
 * (1 − y ≈ 4/(π² x) against 2e^(−2x)), so loud peaks are rounded over a wider range of level
 * — the gradual compression of driven tape. (The tape mode's HF behaviour comes from the
 * emphasis filters around the curve; see saturation.ts.)
 */
const TAPE_K = Math.PI / 2;
const TAPE_S = 2 / Math.PI;

export function tapeCurve(x: number): number {
  return TAPE_S * Math.atan(TAPE_K * x);
}

/** (2/π)·(x·atan(kx) − ln(1 + k²x²)/(2k)), k = π/2. */
export function tapeIntegral(x: number): number {
  const a = Math.abs(x);
  const ka = TAPE_K * a;
  return TAPE_S * (a * Math.atan(ka) - Math.log1p(ka * ka) / (2 * TAPE_K));
}

/** hard: y = clamp(x, −1, 1). */
export function hardCurve(x: number): number {
  return Math.min(1, Math.max(-1, x));
}

/** x²/2 inside ±1, |x| − 1/2 outside. */
export function hardIntegral(x: number): number {
  const a = Math.abs(x);
  return a <= 1 ? 0.5 * a * a : a - 0.5;
}

export const SATURATION_CURVES: Readonly<Record<SaturationCurve, CurvePair>> = {
  soft: { f: softCurve, integral: softIntegral },
  tape: { f: tapeCurve, integral: tapeIntegral },
  hard: { f: hardCurve, integral: hardIntegral },
};

/** The bare curve, sample by sample (no anti-aliasing): the 1× path. */
export function applySaturationCurve(
  curve: SaturationCurve,
  data: Float64Array,
  count: number,
): void {
  const { f } = SATURATION_CURVES[curve];
  for (let i = 0; i < count; i++) data[i] = f(data[i]);
}

/**
 * The soft clipper's curve for a ceiling c and a knee k = c·(1 − softness): linear up to the
 * knee, then a tanh segment that leaves the line with slope 1 (so the curve is C¹) and
 * approaches the ceiling asymptotically:
 *   |x| ≤ k:  y = x
 *   |x| > k:  y = sign(x)·(k + (c − k)·tanh((|x| − k)/(c − k)))
 * softness 0 is a hard clip at c; softness 1 is y = c·tanh(x/c). `ceiling[f]` (linear) and
 * `softness[f]` (0…1) are per base-rate frame; sample j uses frame j >> `shift`
 * (shift = log2 of the oversampling factor).
 */
export function applyKneeClip(
  data: Float64Array,
  count: number,
  ceiling: Float64Array,
  softness: Float64Array,
  shift: number,
): void {
  for (let i = 0; i < count; i++) {
    const x = data[i];
    const a = x < 0 ? -x : x;
    const c = ceiling[i >> shift];
    const width = c * softness[i >> shift];
    const knee = c - width;
    if (a <= knee) continue;
    const y = width > 0 ? knee + width * Math.tanh((a - knee) / width) : c;
    data[i] = x < 0 ? -y : y;
  }
}
