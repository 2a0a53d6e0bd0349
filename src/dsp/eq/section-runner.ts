/**
 * The inner loops of the minimum-phase EQ: biquad sections in transposed direct form II
 * with Float64 state, run in place on Float32 channels. Stereo pairs share one loop so the
 * two channels' independent recursions overlap in the CPU (the recursion, not arithmetic,
 * bounds a single channel's speed). Coefficients: [b0, b1, b2, a1, a2] per section; state:
 * [z1, z2] per channel per section.
 *
 * Outputs pass through (y + 2^−60) − 2^−60, which rounds anything below ~1e−34 to exactly 0
 * (a Float32 denormal would otherwise reach the buffer from a decaying tail) and changes
 * nothing audible; it is off the recursion's critical path, so it costs little.
 */
const DENORMAL_GUARD = 2 ** -60;

export function runSectionStereo(
  left: Float32Array,
  right: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  leftOffset: number,
  rightOffset: number,
): void {
  const b0 = c[co];
  const b1 = c[co + 1];
  const b2 = c[co + 2];
  const a1 = c[co + 3];
  const a2 = c[co + 4];
  let l1 = state[leftOffset];
  let l2 = state[leftOffset + 1];
  let r1 = state[rightOffset];
  let r2 = state[rightOffset + 1];
  for (let i = start; i < end; i++) {
    const xl = left[i];
    const xr = right[i];
    const yl = b0 * xl + l1;
    const yr = b0 * xr + r1;
    l1 = b1 * xl + l2 - a1 * yl;
    r1 = b1 * xr + r2 - a1 * yr;
    l2 = b2 * xl - a2 * yl;
    r2 = b2 * xr - a2 * yr;
    left[i] = yl + DENORMAL_GUARD - DENORMAL_GUARD;
    right[i] = yr + DENORMAL_GUARD - DENORMAL_GUARD;
  }
  state[leftOffset] = l1;
  state[leftOffset + 1] = l2;
  state[rightOffset] = r1;
  state[rightOffset + 1] = r2;
}

export function runSectionMono(
  data: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  offset: number,
): void {
  const b0 = c[co];
  const b1 = c[co + 1];
  const b2 = c[co + 2];
  const a1 = c[co + 3];
  const a2 = c[co + 4];
  let z1 = state[offset];
  let z2 = state[offset + 1];
  for (let i = start; i < end; i++) {
    const x = data[i];
    const y = b0 * x + z1;
    z1 = b1 * x + z2 - a1 * y;
    z2 = b2 * x - a2 * y;
    data[i] = y + DENORMAL_GUARD - DENORMAL_GUARD;
  }
  state[offset] = z1;
  state[offset + 1] = z2;
}

/** |H(e^{jω})|² of one stored section, ω in rad/sample, from cos ω and sin ω. */
export function sectionMagnitudeSquared(
  c: Float64Array,
  co: number,
  cos1: number,
  sin1: number,
): number {
  const cos2 = 2 * cos1 * cos1 - 1;
  const sin2 = 2 * sin1 * cos1;
  const nRe = c[co] + c[co + 1] * cos1 + c[co + 2] * cos2;
  const nIm = -(c[co + 1] * sin1 + c[co + 2] * sin2);
  const dRe = 1 + c[co + 3] * cos1 + c[co + 4] * cos2;
  const dIm = -(c[co + 3] * sin1 + c[co + 4] * sin2);
  return (nRe * nRe + nIm * nIm) / (dRe * dRe + dIm * dIm);
}
