/** Public API of the analysis module: BS.1770-4 / EBU R128 loudness, true peak, statistics. */
export {
  type AnalyzeOptions,
  Analyzer,
  type AnalyzerSpec,
  analyzeAudio,
  analyzeReader,
  DEFAULT_CHUNK_FRAMES,
  DEFAULT_SERIES_HOP_SECONDS,
} from './analyze.js';
export { channelWeights, SpeakerBit, SURROUND_WEIGHT } from './channel-weights.js';
export { CorrelationMeter } from './correlation.js';
export {
  INTEGRATED_RELATIVE_GATE_LU,
  integratedLoudness,
  loudnessRange,
  RANGE_RELATIVE_GATE_LU,
} from './gating.js';
export {
  type CascadeDesign,
  cascadeQuarterTaps,
  designHalfBandCascade,
  designInterpolator,
  type InterpolatorDesign,
  type InterpolatorGrade,
  METER_GRADE,
  VERIFICATION_GRADE,
} from './interpolator-design.js';
export {
  type BiquadCoefficients,
  biquadMagnitude,
  KWeightedEnergy,
  type KWeightingCoefficients,
  kWeightingCoefficients,
} from './k-weighting.js';
export {
  LoudnessMeter,
  type LoudnessMeterOptions,
  type LoudnessResult,
} from './loudness-meter.js';
export { ABSOLUTE_GATE_LUFS, energyToLufs, LOUDNESS_OFFSET_DB, lufsToEnergy } from './lufs.js';
export {
  createPeakInterpolator,
  HalfBandCascade,
  type PeakInterpolator,
  PolyphaseInterpolator,
} from './peak-interpolators.js';
export {
  CLIP_THRESHOLD,
  MIN_CLIP_RUN,
  SILENCE_THRESHOLD,
  SignalStatsMeter,
} from './signal-stats.js';
export {
  defaultTruePeakOversampling,
  TruePeakMeter,
  type TruePeakMeterOptions,
  type TruePeakResult,
} from './true-peak.js';
export type { AnalysisReport, ChannelStats, LoudnessSeries } from './types.js';
