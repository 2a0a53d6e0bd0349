/**
 * Comparing two versions of a song at matched loudness: figures, spectrum difference by
 * band, width, and a null test after sub-sample alignment.
 */
export {
  type BandDifference,
  type CompareOptions,
  type Comparison,
  compareAudio,
  type VersionFigures,
} from './compare.js';
export {
  DEFAULT_MAX_OFFSET_SECONDS,
  MIN_NULL_CORRELATION,
  type NullTest,
  nullTest,
} from './null-test.js';
