/**
 * What `analyzeAudio` / `analyzeFile` report. Field names and units are stable: they are the
 * `--json` output of `mixdown analyze` and are documented in README.md. Levels that can be
 * "below the gate" or "silent" are -Infinity in memory and null in JSON, never NaN.
 */

export interface LoudnessSeries {
  /** Seconds between points (0.1 s: one point per 100 ms block boundary). */
  readonly hopSeconds: number;
  /** Momentary loudness (400 ms window) in LUFS ending at each point; -Infinity when silent. */
  readonly momentaryLufs: Float64Array;
  /** Short-term loudness (3 s window) in LUFS ending at each point; -Infinity when silent. */
  readonly shortTermLufs: Float64Array;
}

export interface ChannelStats {
  readonly samplePeakDbfs: number;
  readonly truePeakDbtp: number;
  readonly rmsDbfs: number;
  /** Mean sample value (DC offset) as a fraction of full scale. */
  readonly dcOffset: number;
  /** Samples in runs of ≥ 2 consecutive samples at or beyond ±(1 − 2⁻¹⁵) full scale. */
  readonly clippedSamples: number;
}

export interface AnalysisReport {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly durationSeconds: number;

  /** Gated integrated loudness (BS.1770-4), LUFS. -Infinity when every block is below the gate. */
  readonly integratedLufs: number;
  /** Loudness range (EBU Tech 3342), LU. 0 when fewer than two short-term values pass the gates. */
  readonly loudnessRangeLu: number;
  /** Highest momentary loudness (400 ms window, evaluated every sample), LUFS. */
  readonly maxMomentaryLufs: number;
  /** Highest short-term loudness (3 s window, evaluated every sample), LUFS. */
  readonly maxShortTermLufs: number;

  /** Highest sample magnitude over all channels, dBFS. */
  readonly samplePeakDbfs: number;
  /** max(interpolated, sample) peak over all channels, dBTP. */
  readonly truePeakDbtp: number;
  /** Oversampling factor the true-peak measurement used. */
  readonly truePeakOversampling: number;

  /** RMS over all channels (mean of channel mean squares), dBFS; a full-scale sine reads −3.01. */
  readonly rmsDbfs: number;
  /** Peak-to-loudness ratio: truePeakDbtp − integratedLufs, dB. */
  readonly plrDb: number;
  /** Crest factor: samplePeakDbfs − rmsDbfs, dB. */
  readonly crestFactorDb: number;
  /** Pearson correlation of L and R (first two channels); null for mono or silence. */
  readonly stereoCorrelation: number | null;
  /** Total clipped samples over all channels (see ChannelStats.clippedSamples). */
  readonly clippedSamples: number;
  /** Silence before the first / after the last sample above −60 dBFS, seconds. */
  readonly leadingSilenceSeconds: number;
  readonly trailingSilenceSeconds: number;

  readonly perChannel: readonly ChannelStats[];
  /** Present when requested (`series: true`); omitted from the default JSON. */
  readonly series?: LoudnessSeries;
}
