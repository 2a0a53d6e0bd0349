/**
 * The analog prototypes every EQ band is designed to match (the "design target"). Each is a
 * second-order section H(s) = (n2·s² + n1·s + n0) / (s² + d1·s + d0), with s in radians per
 * sample (Ω = 2π·f/fs), so that |H(jΩ)| at Ω = 2π·f/fs is the target at f Hz.
 *
 * Definitions (w0 = 2π·f0/fs, A = 10^(gainDb/40), so A² is the gain as an amplitude ratio):
 * - bell:      (s² + s·(A/Q)·w0 + w0²) / (s² + s·w0/(A·Q) + w0²). Gain A² at f0; Q = f0 / the
 *              bandwidth between the frequencies where the gain is half of gainDb (in dB).
 *              Boost and cut are mirror images (RBJ "Audio EQ Cookbook", constant-Q peaking).
 * - lowshelf:  A·(s² + (√A/Q)·w0·s + A·w0²) / (A·s² + (√A/Q)·w0·s + w0²). Gain A² at DC, 1 at
 *              infinity, A (half of gainDb) at f0; Q = 1/√2 is the steepest shelf without
 *              overshoot (RBJ cookbook shelf with its "Q").
 * - highshelf: A·(A·s² + (√A/Q)·w0·s + w0²) / (s² + (√A/Q)·w0·s + A·w0²). Mirror of lowshelf.
 * - notch:     (s² + w0²) / (s² + s·w0/Q + w0²); Q = f0 / −3 dB bandwidth.
 * - bandpass:  (s·w0/Q) / (s² + s·w0/Q + w0²); 0 dB at f0, Q = f0 / −3 dB bandwidth.
 * - lowpass / highpass: Butterworth of order 2N (N sections, see butterworth.ts); each
 *              section is w0²/(s² + s·w0/Qk + w0²) or s²/(s² + s·w0/Qk + w0²).
 */

export const BAND_TYPES = [
  'bell',
  'lowshelf',
  'highshelf',
  'notch',
  'bandpass',
  'highpass',
  'lowpass',
] as const;
export type BandType = (typeof BAND_TYPES)[number];

/** Coefficients of one analog second-order section, s in rad/sample; denominator monic. */
export interface AnalogSection {
  n0: number;
  n1: number;
  n2: number;
  d0: number;
  d1: number;
}

export function createAnalogSection(): AnalogSection {
  return { n0: 1, n1: 0, n2: 0, d0: 1, d1: 1 };
}

/** |H(jΩ)|² of an analog section at Ω rad/sample. */
export function analogMagnitudeSquared(h: AnalogSection, omega: number): number {
  const w2 = omega * omega;
  const nRe = h.n0 - h.n2 * w2;
  const nIm = h.n1 * omega;
  const dRe = h.d0 - w2;
  const dIm = h.d1 * omega;
  return (nRe * nRe + nIm * nIm) / (dRe * dRe + dIm * dIm);
}

function set(out: AnalogSection, n0: number, n1: number, n2: number, d0: number, d1: number) {
  out.n0 = n0;
  out.n1 = n1;
  out.n2 = n2;
  out.d0 = d0;
  out.d1 = d1;
  return out;
}

export function bellPrototype(w0: number, q: number, gainDb: number, out: AnalogSection) {
  const a = 10 ** (gainDb / 40);
  return set(out, w0 * w0, (a / q) * w0, 1, w0 * w0, w0 / (a * q));
}

export function lowShelfPrototype(w0: number, q: number, gainDb: number, out: AnalogSection) {
  // Divided through by A so the denominator is monic.
  const a = 10 ** (gainDb / 40);
  const sa = Math.sqrt(a);
  return set(out, a * w0 * w0, (sa / q) * w0, 1, (w0 * w0) / a, w0 / (sa * q));
}

export function highShelfPrototype(w0: number, q: number, gainDb: number, out: AnalogSection) {
  const a = 10 ** (gainDb / 40);
  const sa = Math.sqrt(a);
  return set(out, a * w0 * w0, ((a * sa) / q) * w0, a * a, a * w0 * w0, (sa / q) * w0);
}

export function notchPrototype(w0: number, q: number, out: AnalogSection) {
  return set(out, w0 * w0, 0, 1, w0 * w0, w0 / q);
}

export function bandpassPrototype(w0: number, q: number, out: AnalogSection) {
  return set(out, 0, w0 / q, 0, w0 * w0, w0 / q);
}

export function lowpassPrototype(w0: number, q: number, out: AnalogSection) {
  return set(out, w0 * w0, 0, 0, w0 * w0, w0 / q);
}

export function highpassPrototype(w0: number, q: number, out: AnalogSection) {
  return set(out, 0, 0, 1, w0 * w0, w0 / q);
}
