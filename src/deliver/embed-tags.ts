import type { EncodeFormat } from '../io/index.js';
import { embedFlacTags } from './flac-metadata.js';
import { embedId3v2 } from './id3v2.js';
import { embedOggVorbisTags } from './ogg-metadata.js';
import type { ReleaseTags } from './tags.js';
import { type BextLoudness, embedWavMetadata } from './wav-metadata.js';

/**
 * Put the release tags into an encoded file, in the structure its format defines: RIFF
 * LIST/INFO + bext + axml (WAV), VORBIS_COMMENT block (FLAC), Vorbis comment header (Ogg),
 * ID3v2.4 (MP3). Tags never touch the audio: decoding the tagged file gives the same samples.
 */
export interface EmbedContext {
  /** For WAV's bext chunk: the loudness of the file as delivered. */
  readonly loudness: BextLoudness;
  /** For WAV's bext chunk: one EBU R 98 coding-history line. */
  readonly codingHistory: string;
}

export function embedTags(
  bytes: Uint8Array,
  format: EncodeFormat,
  tags: ReleaseTags,
  context: EmbedContext,
): Uint8Array {
  switch (format) {
    case 'wav':
      return embedWavMetadata(bytes, { tags, ...context });
    case 'flac':
      return embedFlacTags(bytes, tags);
    case 'ogg-vorbis':
      return embedOggVorbisTags(bytes, tags);
    case 'mp3':
      return embedId3v2(bytes, tags);
  }
}
