/**
 * Butterworth filters of even order as cascades of second-order sections: order 2N has pole
 * pairs at angles θk = (2k − 1)·π/(4N) from the negative real axis, i.e. section quality
 * factors Qk = 1 / (2·cos θk), k = 1…N (e.g. Zölzer, "Digital Audio Signal Processing",
 * §5.2). The cascade's magnitude is |H|² = 1 / (1 + (f/fc)^(4N)) for a lowpass: −3.01 dB at
 * fc and 12·N dB/octave beyond.
 */

/** Slopes the EQ offers for highpass and lowpass bands, in dB per octave. */
export const BUTTERWORTH_SLOPES = ['12', '24', '36', '48'] as const;
export type ButterworthSlope = (typeof BUTTERWORTH_SLOPES)[number];
/** Most second-order sections a Butterworth band has (48 dB/octave). */
export const MAX_BUTTERWORTH_SECTIONS = BUTTERWORTH_SLOPES.length;

/** Number of second-order sections for a slope in dB/octave (6 dB/oct per order). */
export function sectionsForSlope(slopeDbPerOct: number): number {
  return Math.max(1, Math.round(slopeDbPerOct / 12));
}

/** Quality factor of section k (0-based) of a Butterworth filter with `sections` sections. */
export function butterworthSectionQ(k: number, sections: number): number {
  return 1 / (2 * Math.cos(((2 * k + 1) * Math.PI) / (4 * sections)));
}

/** |H|² of an analog Butterworth lowpass of order 2·sections at `ratio` = f/fc. */
export function butterworthLowpassMagnitudeSquared(ratio: number, sections: number): number {
  return 1 / (1 + ratio ** (4 * sections));
}

/** |H|² of an analog Butterworth highpass of order 2·sections at `ratio` = f/fc. */
export function butterworthHighpassMagnitudeSquared(ratio: number, sections: number): number {
  const r = ratio ** (4 * sections);
  return r / (1 + r);
}
