/**
 * Timing edits: onsets, tempo, a transient-preserving stretch engine that renders any time
 * map, and the operations and analyses built on it. Analyses that compare two recordings
 * run when the edit is made; their results (an offset, warp points) are stored as operation
 * values, so rendering needs only the clip.
 */

// Analysis for the CLI and the studio.
export {
  alignMultitrack,
  type MultitrackOptions,
  type TrackAlignment,
} from './align-multitrack.js';
export {
  estimateOffset,
  MIN_OFFSET_CORRELATION,
  type OffsetEstimate,
  type OffsetOptions,
} from './estimate-offset.js';
export { estimateWarp, type WarpOptions } from './estimate-warp.js';
// The engine and its building blocks.
export { delaySignal, fractionalDelayTaps } from './fractional-delay.js';
export { type DelayEstimate, estimateDelay } from './gcc-phat.js';
export { detectOnsets, type Onset, type OnsetOptions } from './onsets.js';
export {
  divisionBeats,
  GRID_DIVISIONS,
  type GridDivision,
  type QuantizeOptions,
  quantizeWarp,
} from './quantize.js';
// Operations (stored on clips as `{ "op": "shift" | "warp" | "stretch", … }`).
export { shiftOperation } from './shift-operation.js';
export { renderTimeMap, type StretchOptions, type StretchResult } from './stretch-engine.js';
export { stretchOperation } from './stretch-operation.js';
export { estimateTempo, type TempoEstimate, type TempoOptions } from './tempo.js';
export { PiecewiseLinearMap, validateWarpPoints, type WarpPoint } from './time-map.js';
export { warpOperation } from './warp-operation.js';
