/**
 * Readers for the tag structures the deliverables carry, written from the specifications
 * alone and sharing no code with src/deliver, so a tag is checked against the format, not
 * against its own writer: RIFF chunks (Microsoft/IBM RIFF 1991; EBU Tech 3285 for bext),
 * FLAC metadata blocks (RFC 9639 §8), Ogg pages with their CRC (RFC 3533) and the Vorbis
 * comment header (Vorbis I §5), ID3v2.4 (id3.org main structure and native frames).
 */

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const u32le = (b: Uint8Array, p: number) =>
  (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const i16le = (b: Uint8Array, p: number) => ((b[p] | (b[p + 1] << 8)) << 16) >> 16;

// ---- RIFF / WAV -------------------------------------------------------------------------

export interface RiffChunk {
  readonly id: string;
  readonly body: Uint8Array;
}

/** The chunks of a RIFF WAVE file, in order; checks the RIFF size and that chunks tile the file. */
export function riffChunks(file: Uint8Array): RiffChunk[] {
  if (latin1(file.subarray(0, 4)) !== 'RIFF' || latin1(file.subarray(8, 12)) !== 'WAVE') {
    throw new Error('not RIFF WAVE');
  }
  if (u32le(file, 4) !== file.length - 8) throw new Error('RIFF size does not match the file');
  const chunks: RiffChunk[] = [];
  let p = 12;
  while (p < file.length) {
    const id = latin1(file.subarray(p, p + 4));
    const size = u32le(file, p + 4);
    chunks.push({ id, body: file.subarray(p + 8, p + 8 + size) });
    p += 8 + size + (size & 1);
  }
  if (p !== file.length) throw new Error('chunks overrun the file');
  return chunks;
}

/** LIST/INFO fields: id → text (NUL terminator removed), UTF-8. */
export function infoFields(chunks: RiffChunk[]): Record<string, string> {
  const list = chunks.find((c) => c.id === 'LIST' && latin1(c.body.subarray(0, 4)) === 'INFO');
  if (!list) throw new Error('no LIST/INFO chunk');
  const fields: Record<string, string> = {};
  let p = 4;
  while (p < list.body.length) {
    const id = latin1(list.body.subarray(p, p + 4));
    const size = u32le(list.body, p + 4);
    const text = list.body.subarray(p + 8, p + 8 + size);
    if (text[text.length - 1] !== 0) throw new Error(`INFO ${id} is not NUL-terminated`);
    fields[id] = utf8(text.subarray(0, text.length - 1));
    p += 8 + size + (size & 1);
  }
  return fields;
}

export interface Bext {
  readonly description: string;
  readonly originator: string;
  readonly originationDate: string;
  readonly version: number;
  /** LoudnessValue, LoudnessRange, MaxTruePeakLevel, MaxMomentaryLoudness, MaxShortTermLoudness (÷100). */
  readonly loudness: number[];
  readonly codingHistory: string;
}

/** EBU Tech 3285 v2 §2.3 field offsets. */
export function bextFields(chunks: RiffChunk[]): Bext {
  const bext = chunks.find((c) => c.id === 'bext');
  if (!bext) throw new Error('no bext chunk');
  const b = bext.body;
  const text = (from: number, length: number) =>
    latin1(b.subarray(from, from + length)).replace(/\0+$/, '');
  return {
    description: text(0, 256),
    originator: text(256, 32),
    originationDate: text(320, 10),
    version: b[346] | (b[347] << 8),
    loudness: [0, 1, 2, 3, 4].map((i) => i16le(b, 412 + 2 * i) / 100),
    codingHistory: latin1(b.subarray(602)),
  };
}

// ---- FLAC -------------------------------------------------------------------------------

export interface FlacBlock {
  readonly type: number;
  readonly last: boolean;
  readonly body: Uint8Array;
}

export function flacBlocks(file: Uint8Array): FlacBlock[] {
  if (latin1(file.subarray(0, 4)) !== 'fLaC') throw new Error('not FLAC');
  const blocks: FlacBlock[] = [];
  let p = 4;
  for (;;) {
    const last = (file[p] & 0x80) !== 0;
    const length = (file[p + 1] << 16) | (file[p + 2] << 8) | file[p + 3];
    blocks.push({ type: file[p] & 0x7f, last, body: file.subarray(p + 4, p + 4 + length) });
    p += 4 + length;
    if (last) return blocks;
  }
}

export interface VorbisComments {
  readonly vendor: string;
  readonly comments: string[];
}

/** The comment structure (no packet type, no framing bit). */
export function vorbisComments(body: Uint8Array): VorbisComments {
  let p = 0;
  const string = () => {
    const length = u32le(body, p);
    const s = utf8(body.subarray(p + 4, p + 4 + length));
    p += 4 + length;
    return s;
  };
  const vendor = string();
  const count = u32le(body, p);
  p += 4;
  const comments = Array.from({ length: count }, string);
  return { vendor, comments };
}

// ---- Ogg --------------------------------------------------------------------------------

export interface OggPageInfo {
  readonly flags: number;
  readonly granule: bigint;
  readonly serial: number;
  readonly sequence: number;
  readonly crcValid: boolean;
  readonly segments: number[];
  readonly body: Uint8Array;
}

/** CRC-32, polynomial 0x04C11DB7, MSB first, init 0, no final XOR — bit by bit (RFC 3533 §6). */
function oggCrc(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : page[i];
    crc ^= byte << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc;
}

export function oggPages(file: Uint8Array): OggPageInfo[] {
  const pages: OggPageInfo[] = [];
  let p = 0;
  while (p < file.length) {
    if (latin1(file.subarray(p, p + 4)) !== 'OggS') throw new Error(`no page at ${p}`);
    const count = file[p + 26];
    const segments = Array.from(file.subarray(p + 27, p + 27 + count));
    const bodyLength = segments.reduce((a, b) => a + b, 0);
    const end = p + 27 + count + bodyLength;
    const page = file.subarray(p, end);
    const view = new DataView(file.buffer, file.byteOffset + p, 27);
    pages.push({
      flags: file[p + 5],
      granule: view.getBigInt64(6, true),
      serial: view.getUint32(14, true),
      sequence: view.getUint32(18, true),
      crcValid: oggCrc(page) === view.getUint32(22, true),
      segments,
      body: file.subarray(p + 27 + count, end),
    });
    p = end;
  }
  return pages;
}

/** Packets 0 … count−1 of a logical stream, joined across pages. */
export function oggPackets(pages: OggPageInfo[], count: number): Uint8Array[] {
  const packets: Uint8Array[] = [];
  let parts: number[] = [];
  for (const page of pages) {
    let at = 0;
    for (const lace of page.segments) {
      parts.push(...page.body.subarray(at, at + lace));
      at += lace;
      if (lace < 255) {
        packets.push(Uint8Array.from(parts));
        parts = [];
        if (packets.length === count) return packets;
      }
    }
  }
  throw new Error('not enough packets');
}

// ---- ID3v2 ------------------------------------------------------------------------------

export interface Id3Tag {
  readonly majorVersion: number;
  /** Header plus body, in bytes. */
  readonly size: number;
  readonly frames: Record<string, string>;
}

export function id3v2(file: Uint8Array): Id3Tag {
  if (latin1(file.subarray(0, 3)) !== 'ID3') throw new Error('no ID3v2 tag');
  const synchsafe = (p: number) =>
    (file[p] << 21) | (file[p + 1] << 14) | (file[p + 2] << 7) | file[p + 3];
  const size = synchsafe(6);
  const frames: Record<string, string> = {};
  let p = 10;
  while (p + 10 <= 10 + size && file[p] !== 0) {
    const id = latin1(file.subarray(p, p + 4));
    const length = synchsafe(p + 4);
    const content = file.subarray(p + 10, p + 10 + length);
    if (content[0] !== 3) throw new Error(`${id}: encoding ${content[0]}, expected UTF-8 (3)`);
    frames[id] = utf8(content.subarray(1)).replace(/\0+$/, '');
    p += 10 + length;
  }
  return { majorVersion: file[3], size: 10 + size, frames };
}
