/**
 * Static transfer curves, applied in place to a run of (oversampled) samples. Each is odd —
 * f(−x) = −f(x), so no DC and only odd harmonics — has unit slope at the origin (quiet
 * signals pass at unity) and is bounded.
 */

export type SaturationCurve = 'soft' | 'tape' | 'hard';

/** soft: y = tanh(x). Smooth, analytic, so its harmonics fall off exponentially. */
function applySoft(data: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) data[i] = Math.tanh(data[i]);
}

/**
 * tape: y = (2/π)·atan((π/2)·x). Bounded by ±1 like tanh but approaching it far more slowly
 * (1 − y ≈ 4/(π² x) against 2e^(−2x)), so loud peaks are rounded over a wider range of level
 * — the gradual compression of driven tape. (The tape mode's HF behaviour comes from the
 * emphasis filters around the curve; see saturation.ts.)
 */
function applyTape(data: Float64Array, count: number): void {
  const k = Math.PI / 2;
  const s = 2 / Math.PI;
  for (let i = 0; i < count; i++) data[i] = s * Math.atan(k * data[i]);
}

/** hard: y = clamp(x, −1, 1). */
function applyHard(data: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const x = data[i];
    data[i] = Math.min(1, Math.max(-1, x));
  }
}

export function applySaturationCurve(
  curve: SaturationCurve,
  data: Float64Array,
  count: number,
): void {
  switch (curve) {
    case 'soft':
      applySoft(data, count);
      return;
    case 'tape':
      applyTape(data, count);
      return;
    case 'hard':
      applyHard(data, count);
      return;
  }
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
