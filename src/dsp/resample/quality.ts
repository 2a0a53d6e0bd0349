/**
 * Quality presets. Band edges are fractions of the lower of the two Nyquist frequencies, so
 * the same preset serves up- and downsampling (the lower rate is the one that cannot carry
 * what lies above its Nyquist).
 *
 * Both presets put the pass-band edge at 0.9 and the stop-band edge at exactly 1.0 of the
 * lower Nyquist: no tone of the input can alias, and no image can appear, above the
 * stated rejection (soxr's defaults, 0.913 → 1.0, follow the same principle; see the
 * shared reference/loudness.md §6). The cost is a narrow transition (5 % of the lower
 * rate), hence long filters.
 *
 * What the presets come to (f_low = the lower rate; Kaiser's length (A − 8)/(2.285·2π·Δf)):
 *
 * | preset    | A (design) | β     | window length     | taps per output       | latency        |
 * | --------- | ---------- | ----- | ----------------- | --------------------- | -------------- |
 * | standard  | 104 dB     | 10.50 | 133.7 / f_low (s) | 134 × max(1, in/out)  | ≈ 67 / f_low s |
 * | mastering | 124 dB     | 12.71 | 161.6 / f_low (s) | 162 × max(1, in/out)  | ≈ 81 / f_low s |
 *
 * e.g. 48 → 44.1 kHz standard: 146 taps per output, 21 397-tap prototype at 7.056 MHz,
 * 67 output frames (1.52 ms) of latency. The prototypes' worst stop-band level (at the edge)
 * is −103.5 dB (standard) / −121.8 dB (mastering); pass-band deviation 6e-5 / 7e-6 dB.
 */
export type ResampleQuality = 'standard' | 'mastering';

export interface QualityPreset {
  /** Rejection the preset promises for images and aliases, in dB below the signal. */
  readonly rejectionDb: number;
  /**
   * Attenuation handed to Kaiser's formulas, 4 dB above `rejectionDb`: the formulas are
   * empirical fits (the designs land 0.4 dB short of them at the stop-band edge), and the rest
   * keeps the Float32 input and output well clear of the promise.
   */
  readonly designAttenuationDb: number;
  /** Highest frequency that is passed flat (±0.01 dB), as a fraction of the lower Nyquist. */
  readonly passbandEdge: number;
  /** Lowest frequency that is rejected by `rejectionDb`, as a fraction of the lower Nyquist. */
  readonly stopbandEdge: number;
}

export const QUALITY_PRESETS: Readonly<Record<ResampleQuality, QualityPreset>> = {
  /** ≥ 100 dB: below 16-bit TPDF-dithered noise (−96 dBFS RMS, loudness.md §6). */
  standard: { rejectionDb: 100, designAttenuationDb: 104, passbandEdge: 0.9, stopbandEdge: 1 },
  /** ≥ 120 dB for 24-bit delivery (loudness.md §6 acceptance); about 1.2 × the taps. */
  mastering: { rejectionDb: 120, designAttenuationDb: 124, passbandEdge: 0.9, stopbandEdge: 1 },
};
