/**
 * Time-based processing: delay, algorithmic reverb, convolution reverb, and the engines
 * under them for reuse elsewhere (latency compensation and modulation reuse DelayLine;
 * linear-phase mastering filters can reuse PartitionedConvolver).
 */
export { absorptionFilter, decayGain } from './absorption.js';
export { convolutionProcessor, impulseResponseProblem, partitionSizeFor } from './convolution.js';
export { delayProcessor, delayTimeMs, MAX_DELAY_MS } from './delay.js';
export { DelayLine } from './delay-line.js';
export { FDN_LINES, type FdnSettings, FeedbackDelayNetwork } from './fdn.js';
export { fdnDelayLengths } from './fdn-lengths.js';
export { FeedbackFilter } from './feedback-filter.js';
export { FLUSH_FLOOR, flushTiny } from './flush.js';
export { hadamardEntry, walshHadamard } from './hadamard.js';
export { resampleImpulseResponse } from './ir-resample.js';
export {
  beatMs,
  NOTE_VALUES,
  type NoteValue,
  noteBeats,
  noteDurationMs,
  type SyncedNoteValue,
} from './note-values.js';
export { PartitionedConvolver } from './partitioned-convolver.js';
export { effectiveCharacter, reverbProcessor } from './reverb.js';
export {
  PRESET_CHARACTER,
  REVERB_PRESETS,
  type ReverbCharacter,
  type ReverbPreset,
} from './reverb-presets.js';
export { SchroederAllpass } from './schroeder-allpass.js';
export { TapCrossfade } from './tap-crossfade.js';
