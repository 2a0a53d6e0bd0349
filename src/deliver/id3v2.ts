import type { ReleaseTags } from './tags.js';

/**
 * Tags for MP3 deliverables: an ID3v2.4.0 tag placed before the first MPEG frame (id3.org,
 * "ID3 tag version 2.4.0 — Main Structure" and "— Native Frames"). Header: "ID3", version
 * 4.0, flags 0, size as a 28-bit synchsafe integer (7 bits per byte) counting everything
 * after the header. Each text frame: 4-character id, synchsafe size, two flag bytes 0, then
 * the encoding byte 3 (UTF-8) and the text. Frames: TIT2 title, TPE1 artist, TALB album,
 * TDRC recording time (the year), TRCK track ("3" or "3/12"), TSRC ISRC (12 characters).
 * No unsynchronisation, no padding, no extended header. Decoders skip the tag by its size
 * (mixdown's own reader does, in src/io/detect.ts), and the LAME Info frame that follows keeps
 * the gapless trim.
 */

const HEADER_BYTES = 10;
const FRAME_HEADER_BYTES = 10;
const ENCODING_UTF8 = 3;
const MAX_SYNCHSAFE = 2 ** 28 - 1;

export function id3v2Tag(tags: ReleaseTags): Uint8Array {
  const frames: [string, string | undefined][] = [
    ['TIT2', tags.title],
    ['TPE1', tags.artist],
    ['TALB', tags.album],
    ['TDRC', tags.year],
    ['TRCK', tags.track],
    ['TSRC', tags.isrc],
    ['TSSE', 'mixdown'],
  ];
  const encoded = frames
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([id, text]) => textFrame(id, text));
  const size = encoded.reduce((sum, f) => sum + f.length, 0);
  const tag = new Uint8Array(HEADER_BYTES + size);
  tag.set([0x49, 0x44, 0x33, 4, 0, 0], 0); // "ID3", v2.4.0, no flags
  tag.set(synchsafe(size), 6);
  let p = HEADER_BYTES;
  for (const frame of encoded) {
    tag.set(frame, p);
    p += frame.length;
  }
  return tag;
}

/** `mp3` with the tag in front. */
export function embedId3v2(mp3: Uint8Array, tags: ReleaseTags): Uint8Array {
  const tag = id3v2Tag(tags);
  const out = new Uint8Array(tag.length + mp3.length);
  out.set(tag, 0);
  out.set(mp3, tag.length);
  return out;
}

function textFrame(id: string, text: string): Uint8Array {
  const value = new TextEncoder().encode(text);
  const frame = new Uint8Array(FRAME_HEADER_BYTES + 1 + value.length);
  frame.set(
    Uint8Array.from(id, (ch) => ch.charCodeAt(0)),
    0,
  );
  frame.set(synchsafe(1 + value.length), 4);
  frame[FRAME_HEADER_BYTES] = ENCODING_UTF8;
  frame.set(value, FRAME_HEADER_BYTES + 1);
  return frame;
}

function synchsafe(value: number): Uint8Array {
  if (value > MAX_SYNCHSAFE) throw new Error('ID3v2 tag too large');
  return Uint8Array.from([
    (value >> 21) & 0x7f,
    (value >> 14) & 0x7f,
    (value >> 7) & 0x7f,
    value & 0x7f,
  ]);
}
