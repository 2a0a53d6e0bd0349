/**
 * mixdown as a library: the public API of the engine and its adapters. Everything here is
 * also what the `mixdown` command line is built from.
 */
export { type AnalyzeOptions, analyzeAudio, analyzeReader } from './analysis/analyze.js';
export type { AnalysisReport, ChannelStats, LoudnessSeries } from './analysis/types.js';
export type { AudioData } from './core/audio.js';
export type { AudioBlock, ProcessSpec } from './core/block.js';
export type { Diagnostic } from './core/diagnostics.js';
export { isMixdownError, MixdownError } from './core/errors.js';
export type { Processor, ProcessorDefinition } from './dsp/processor.js';
export { findProcessor, PROCESSORS } from './dsp/registry.js';
export { resampleAudio } from './dsp/resample/index.js';
export type { EditOperation } from './edit/operation.js';
export { EDIT_OPERATIONS, findOperation } from './edit/registry.js';
export {
  createWriter,
  decodeAudioBytes,
  encodeAudio,
  openAudio,
  readAudio,
  writeAudio,
} from './io/index.js';
export { predictPlayback } from './master/platform-playback.js';
export { findPlatform, PLATFORMS, type PlatformTarget } from './master/platforms.js';
export { type RenderOptions, renderSession } from './mix/render.js';
export { type RenderFormat, renderToFiles } from './mix/render-project.js';
export { MemorySourceProvider } from './mix/source-provider.js';
export {
  createProject,
  loadProject,
  resolveSession,
  saveSession,
  validateDocument,
} from './session/index.js';
