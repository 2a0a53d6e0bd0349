/**
 * Noise-shaping designs for the error-feedback quantiser (word-length.ts). Each is a set of
 * FIR coefficients c₁…c_N applied to past total errors: the quantiser input is
 * x[n] − Σ c_k·e[n−k], so the added noise is E(z)·H(z) with H(z) = 1 − Σ c_k·z^(−k). H is
 * small where the ear is most sensitive (2–5 kHz) and large towards Nyquist; total noise power
 * rises (Lipshitz: +12.2 dB), audibility falls.
 *
 * Coefficients as published with SoX's `dither` effect and FFmpeg's libswresample
 * (noise_shaping_data.c), quoted in shared/reference/loudness.md §6 [SOXD, FFNS]. They are
 * fitted to hearing at 44.1 kHz only: at other rates the notch would move off 2–5 kHz, so
 * they are used at exactly 44.1 kHz and nowhere else (loudness.md §6: plain TPDF for rates
 * without a matching design, for ≥ 88.2 kHz, and for 24-bit delivery).
 */

export type NoiseShapingId = 'lipshitz' | 'f-weighted';

export interface NoiseShapingDesign {
  readonly id: NoiseShapingId;
  readonly name: string;
  /** The one rate the design is fitted to. */
  readonly sampleRateHz: number;
  /** c₁ … c_N: weights of the errors 1 … N samples back. */
  readonly coefficients: readonly number[];
}

export const NOISE_SHAPING_DESIGNS: Readonly<Record<NoiseShapingId, NoiseShapingDesign>> = {
  /** Lipshitz et al., 5 taps: about −18 dB over 2–5 kHz, +19 dB at Nyquist. */
  lipshitz: {
    id: 'lipshitz',
    name: 'Lipshitz 5-tap (44.1 kHz)',
    sampleRateHz: 44100,
    coefficients: [2.033, -2.165, 1.959, -1.59, 0.6149],
  },
  /** Wannamaker's F-weighted 9-tap: about −22 dB over 2–5 kHz, +27 dB at Nyquist. */
  'f-weighted': {
    id: 'f-weighted',
    name: 'F-weighted 9-tap (44.1 kHz)',
    sampleRateHz: 44100,
    coefficients: [2.412, -3.37, 3.937, -4.174, 3.353, -2.205, 1.281, -0.569, 0.0847],
  },
};

/** What a caller asks for: a named design, none, or the default rule ('auto'). */
export type NoiseShapingChoice = NoiseShapingId | 'none' | 'auto';

/** The design the default rule picks at 16 bits and 44.1 kHz. */
export const DEFAULT_NOISE_SHAPING: NoiseShapingId = 'lipshitz';

/**
 * The design to use for a reduction to `bitDepth` at `sampleRateHz`, or undefined for plain
 * TPDF. 'auto' shapes only 16-bit output at a rate a design exists for; an explicit design is
 * honoured only at its own rate (elsewhere it would put the noise in the wrong place) and
 * never at 24 bits, where the plain TPDF floor (−144 dBFS) is already far below hearing.
 */
export function noiseShapingFor(
  choice: NoiseShapingChoice,
  sampleRateHz: number,
  bitDepth: number,
): NoiseShapingDesign | undefined {
  if (choice === 'none' || bitDepth > 16) return undefined;
  const design = NOISE_SHAPING_DESIGNS[choice === 'auto' ? DEFAULT_NOISE_SHAPING : choice];
  return design.sampleRateHz === sampleRateHz ? design : undefined;
}
