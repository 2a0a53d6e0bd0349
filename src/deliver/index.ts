/**
 * Delivery: word-length reduction with TPDF dither and noise shaping, sample-rate conversion,
 * encoders with release tags, per-platform deliverable sets, and the closed-loop codec
 * compliance check that decodes every file and re-measures it.
 */
export {
  type CompliantRender,
  describeSpec,
  encodeOptions,
  MAX_PASSES,
  needsWordLengthReduction,
  type PassRecord,
  RETRY_MARGIN_DB,
  type RenderSpec,
  renderCompliant,
} from './compliance-loop.js';
export {
  DEFAULT_DITHER_SEED,
  type DeliverOptions,
  type DeliverProgress,
  type DeliveryResult,
  deliverMaster,
} from './deliver.js';
export {
  DELIVERABLE_SETS,
  type DeliverableSet,
  type DeliverableSpec,
  type DestinationId,
  deliverableSetFor,
  type SampleRateChoice,
} from './deliverable-sets.js';
export { type EmbedContext, embedTags } from './embed-tags.js';
export { embedFlacTags } from './flac-metadata.js';
export {
  DEFAULT_FORMATS_CEILING_DBTP,
  FORMAT_CHOICES,
  FORMATS_DESTINATION,
  formatsSet,
} from './format-choices.js';
export { embedId3v2, id3v2Tag } from './id3v2.js';
export {
  type Candidate,
  DELIVERY_TRUE_PEAK_OVERSAMPLING,
  LoopSource,
} from './loop-source.js';
export {
  type CodecSettings,
  type ComplianceRecord,
  type DeliveryManifest,
  type DitherRecord,
  MANIFEST_FILE_NAME,
  MANIFEST_VERSION,
  type ManifestFile,
  type ManifestMaster,
  type ManifestPlatform,
  manifestJson,
} from './manifest.js';
export {
  DEFAULT_NOISE_SHAPING,
  NOISE_SHAPING_DESIGNS,
  type NoiseShapingChoice,
  type NoiseShapingDesign,
  type NoiseShapingId,
  noiseShapingFor,
} from './noise-shaping.js';
export { embedOggVorbisTags } from './ogg-metadata.js';
export { prepareOutputFolder } from './output-folder.js';
export {
  convertRate,
  DELIVERY_RESAMPLE_QUALITY,
  DELIVERY_RESAMPLE_REJECTION_DB,
} from './rate-conversion.js';
export {
  formatIsrc,
  hasTags,
  normaliseIsrc,
  type ReleaseTagInput,
  type ReleaseTags,
  validateTags,
} from './tags.js';
export { LOWEST_LIMITER_CEILING_DBTP, limitTruePeak } from './true-peak-limit.js';
export { type BextLoudness, embedWavMetadata, type WavMetadata } from './wav-metadata.js';
export {
  isOnGrid,
  reduceWordLength,
  type WordLengthOptions,
  type WordLengthResult,
} from './word-length.js';
