/**
 * Automatic comping: phrases from the takes' voicing (or bars, or given boundaries), each
 * take scored per phrase on pitch, timing, noise/clipping and level consistency, a take per
 * phrase chosen with hysteresis, and boundaries placed in the pauses. The result is stored
 * as `tracks[i].comp` (regions with equal-power crossfades, rendered by the session).
 * Engine code only; reading a session track's takes from disk is session-takes.ts (Node).
 */
export { chooseTakes } from './choose-takes.js';
export {
  type ClippedRun,
  clippedFramesIn,
  detectClippedRuns,
  MIN_CEILING_RUNS,
} from './clipping.js';
export { type CutPoint, type PlacedComp, placeCuts } from './cut-points.js';
export { formatCompTable } from './format-table.js';
export {
  LEVEL_SCALE_LU,
  type LevelResult,
  levelResults,
  phraseLoudnessLufs,
} from './level-score.js';
export {
  CLICK_SCALE,
  CLIPPED_SCALE_MS,
  measureNoise,
  type NoiseResult,
  SNR_RANGE_DB,
} from './noise-score.js';
export {
  DEFAULT_MIN_PAUSE_MS,
  DEFAULT_MIN_PHRASE_MS,
  type PhraseOptions,
  planPhrases,
} from './phrases.js';
export {
  measurePitch,
  PITCH_SCALE_CENTS,
  type PitchReference,
  type PitchResult,
} from './pitch-score.js';
export {
  type CompOptions,
  type CompProposal,
  checkTakes,
  DEFAULT_CROSSFADE_MS,
  type PhraseChoice,
  proposeComp,
  proposeFromAnalyses,
} from './propose.js';
export { phraseReason } from './reasons.js';
export {
  type PhraseScores,
  type ScoreOptions,
  scorePhrases,
  type TakePhraseScore,
} from './score-phrases.js';
export { withComp } from './session-comp.js';
export {
  analyseTake,
  CLICK_EVENT_SECONDS,
  clickEvents,
  type TakeAnalysis,
  type TakeAnalysisOptions,
} from './take-analysis.js';
export {
  type GridSpec,
  gridReadingBias,
  measureTiming,
  noteStartDeviations,
  TIMING_SCALE_MS,
  type TimingReference,
  type TimingResult,
} from './timing-score.js';
export type * from './types.js';
export {
  type CompWeights,
  CRITERIA,
  type Criterion,
  DEFAULT_SWITCH_MARGIN,
  DEFAULT_WEIGHTS,
  resolveWeights,
} from './weights.js';
