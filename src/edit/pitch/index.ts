/**
 * Pitch editing: monophonic pitch tracking (pYIN class), note segmentation, correction
 * planning for a key, note-level edits, and the `tune` and `pitch-shift` operations
 * (TD-PSOLA with formant preservation; same length, no latency).
 */

export { checkMonophonic, MIN_MONOPHONIC_PERIODICITY, type MonophonyCheck } from './monophony.js';
export { flattenDrift, moveNote, setNoteShift, setVibrato } from './note-edits.js';
export { pitchShiftOperation } from './pitch-shift-operation.js';
export { centsBetween, centsToRatio, hzToMidi, midiName, midiToHz } from './pitch-units.js';
export {
  type PlannedNote,
  planTuning,
  type TuningOptions,
  type TuningPlan,
  tuneValues,
} from './plan.js';
export type { FormantMode } from './psola.js';
export {
  type Key,
  makeKey,
  nearestScaleMidi,
  parseKey,
  SCALE_NAMES,
  type ScaleName,
} from './scales.js';
export { type Note, type NoteSegmentationOptions, segmentNotes } from './segment.js';
export { type PitchTrack, type PitchTrackOptions, trackPitch } from './track.js';
export { tuneOperation } from './tune-operation.js';
export {
  PITCH_SHIFT_PARAMS,
  type PitchShiftValues,
  TUNE_PARAMS,
  type TuneNoteValues,
  type TuneValues,
} from './tune-params.js';
