import { ascii, dataView, uint32be } from './binary.js';
import { type ByteSource, readBytes } from './byte-source.js';
import { checkedFrameCount, corruptHeader, headerTruncated, noAudio } from './chunk-checks.js';
import { fileError } from './io-errors.js';
import type { PcmEncoding } from './pcm.js';
import { createPcmReader } from './pcm-reader.js';
import type { AudioInfo, SeekableAudioReader } from './types.js';

/**
 * AIFF and AIFF-C reader (Apple "Audio Interchange File Format" 1.3 and the AIFF-C draft of
 * 1991). Big-endian chunks; COMM gives the layout, SSND the frames, which are streamed by
 * `createPcmReader`. Other chunks (FVER, NAME, MARK, INST, COMT, ID3 …) are skipped.
 */

/** AIFF-C compression types that are plain PCM or float in some byte order. */
const AIFC_ENCODINGS: Record<
  string,
  { kind: PcmEncoding['kind']; bigEndian: boolean; bytes?: 4 | 8 }
> = {
  NONE: { kind: 'int', bigEndian: true },
  twos: { kind: 'int', bigEndian: true },
  in24: { kind: 'int', bigEndian: true },
  in32: { kind: 'int', bigEndian: true },
  sowt: { kind: 'int', bigEndian: false },
  raw: { kind: 'uint', bigEndian: true },
  fl32: { kind: 'float', bigEndian: true, bytes: 4 },
  FL32: { kind: 'float', bigEndian: true, bytes: 4 },
  fl64: { kind: 'float', bigEndian: true, bytes: 8 },
  FL64: { kind: 'float', bigEndian: true, bytes: 8 },
};

interface CommonChunk {
  readonly channels: number;
  readonly frames: number;
  readonly sampleSize: number;
  readonly sampleRate: number;
  readonly compression: string;
}

export async function openAiff(source: ByteSource): Promise<SeekableAudioReader> {
  const head = await readBytes(source, 0, 12);
  if (head.length < 12) throw headerTruncated(source);
  const isAifc = ascii(head, 8, 4) === 'AIFC';
  const formEnd = 8 + uint32be(head, 4);

  let common: CommonChunk | undefined;
  let sound: { dataOffset: number } | undefined;
  let position = 12;
  while (!(common && sound)) {
    if (position + 8 > source.size) {
      if (formEnd > source.size || position < source.size) throw headerTruncated(source);
      if (!sound) throw noAudio(source, 'it has no SSND chunk');
      throw corruptHeader(source, 'the file has audio but no COMM chunk');
    }
    const chunkHead = await readBytes(source, position, 8);
    const id = ascii(chunkHead, 0, 4);
    const size = uint32be(chunkHead, 4);
    const bodyOffset = position + 8;
    if (id === 'SSND') {
      // The sample frames follow an 8-byte (offset, blockSize) preamble plus `offset` bytes.
      const preamble = await readBytes(source, bodyOffset, 8);
      if (preamble.length < 8) throw headerTruncated(source);
      sound = { dataOffset: bodyOffset + 8 + uint32be(preamble, 0) };
    } else {
      if (bodyOffset + size > source.size) throw headerTruncated(source);
      if (id === 'COMM')
        common = parseCommon(source, await readBytes(source, bodyOffset, size), isAifc);
    }
    position = bodyOffset + size + (size % 2);
  }

  const encoding = pcmEncoding(source, common);
  if (common.frames === 0) throw noAudio(source, 'its COMM chunk declares 0 sample frames');
  const frameBytes = encoding.bytesPerSample * common.channels;
  const frames = checkedFrameCount(source, {
    dataOffset: sound.dataOffset,
    dataBytes: common.frames * frameBytes,
    frameBytes,
    sampleRate: common.sampleRate,
    containerFitsFile: formEnd <= source.size,
  });

  const isFloat = encoding.kind === 'float';
  const bitDepth = isFloat ? encoding.bytesPerSample * 8 : common.sampleSize;
  const info: AudioInfo = {
    path: source.name,
    format: 'aiff',
    codec: `${isFloat ? 'IEEE float' : 'PCM'} ${bitDepth}-bit ${encoding.bigEndian ? 'big' : 'little'}-endian${isAifc ? ` (AIFF-C '${common.compression}')` : ''}`,
    sampleRate: common.sampleRate,
    channels: common.channels,
    frames,
    bitDepth,
    sampleFormat: isFloat ? 'float' : 'int',
  };
  return createPcmReader(source, info, { dataOffset: sound.dataOffset, encoding });
}

function parseCommon(source: ByteSource, body: Uint8Array, isAifc: boolean): CommonChunk {
  if (body.length < (isAifc ? 22 : 18)) throw corruptHeader(source, 'its COMM chunk is too short');
  const view = dataView(body);
  return {
    channels: view.getUint16(0, false),
    frames: view.getUint32(2, false),
    sampleSize: view.getUint16(6, false),
    sampleRate: Math.round(readExtended(view, 8)),
    compression: isAifc ? ascii(body, 18, 4).trimEnd() : 'NONE',
  };
}

/**
 * IEEE 754 80-bit extended (the 68881's format, which AIFF uses for the sample rate):
 * sign, 15-bit exponent biased by 16383, 64-bit mantissa with an explicit integer bit.
 */
export function readExtended(view: DataView, offset: number): number {
  const signAndExponent = view.getUint16(offset, false);
  const mantissa = view.getUint32(offset + 2, false) * 2 ** 32 + view.getUint32(offset + 6, false);
  const exponent = (signAndExponent & 0x7fff) - 16383 - 63;
  const sign = signAndExponent & 0x8000 ? -1 : 1;
  return sign * mantissa * 2 ** exponent;
}

function pcmEncoding(source: ByteSource, common: CommonChunk): PcmEncoding {
  const known = AIFC_ENCODINGS[common.compression];
  if (!known) {
    throw fileError(
      'unsupported-codec',
      source.name,
      `the audio is compressed as AIFF-C '${common.compression}', which mixdown does not decode`,
      'convert it to uncompressed AIFF, WAV or FLAC first',
    );
  }
  if (common.channels === 0) throw corruptHeader(source, 'its header declares 0 channels');
  if (!(common.sampleRate > 0)) throw corruptHeader(source, 'its header declares no sample rate');
  const bytesPerSample = known.bytes ?? Math.ceil(common.sampleSize / 8);
  if (known.kind !== 'float' && (bytesPerSample < 1 || bytesPerSample > 4)) {
    throw fileError(
      'unsupported-codec',
      source.name,
      `the header declares ${common.sampleSize}-bit samples, which mixdown does not decode`,
      'convert it to 16- or 24-bit PCM first',
    );
  }
  return {
    kind: known.kind,
    bytesPerSample: bytesPerSample as PcmEncoding['bytesPerSample'],
    bigEndian: known.bigEndian,
  };
}
