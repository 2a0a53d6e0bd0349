export { writeFileAtomic } from './atomic.js';
export { type DecodedAudio, decodeAudioBytes, openAudio, readAudio } from './open.js';
export type {
  AudioInfo,
  AudioReader,
  AudioWriter,
  ContainerFormat,
  EncodeFormat,
  EncodeOptions,
  SampleFormat,
  SeekableAudioReader,
} from './types.js';
export { createWriter, encodeAudio, writeAudio } from './write.js';
