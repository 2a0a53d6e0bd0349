/**
 * Translation previews: a master as heard on a phone, laptop, earbuds, in a car and a club
 * (representative device curves), as each platform would play it (its normalisation gain),
 * and the mono fold-down check (loudness and bass lost in mono, correlation).
 */
export { DEVICES, type DeviceId, type DeviceProfile, findDevice } from './devices.js';
export {
  cutExcerpt,
  DEFAULT_PREVIEW_SECONDS,
  type Excerpt,
  loudestExcerpt,
} from './excerpt.js';
export {
  BASS_BAND_HZ,
  bandPower,
  type MonoFoldDown,
  MonoFoldMeter,
  monoFoldDown,
} from './mono-fold.js';
export {
  type DevicePreview,
  foldToMono,
  type PlatformPreview,
  type PreviewOptions,
  renderDevicePreview,
  renderPlatformPreview,
} from './previews.js';
