import { ascii } from './binary.js';
import {
  layer3Bitrates,
  MPEG_SAMPLE_RATES,
  type MpegFrameHeader,
  mpegVersionFor,
  parseMpegFrameHeader,
} from './mpeg-audio.js';

/**
 * The Xing/Info frame and its LAME extension: a silent first MP3 frame that records the
 * number of frames, a seek table and — what matters here — how many samples the encoder
 * added at the start (encoder delay) and end (padding), so a decoder can return exactly the
 * samples that went in ("gapless"). Layout from the LAME tag specification
 * (gabriel.mp3-tech.org/mp3infotag.html, rev. 1).
 *
 * A decoder also adds its own delay: the MDCT overlap of 528 samples plus one, which LAME's
 * documentation and every gapless player (mpg123, ffmpeg, foobar2000) add to the encoder
 * delay when trimming.
 */
export const MP3_DECODER_DELAY = 529;

const FLAG_FRAMES = 0x1;
const FLAG_BYTES = 0x2;
const FLAG_TOC = 0x4;
const FLAG_QUALITY = 0x8;
const TOC_ENTRIES = 100;
const LAME_EXTENSION_BYTES = 36;
/** The tag CRC covers the frame up to the CRC field itself. */
const TAG_CRC_COVERED_BYTES = 190;

export interface LameTag {
  readonly vbr: boolean;
  /** Audio frames after the tag frame, if recorded. */
  readonly frames?: number;
  /** Samples the encoder inserted before the audio (from the LAME extension). */
  readonly encoderDelay?: number;
  /** Samples the encoder appended after the audio (from the LAME extension). */
  readonly encoderPadding?: number;
}

/** Read the Xing/Info tag in the frame at `offset`, if that frame is one. */
export function readLameTag(bytes: Uint8Array, offset: number): LameTag | undefined {
  const header = parseMpegFrameHeader(bytes, offset);
  if (header?.layer !== 3) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = offset + 4 + header.sideInfoBytes;
  const id = ascii(bytes, p, 4);
  if (id !== 'Xing' && id !== 'Info') return undefined;
  if (p + 8 > bytes.length) return undefined;
  const flags = view.getUint32(p + 4, false);
  p += 8;
  let frames: number | undefined;
  if (flags & FLAG_FRAMES) {
    frames = view.getUint32(p, false);
    p += 4;
  }
  if (flags & FLAG_BYTES) p += 4;
  if (flags & FLAG_TOC) p += TOC_ENTRIES;
  if (flags & FLAG_QUALITY) p += 4;
  const tag: LameTag = { vbr: id === 'Xing', ...(frames !== undefined ? { frames } : {}) };
  if (p + 24 > bytes.length) return tag;
  // Only encoders known to fill the delay field truthfully (LAME, and ffmpeg's "Lavc/Lavf").
  const encoder = ascii(bytes, p, 4);
  if (encoder !== 'LAME' && encoder !== 'Lavc' && encoder !== 'Lavf') return tag;
  const packed = (bytes[p + 21] << 16) | (bytes[p + 22] << 8) | bytes[p + 23];
  return { ...tag, encoderDelay: packed >> 12, encoderPadding: packed & 0xfff };
}

export interface LameTagSpec {
  readonly sampleRate: number;
  readonly channels: number;
  readonly vbr: boolean;
  /** For CBR the tag frame uses the stream's own bitrate, so the file stays uniform. */
  readonly cbrBitrateKbps?: number;
  /** Index 0–9 of the VBR preset (V0 = 0), for the quality field. */
  readonly vbrQuality?: number;
}

/** Length of the tag frame for `spec`; the writer reserves this many bytes up front. */
export function lameTagFrameBytes(spec: LameTagSpec): number {
  return tagFrameHeader(spec).header.frameBytes;
}

export interface LameTagContents {
  /** Audio frames after the tag frame. */
  readonly frames: number;
  /** Every byte of the MP3 stream, the tag frame included. */
  readonly totalBytes: number;
  /** Length in bytes of each audio frame, in order (for the seek table). */
  readonly frameLengths: ArrayLike<number>;
  readonly encoderDelay: number;
  readonly encoderPadding: number;
  /** CRC-16 of the audio frames, as LAME records it. */
  readonly musicCrc: number;
}

