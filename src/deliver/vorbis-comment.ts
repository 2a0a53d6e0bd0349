import type { ReleaseTags } from './tags.js';

/**
 * Vorbis comments (Xiph, "Ogg Vorbis I format specification: comment field and header
 * specification"), shared by FLAC (a VORBIS_COMMENT metadata block, RFC 9639 §8.6) and Ogg
 * Vorbis (the second header packet). Layout, all lengths 32-bit little-endian:
 * vendor length, vendor string (UTF-8), comment count, then per comment its length and
 * "NAME=value" in UTF-8. Field names from Xiph's recommended set: TITLE, ARTIST, ALBUM, DATE,
 * TRACKNUMBER, ISRC; a "3/12" track number becomes TRACKNUMBER=3 and TRACKTOTAL=12 (the
 * widespread convention for the total).
 */

export function vorbisCommentFields(tags: ReleaseTags): string[] {
  const [trackNumber, trackTotal] = tags.track?.split('/') ?? [];
  const fields: [string, string | undefined][] = [
    ['TITLE', tags.title],
    ['ARTIST', tags.artist],
    ['ALBUM', tags.album],
    ['DATE', tags.year],
    ['TRACKNUMBER', trackNumber],
    ['TRACKTOTAL', trackTotal],
    ['ISRC', tags.isrc],
  ];
  return fields.filter((f) => f[1] !== undefined).map(([name, value]) => `${name}=${value}`);
}

/** The comment structure without any framing (the FLAC block body). */
export function vorbisCommentBody(vendor: string, tags: ReleaseTags): Uint8Array {
  const encoder = new TextEncoder();
  const strings = [vendor, ...vorbisCommentFields(tags)].map((s) => encoder.encode(s));
  const size = 4 + 4 + strings.reduce((sum, s) => sum + 4 + s.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let p = 0;
  const put = (bytes: Uint8Array) => {
    view.setUint32(p, bytes.length, true);
    out.set(bytes, p + 4);
    p += 4 + bytes.length;
  };
  put(strings[0]);
  view.setUint32(p, strings.length - 1, true);
  p += 4;
  for (const s of strings.slice(1)) put(s);
  return out;
}

/** The vendor string at the start of an existing comment structure. */
export function readVendor(body: Uint8Array): string {
  const length = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true);
  return new TextDecoder().decode(body.subarray(4, 4 + length));
}
