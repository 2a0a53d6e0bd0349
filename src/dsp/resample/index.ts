/**
 * Sample-rate conversion: a streaming polyphase resampler for rational ratios (mix engine,
 * delivery) and a whole-buffer, time-aligned convenience.
 */
export { besselI0, kaiserBeta, kaiserOrder, kaiserWindowAt } from './kaiser.js';
export {
  designPolyphaseFilter,
  type FilterDesign,
  MAX_TABLE_COEFFICIENTS,
  type PolyphaseFilter,
} from './polyphase-filter.js';
export { QUALITY_PRESETS, type QualityPreset, type ResampleQuality } from './quality.js';
export { conversionRatio, gcd, type RationalRatio } from './rational-ratio.js';
export { type ResampleAudioOptions, resampleAudio } from './resample-audio.js';
export { Resampler, type ResamplerOptions, type ResamplerSource } from './resampler.js';
