import { MixdownError } from '../core/errors.js';
import type { ReleaseTags } from './tags.js';

/**
 * Release metadata for WAV deliverables, as three RIFF chunks placed before `data`:
 *
 * - `LIST`/`INFO` (Microsoft/IBM RIFF specification, 1991): INAM title, IART artist, IPRD
 *   product (album), ICRD creation date (the year), ITRK track number (not in the 1991 list,
 *   but the field FFmpeg, foobar2000 and most taggers read). Each value is a NUL-terminated
 *   string, padded to an even length. INFO has no ISRC field: its `ISRC` is "source" (who
 *   supplied the material), a common confusion, so it is not used.
 * - `bext` (EBU Tech 3285 v2, Broadcast Wave): a description, the originator, the loudness of
 *   the file as delivered (integrated, range, max true peak, max momentary and short-term,
 *   in hundredths) and a coding history line (EBU R 98). No origination date or time: the
 *   file carries no timestamps, so delivering twice gives identical bytes.
 * - `axml` with the ISRC (EBU Tech 3352): an EBUCore document whose dc:identifier is
 *   "ISRC:" followed by the twelve characters.
 */

export interface BextLoudness {
  readonly integratedLufs: number;
  readonly loudnessRangeLu: number;
  readonly truePeakDbtp: number;
  readonly maxMomentaryLufs: number;
  readonly maxShortTermLufs: number;
}

export interface WavMetadata {
  readonly tags: ReleaseTags;
  readonly loudness: BextLoudness;
  /** One EBU R 98 coding-history line, e.g. "A=PCM,F=44100,W=16,M=stereo,T=…". */
  readonly codingHistory: string;
}

/** Fixed part of a version-2 bext chunk (Tech 3285 v2 §2.3). */
const BEXT_FIXED_BYTES = 602;
const BEXT_VERSION = 2;
/** Tech 3285 v2: a loudness field that is not known holds 0x7FFF. */
const BEXT_UNKNOWN = 0x7fff;

/** `wav` with the metadata chunks inserted before its `data` chunk, sizes updated. */
export function embedWavMetadata(wav: Uint8Array, metadata: WavMetadata): Uint8Array {
  const dataOffset = findDataChunk(wav);
  const chunks = [infoChunk(metadata.tags), bextChunk(metadata)];
  if (metadata.tags.isrc) chunks.push(axmlChunk(metadata.tags.isrc));
  const added = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(wav.length + added);
  out.set(wav.subarray(0, dataOffset), 0);
  let p = dataOffset;
  for (const chunk of chunks) {
    out.set(chunk, p);
    p += chunk.length;
  }
  out.set(wav.subarray(dataOffset), p);
  const view = new DataView(out.buffer);
  const riffSize = view.getUint32(4, true) + added;
  if (riffSize > 0xffffffff) {
    throw new MixdownError(
      'write-failed',
      'The WAV deliverable would exceed 4 GiB with its metadata; deliver FLAC instead.',
    );
  }
  view.setUint32(4, riffSize, true);
  return out;
}

/** Offset of the `data` chunk header, walking the chunks after "RIFF….WAVE". */
function findDataChunk(wav: Uint8Array): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let p = 12;
  while (p + 8 <= wav.length) {
    const id = String.fromCharCode(wav[p], wav[p + 1], wav[p + 2], wav[p + 3]);
    if (id === 'data') return p;
    const size = view.getUint32(p + 4, true);
    p += 8 + size + (size % 2);
  }
  throw new Error('the WAV writer produced no data chunk');
}

function infoChunk(tags: ReleaseTags): Uint8Array {
  const fields: [string, string | undefined][] = [
    ['INAM', tags.title],
    ['IART', tags.artist],
    ['IPRD', tags.album],
    ['ICRD', tags.year],
    ['ITRK', tags.track],
    ['ISFT', 'mixdown'],
  ];
  const subChunks = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([id, text]) => riffChunk(id, zeroTerminated(utf8(text))));
  return riffChunk('LIST', concat([ascii('INFO'), ...subChunks]));
}

function bextChunk(metadata: WavMetadata): Uint8Array {
  const { tags, loudness } = metadata;
  const history = ascii(`${metadata.codingHistory}\r\n`);
  const body = new Uint8Array(BEXT_FIXED_BYTES + history.length);
  const view = new DataView(body.buffer);
  const description = [tags.title, tags.artist].filter((t) => t !== undefined).join(' - ');
  putText(body, 0, 256, description);
  putText(body, 256, 32, 'mixdown');
  // OriginatorReference (288, 32), OriginationDate (320, 10), OriginationTime (330, 8) and
  // TimeReference (338, 8) stay zero: no timestamps in deliverables.
  view.setUint16(346, BEXT_VERSION, true);
  // UMID (348, 64) stays zero: none is allocated.
  const hundredths = [
    loudness.integratedLufs,
    loudness.loudnessRangeLu,
    loudness.truePeakDbtp,
    loudness.maxMomentaryLufs,
    loudness.maxShortTermLufs,
  ];
  hundredths.forEach((value, i) => {
    view.setInt16(412 + 2 * i, toHundredths(value), true);
  });
  // Reserved (422, 180) stays zero.
  body.set(history, BEXT_FIXED_BYTES);
  return riffChunk('bext', body);
}

function axmlChunk(isrc: string): Uint8Array {
  // EBU Tech 3352: identifier typed as ISRC (EBU IdentifierTypeCode 3.7), value "ISRC:<code>".
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ebucore:ebuCoreMain xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:ebucore="urn:ebu:metadata-schema:ebuCore_2012">',
    '<ebucore:coreMetadata>',
    '<ebucore:identifier typeLabel="GUID" typeDefinition="Globally Unique Identifier" formatLabel="ISRC" formatDefinition="International Standard Recording Code" formatLink="http://www.ebu.ch/metadata/cs/ebu_IdentifierTypeCodeCS.xml#3.7">',
    `<dc:identifier>ISRC:${isrc}</dc:identifier>`,
    '</ebucore:identifier>',
    '</ebucore:coreMetadata>',
    '</ebucore:ebuCoreMain>',
    '',
  ].join('\n');
  return riffChunk('axml', utf8(xml));
}

function toHundredths(value: number): number {
  if (!Number.isFinite(value)) return BEXT_UNKNOWN;
  return Math.max(-32768, Math.min(32766, Math.round(value * 100)));
}

/**
 * An ASCII field of fixed width, NUL-padded (bext text is ASCII): accents are dropped
 * ("Ü" → "U", by canonical decomposition), anything else outside ASCII becomes '?'.
 */
function putText(target: Uint8Array, offset: number, width: number, text: string): void {
  const plain = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const bytes = ascii(plain.replace(/[^\x20-\x7e]/g, '?'));
  target.set(bytes.subarray(0, width), offset);
}

function riffChunk(id: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + body.length + (body.length % 2));
  chunk.set(ascii(id), 0);
  new DataView(chunk.buffer).setUint32(4, body.length, true);
  chunk.set(body, 8);
  return chunk;
}

function zeroTerminated(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0x7f);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
