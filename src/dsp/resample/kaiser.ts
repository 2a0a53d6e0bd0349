/**
 * The Kaiser window and Kaiser's empirical design formulas, used to turn "attenuation A dB
 * over a transition band Δf" into a window shape β and a filter length.
 *
 * Source: J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh window
 * function", Proc. IEEE ISCAS 1974; as given in Oppenheim & Schafer, Discrete-Time Signal
 * Processing (3rd ed.), eqs. 7.62 and 7.63. A windowed-sinc low-pass designed this way has
 * (close to) equal ripple δ = 10^(−A/20) in pass band and stop band.
 */

/**
 * Modified Bessel function of the first kind, order zero, by its power series
 * I0(x) = Σ ((x/2)^k / k!)². All terms are positive, so the sum has no cancellation; for the
 * β ≤ 20 used here it converges in under 40 terms to full double precision.
 */
export function besselI0(x: number): number {
  const halfX = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    const ratio = halfX / k;
    term *= ratio * ratio;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stop-band attenuation of `attenuationDb` (O&S eq. 7.62). */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) {
    return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  }
  return 0;
}

/**
 * Kaiser's estimate of the filter order (length − 1, in samples) for an attenuation of
 * `attenuationDb` across a transition band of `transitionRadPerSample` (O&S eq. 7.63):
 * M = (A − 8) / (2.285 · Δω). Not rounded: callers sample the window continuously.
 */
export function kaiserOrder(attenuationDb: number, transitionRadPerSample: number): number {
  return (attenuationDb - 8) / (2.285 * transitionRadPerSample);
}

/**
 * The Kaiser window as a continuous function of the normalised position
 * `position` ∈ [−1, 1] (0 at the centre): I0(β·√(1 − position²)) / I0(β); 0 outside.
 * `i0OfBeta` is I0(β), passed in so that tables of many taps compute it once.
 */
export function kaiserWindowAt(position: number, beta: number, i0OfBeta: number): number {
  const p2 = position * position;
  if (p2 > 1) return 0;
  return besselI0(beta * Math.sqrt(1 - p2)) / i0OfBeta;
}
