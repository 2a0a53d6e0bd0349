/**
 * The squared magnitude of a real second-order polynomial on the unit circle, as a quadratic
 * in φ = sin²(ω/2) (M. Vicanek, "Matched Second Order Digital Filters", 2016, eq. 5–8): for
 * b(z) = b0 + b1·z⁻¹ + b2·z⁻²,
 *   |b(e^{jω})|² = B0·(1 − φ) + B1·φ + B2·4φ(1 − φ),
 *   B0 = (b0 + b1 + b2)², B1 = (b0 − b1 + b2)², B2 = −4·b0·b2,
 * i.e. p0 + p1·φ + p2·φ² with p0 = B0, p1 = B1 − B0 + 4·B2, p2 = −4·B2.
 *
 * The EQ's fits work in u = φ/φref (φref: φ at the top of the specified band), where the
 * quadratic is c0 + c1·u + c2·u² with c1 = p1·φref, c2 = p2·φref². Any quadratic that is
 * positive for φ in [0, 1] (all of 0…Nyquist) is the squared magnitude of some real b (the
 * Fejér–Riesz theorem); `factorQuadratic` finds the minimum-phase one.
 */

/** Writes (c0, c1, c2), the squared magnitude of b0 + b1·z⁻¹ + b2·z⁻² in u = φ/φref. */
export function squaredMagnitudeQuadratic(
  b0: number,
  b1: number,
  b2: number,
  phiRef: number,
  out: Float64Array,
  o: number,
): void {
  const B0 = (b0 + b1 + b2) ** 2;
  const B1 = (b0 - b1 + b2) ** 2;
  const B2 = -4 * b0 * b2;
  out[o] = B0;
  out[o + 1] = (B1 - B0 + 4 * B2) * phiRef;
  out[o + 2] = -4 * B2 * phiRef * phiRef;
}

/** c0 + c1·u + c2·u². */
export function quadraticAt(c: Float64Array, o: number, u: number): number {
  return c[o] + (c[o + 1] + c[o + 2] * u) * u;
}

/** Smallest value of c0 + c1·u + c2·u² for u in [0, uMax]: at an end or at the vertex. */
export function quadraticMinimum(c0: number, c1: number, c2: number, uMax: number): number {
  let m = Math.min(c0, c0 + (c1 + c2 * uMax) * uMax);
  if (c2 > 0) {
    const v = -c1 / (2 * c2);
    if (v > 0 && v < uMax) m = Math.min(m, c0 + (c1 + c2 * v) * v);
  }
  return m;
}

/**
 * (b0, b1, b2) whose squared magnitude is c0 + c1·u + c2·u² (u = φ/φref), written to out[o…o+2],
 * minimum phase (Vicanek eq. 11–13): with s0 = b0 + b1 + b2 = √B0 and s1 = b0 − b1 + b2 = √B1
 * (both positive for a minimum-phase b with b0 > 0), b0 and b2 are the roots of
 * x² − W·x − B2/4, W = (s0 + s1)/2, and b0 is the larger, so |b2| ≤ |b0|. For a valid squared
 * magnitude the discriminant W² + B2 = (b0 − b2)² is never negative. If it is (the quadratic
 * dips below zero somewhere in [0, 1]), the zeros go on the unit circle and the result is false.
 */
export function factorQuadratic(
  c0: number,
  c1: number,
  c2: number,
  phiRef: number,
  out: Float64Array,
  o: number,
): boolean {
  const p1 = c1 / phiRef;
  const p2 = c2 / (phiRef * phiRef);
  const s0 = Math.sqrt(Math.max(c0, 0));
  const s1 = Math.sqrt(Math.max(c0 + p1 + p2, 0));
  const w = (s0 + s1) / 2;
  const disc = w * w - p2 / 4;
  const valid = disc >= 0;
  const b0 = valid ? (w + Math.sqrt(disc)) / 2 : w / 2;
  out[o] = b0;
  out[o + 1] = (s0 - s1) / 2;
  out[o + 2] = w - b0;
  return valid;
}
