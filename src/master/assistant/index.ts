/**
 * The mastering assistant: `analyzeMix(audio)` measures what it needs (tonal balance against
 * a built-in balanced curve or a reference, dynamics, stereo, sibilance), and the pure
 * `assistMastering(analysis, { target, reference? })` chooses a chain in the session's
 * insert format, one line of reason per decision.
 */
export {
  analyzeMix,
  analyzeProgramme,
  LOW_SIDE_MAX_HZ,
  type MixAnalysis,
  MixAnalyzer,
  SIBILANCE_BAND_HZ,
} from './analyze-mix.js';
export {
  type Assistance,
  type AssistOptions,
  type AssistTarget,
  assistMastering,
  type Decision,
  type DecisionStage,
} from './assistant.js';
export { BALANCED_CURVE_DESCRIPTION, balancedCurveDb } from './balanced-curve.js';
export {
  REGIONS,
  type Region,
  type RegionDeviation,
  type RegionId,
  type TonalBalance,
  tonalBalance,
} from './tonal-balance.js';
