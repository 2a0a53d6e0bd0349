/**
 * Nonlinear processors — saturation, soft clipping, true-peak limiting — and the oversampler
 * they share.
 */
export { clipperProcessor } from './clipper.js';
export { limiterProcessor } from './limiter.js';
export { measureLimiterThdN, type ThdnResult, thdPlusNoise } from './measure-thdn.js';
export {
  AUDIO_OVERSAMPLING,
  Oversampler,
  type OversamplerQuality,
  type OversamplingFactor,
} from './oversampler.js';
export { saturationProcessor } from './saturation.js';
export { TruePeakDetector } from './true-peak-detector.js';