/** Build the complete tag frame. */
export function buildLameTagFrame(spec: LameTagSpec, contents: LameTagContents): Uint8Array {
  const { header, bytes: headerBytes } = tagFrameHeader(spec);
  const frame = new Uint8Array(header.frameBytes);
  const view = new DataView(frame.buffer);
  frame.set(headerBytes, 0);
  let p = 4 + header.sideInfoBytes;
  frame.set(asciiBytes(spec.vbr ? 'Xing' : 'Info'), p);
  view.setUint32(p + 4, FLAG_FRAMES | FLAG_BYTES | FLAG_TOC | FLAG_QUALITY, false);
  view.setUint32(p + 8, contents.frames, false);
  view.setUint32(p + 12, contents.totalBytes, false);
  frame.set(seekTable(header.frameBytes, contents), p + 16);
  const quality = spec.vbr ? 100 - 10 * (spec.vbrQuality ?? 0) : 0;
  view.setUint32(p + 16 + TOC_ENTRIES, quality, false);
  p += 16 + TOC_ENTRIES + 4;

  // LAME extension. Fields mixdown does not know (lowpass, peak, replay gain, preset) stay 0,
  // which the specification defines as "unknown".
  frame.set(asciiBytes('LAME3.100'), p);
  frame[p + 9] = spec.vbr ? 0x04 : 0x01; // revision 0; VBR method: 4 = vbr-mtrh (V0), 1 = CBR
  frame[p + 20] = spec.vbr ? 0 : Math.min(255, spec.cbrBitrateKbps ?? 0);
  const delay = Math.min(0xfff, contents.encoderDelay);
  const padding = Math.min(0xfff, contents.encoderPadding);
  frame[p + 21] = delay >> 4;
  frame[p + 22] = ((delay & 0xf) << 4) | (padding >> 8);
  frame[p + 23] = padding & 0xff;
  const stereoMode = spec.channels === 1 ? 0 : 3; // mono, or joint stereo (LAME's default)
  frame[p + 24] = (sourceRateCode(spec.sampleRate) << 6) | (stereoMode << 2);
  view.setUint32(p + 28, contents.totalBytes, false);
  view.setUint16(p + 32, contents.musicCrc, false);
  view.setUint16(p + 34, crc16(frame.subarray(0, TAG_CRC_COVERED_BYTES)), false);
  if (p + LAME_EXTENSION_BYTES > frame.length) throw new Error('LAME tag frame too small');
  return frame;
}

/**
 * 100 entries; entry i is the byte position (scaled to 0–255 of the file) of the frame
 * that starts i % of the way through the audio.
 */
function seekTable(tagFrameBytes: number, contents: LameTagContents): Uint8Array {
  const toc = new Uint8Array(TOC_ENTRIES);
  const { frames, frameLengths, totalBytes } = contents;
  let frameIndex = 0;
  let position = tagFrameBytes;
  for (let i = 0; i < TOC_ENTRIES; i++) {
    const target = Math.floor((i / TOC_ENTRIES) * frames);
    while (frameIndex < target) position += frameLengths[frameIndex++];
    toc[i] = Math.min(255, Math.floor((256 * position) / Math.max(1, totalBytes)));
  }
  return toc;
}

function tagFrameHeader(spec: LameTagSpec): { header: MpegFrameHeader; bytes: Uint8Array } {
  const version = mpegVersionFor(spec.sampleRate);
  if (version === undefined) throw new Error(`not an MPEG sample rate: ${spec.sampleRate}`);
  const bitrates = layer3Bitrates(version);
  const versionBits = version === 1 ? 3 : version === 2 ? 2 : 0;
  const rateIndex = MPEG_SAMPLE_RATES.indexOf(spec.sampleRate) % 3;
  const mode = spec.channels === 1 ? 3 : 1;
  // Smallest bitrate whose frame holds the tag, unless CBR asks for its own bitrate.
  for (let index = 1; index < bitrates.length; index++) {
    if (spec.cbrBitrateKbps !== undefined && bitrates[index] !== spec.cbrBitrateKbps) continue;
    const bytes = new Uint8Array([
      0xff,
      0xe0 | (versionBits << 3) | (1 << 1) | 1, // Layer III, no CRC
      (index << 4) | (rateIndex << 2),
      (mode << 6) | 0x04, // "original" bit, as LAME sets it
    ]);
    const header = parseMpegFrameHeader(bytes, 0)!;
    const needed = 4 + header.sideInfoBytes + 16 + TOC_ENTRIES + 4 + LAME_EXTENSION_BYTES;
    if (header.frameBytes >= Math.max(needed, TAG_CRC_COVERED_BYTES + 2)) return { header, bytes };
  }
  throw new Error(`no Layer III bitrate fits a LAME tag at ${spec.sampleRate} Hz`);
}

function sourceRateCode(sampleRate: number): number {
  if (sampleRate <= 32000) return 0;
  if (sampleRate === 44100) return 1;
  if (sampleRate === 48000) return 2;
  return 3;
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

const CRC16_TABLE = (() => {
  // CRC-16/ARC: polynomial 0x8005 bit-reversed (0xA001), initial value 0, as LAME uses.
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-16/ARC of `bytes`, continuing from `crc` (so it can be fed chunk by chunk). */
export function crc16(bytes: Uint8Array, crc = 0): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ CRC16_TABLE[(c ^ bytes[i]) & 0xff];
  return c;
}
