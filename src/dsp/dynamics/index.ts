/**
 * Dynamics processors and the pieces a multiband compressor or a limiter can reuse:
 * - level detection (peak / RMS, stereo link, sidechain high-pass): detector.ts
 * - static curves (soft-knee compression, expansion): gain-computer.ts
 * - log-domain attack/release and the program-dependent release: envelope.ts,
 *   auto-release.ts
 * - fast log2/exp2 with stated error bounds: fast-math.ts
 * - the whole feed-forward compressor as an engine: compressor-engine.ts
 * - a linear-phase band split that sums back exactly: linear-phase-split.ts
 */
export { AUTO_RELEASE, autoReleaseCoefficients } from './auto-release.js';
export { compressorProcessor } from './compressor.js';
export {
  AUTO_MAKEUP_REFERENCE_DB,
  applyGain,
  CompressorEngine,
  type CompressorSettings,
  FLOAT32_MIN_NORMAL,
  flushSubnormal,
} from './compressor-engine.js';
export { deesserProcessor } from './deesser.js';
export {
  type Detection,
  type DetectorSettings,
  LevelDetector,
  RMS_WINDOW_MS,
  SIDECHAIN_HPF_MIN_HZ,
} from './detector.js';
export { CompressorEngineProcessor } from './engine-processor.js';
export {
  branchFreeStep,
  branchingStep,
  REDUCTION_FLOOR_DB,
  type SmootherCoefficients,
  smootherCoefficients,
  smoothingCoefficient,
} from './envelope.js';
export {
  DB_PER_LOG2,
  EXP2_LIMIT,
  fastDbToGain,
  fastExp2,
  fastGainToDb,
  fastLog2,
  fastLog2OfFloat32Bits,
  LOG2_PER_DB,
} from './fast-math.js';
export { CompressorCurve, expanderAttenuationDb, softKneeReductionDb } from './gain-computer.js';
export { GATE_KEY_FALL_MS, gateProcessor } from './gate.js';
export { GLUE_KNEE_DB, glueProcessor } from './glue.js';
export { LinearPhaseSplit, SPLIT_HALF_LENGTH_MS, SPLIT_STOPBAND_DB } from './linear-phase-split.js';
