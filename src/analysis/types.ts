/**
 * What `analyzeAudio` / `analyzeFile` report. Field names and units are stable: they are the
 * `--json` output of `mixdown analyze` and are documented in README.md. Levels that can be
 * "below the gate" or "silent" are -Infinity in memory and null in JSON, never NaN.
 */

export interface LoudnessSeries {
  /**
   * Seconds between points (default 0.1 s: one point per 100 ms block boundary). Point i is
   * the window ending after round((i + 1) · hopSeconds · sampleRate) frames; windows that
   * reach before the first sample see silence there (as a meter started with the programme).
   */
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
  /**
   * Clipped samples: every sample in a run of ≥ 3 consecutive samples at one rail, x ≥ 1 − 2⁻¹⁵
   * (the largest 16-bit value, 32767/32768) or x ≤ −(1 − 2⁻¹⁵). A lone full-scale sample is
   * not a clip, nor are samples that swing between the rails.
   */
  readonly clippedSamples: number;
}

export interface AnalysisReport {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly durationSeconds: number;

  /**
   * Gated integrated loudness (BS.1770-4), LUFS: exact gating of every complete 400 ms block
   * (75 % overlap, aligned to the first sample). -Infinity when every block is below the gate.
   */
  readonly integratedLufs: number;
  /**
   * Loudness range (EBU Tech 3342), LU, from short-term values every 100 ms; percentiles
   * interpolate linearly between closest ranks. 0 when no short-term value passes the gates.
   */
  readonly loudnessRangeLu: number;
  /**
   * Highest momentary loudness (400 ms window, evaluated every sample), LUFS. Windows that
   * reach before the first sample see silence there.
   */
  readonly maxMomentaryLufs: number;
  /** Highest short-term loudness (3 s window, evaluated every sample), LUFS. */
  readonly maxShortTermLufs: number;

  /** Highest sample magnitude over all channels, dBFS. */
  readonly samplePeakDbfs: number;
  /**
   * max(interpolated, sample) peak over all channels, dBTP (the audio is taken to be preceded
   * and followed by silence).
   */
  readonly truePeakDbtp: number;
  /** Oversampling factor the true-peak measurement used. */
  readonly truePeakOversampling: number;

  /** RMS over all channels (mean of channel mean squares), dBFS; a full-scale sine reads −3.01. */
  readonly rmsDbfs: number;
  /** Peak-to-loudness ratio: truePeakDbtp − integratedLufs, dB; -Infinity when I is. */
  readonly plrDb: number;
  /** Crest factor: samplePeakDbfs − rmsDbfs, dB; -Infinity for silence. */
  readonly crestFactorDb: number;
  /**
   * Pearson correlation of L and R (first two channels); null for mono, or when either channel
   * has no variance (silence, pure DC).
   */
  readonly stereoCorrelation: number | null;
  /** Total clipped samples over all channels (see ChannelStats.clippedSamples). */
  readonly clippedSamples: number;
  /**
   * Silence before the first / after the last sample above −60 dBFS (|x| > 0.001) in any
   * channel, seconds; both equal the duration when nothing is above it.
   */
  readonly leadingSilenceSeconds: number;
  readonly trailingSilenceSeconds: number;

  readonly perChannel: readonly ChannelStats[];
  /** Present when requested (`series: true`); omitted from the default JSON. */
  readonly series?: LoudnessSeries;
}
