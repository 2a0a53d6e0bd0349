import { startsWithAscii } from './binary.js';
import { type ByteSource, readBytes } from './byte-source.js';
import { id3v2Size, isMpegFrameChain } from './mpeg-audio.js';
import type { ContainerFormat } from './types.js';

/**
 * Format detection by content, never by file name: a `.wav` that holds text is refused, an
 * MP3 named `.wav` is read as MP3.
 */

export type Detection =
  | { readonly kind: 'supported'; readonly format: ContainerFormat; readonly audioOffset: number }
  | { readonly kind: 'known-unsupported'; readonly description: string }
  | { readonly kind: 'unknown' };

/** How far past the start (or an ID3v2 tag) an MPEG frame sync is looked for. */
const MPEG_SYNC_SEARCH_BYTES = 8 * 1024;
/** Three frames of the largest fixed-rate MPEG audio frame fit in this. */
const MPEG_CHAIN_BYTES = 3 * 2881;
/** Consecutive valid frames required before bytes are believed to be MPEG audio. */
const MPEG_FRAMES_REQUIRED = 3;

export async function detectFormat(source: ByteSource): Promise<Detection> {
  const head = await readBytes(source, 0, 64);
  const byMagic = detectByMagic(head, source.size);
  if (byMagic) return byMagic;

  // ID3v2 tags precede MP3 audio, and sometimes FLAC (against the FLAC spec, but common).
  const tagSize = id3v2Size(head, 0);
  const window = await readBytes(source, tagSize, MPEG_SYNC_SEARCH_BYTES + MPEG_CHAIN_BYTES);
  if (tagSize > 0 && startsWithAscii(window, 0, 'fLaC')) {
    return { kind: 'supported', format: 'flac', audioOffset: tagSize };
  }
  const searchEnd = Math.min(window.length, MPEG_SYNC_SEARCH_BYTES);
  for (let i = 0; i < searchEnd; i++) {
    if (window[i] === 0xff && isMpegFrameChain(window, i, MPEG_FRAMES_REQUIRED)) {
      return { kind: 'supported', format: 'mp3', audioOffset: tagSize + i };
    }
    // Without an ID3 tag the frames must start at once (zero padding aside): leading
    // non-zero junk means "not MP3", which keeps text and other formats from matching.
    if (tagSize === 0 && window[i] !== 0) break;
  }
  if (tagSize > 0)
    return {
      kind: 'known-unsupported',
      description: 'an ID3-tagged file whose audio is not MP3 or FLAC',
    };
  return { kind: 'unknown' };
}

function detectByMagic(head: Uint8Array, size: number): Detection | undefined {
  const supported = (format: ContainerFormat): Detection => ({
    kind: 'supported',
    format,
    audioOffset: 0,
  });
  const unsupported = (description: string): Detection => ({
    kind: 'known-unsupported',
    description,
  });
  // A RIFF file cut inside its first 12 bytes is still a WAV (the reader reports the cut).
  if (startsWithAscii(head, 0, 'RIFF') && (size < 12 || startsWithAscii(head, 8, 'WAVE'))) {
    return supported('wav');
  }
  if (
    (startsWithAscii(head, 0, 'RF64') || startsWithAscii(head, 0, 'BW64')) &&
    startsWithAscii(head, 8, 'WAVE')
  ) {
    return supported('wav');
  }
  if (startsWithAscii(head, 0, 'RIFF'))
    return unsupported('a RIFF file that is not WAVE (AVI or WebP, perhaps)');
  if (
    startsWithAscii(head, 0, 'FORM') &&
    (size < 12 || startsWithAscii(head, 8, 'AIFF') || startsWithAscii(head, 8, 'AIFC'))
  ) {
    return supported('aiff');
  }
  if (startsWithAscii(head, 0, 'fLaC')) return supported('flac');
  if (startsWithAscii(head, 0, 'OggS')) return detectOgg(head);
  if (startsWithAscii(head, 4, 'ftyp')) return unsupported('an MP4/M4A file (AAC or ALAC audio)');
  if (startsWithAscii(head, 0, 'caff')) return unsupported('a Core Audio (CAF) file');
  if (startsWithAscii(head, 0, 'wvpk')) return unsupported('a WavPack file');
  if (startsWithAscii(head, 0, 'MAC ')) return unsupported("a Monkey's Audio (APE) file");
  if (startsWithAscii(head, 0, '#!AMR')) return unsupported('an AMR file');
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return unsupported('an ADTS AAC file');
  return undefined;
}

/** The first Ogg page holds one packet that names the codec (RFC 3533, RFC 7845). */
function detectOgg(head: Uint8Array): Detection {
  const segments = head[26] ?? 0;
  const packet = 27 + segments;
  if (startsWithAscii(head, packet, 'OpusHead')) {
    return { kind: 'supported', format: 'ogg-opus', audioOffset: 0 };
  }
  if (head[packet] === 0x01 && startsWithAscii(head, packet + 1, 'vorbis')) {
    return { kind: 'supported', format: 'ogg-vorbis', audioOffset: 0 };
  }
  if (startsWithAscii(head, packet, '\x7fFLAC')) {
    return { kind: 'known-unsupported', description: 'an Ogg FLAC file' };
  }
  if (startsWithAscii(head, packet, 'Speex')) {
    return { kind: 'known-unsupported', description: 'an Ogg Speex file' };
  }
  return {
    kind: 'known-unsupported',
    description: 'an Ogg file whose codec mixdown does not read',
  };
}
