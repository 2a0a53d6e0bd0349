import { ascii, dataView, uint32le } from './binary.js';
import { type ByteSource, readBytes } from './byte-source.js';
import { checkedFrameCount, corruptHeader, headerTruncated, noAudio } from './chunk-checks.js';
import { fileError } from './io-errors.js';
import type { PcmEncoding } from './pcm.js';
import { createPcmReader } from './pcm-reader.js';
import type { AudioInfo, SeekableAudioReader } from './types.js';

/**
 * WAV reader: RIFF/WAVE, plus RF64 and BW64 (EBU Tech 3306 / ITU-R BS.2088), whose 64-bit
 * sizes live in a `ds64` chunk. Chunks other than `fmt `, `ds64` and `data` (LIST, bext,
 * JUNK, fact, cue, iXML …) are skipped. Sample frames are streamed by `createPcmReader`.
 */

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** A 32-bit size of all ones means "see ds64" in RF64/BW64. */
const SIZE_IN_DS64 = 0xffffffff;
/** KSDATAFORMAT_SUBTYPE_* GUIDs are the format tag followed by these 14 bytes. */
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

/** Codecs met in real WAV files that mixdown does not decode, named for the message. */
const KNOWN_WAV_CODECS: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  80: 'MPEG audio',
  85: 'MP3',
  255: 'AAC',
  8192: 'AC-3',
};

interface WavFormat {
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
  readonly validBits?: number;
  readonly channelMask?: number;
  readonly extensible: boolean;
}

interface Ds64 {
  readonly riffSize: number;
  readonly dataSize: number;
}

export async function openWav(source: ByteSource): Promise<SeekableAudioReader> {
  const head = await readBytes(source, 0, 12);
  if (head.length < 12) throw headerTruncated(source);
  const isRf64 = ascii(head, 0, 4) !== 'RIFF';
  const riffSize32 = uint32le(head, 4);

  let format: WavFormat | undefined;
  let ds64: Ds64 | undefined;
  let data: { offset: number; size: number } | undefined;
  const riffEnd = () =>
    8 + (isRf64 && riffSize32 === SIZE_IN_DS64 && ds64 ? ds64.riffSize : riffSize32);
  let position = 12;
  while (!(format && data)) {
    if (position + 8 > source.size) {
      // Out of chunks. If the RIFF size promised more, the file was cut short.
      if (riffEnd() > source.size || position < source.size) throw headerTruncated(source);
      if (!data) throw noAudio(source, 'it has no data chunk');
      throw corruptHeader(source, 'the file has audio but no fmt chunk');
    }
    const chunkHead = await readBytes(source, position, 8);
    const id = ascii(chunkHead, 0, 4);
    const declaredSize = uint32le(chunkHead, 4);
    const bodyOffset = position + 8;
    if (id === 'data') {
      const size = isRf64 && declaredSize === SIZE_IN_DS64 && ds64 ? ds64.dataSize : declaredSize;
      data = { offset: bodyOffset, size };
      // Normally the last chunk; if `fmt ` was not seen yet, look after the audio for it.
      position = bodyOffset + size + (size % 2);
      continue;
    }
    if (bodyOffset + declaredSize > source.size) throw headerTruncated(source);
    if (id === 'fmt ') {
      format = parseFormat(source, await readBytes(source, bodyOffset, Math.min(declaredSize, 40)));
    } else if (id === 'ds64') ds64 = parseDs64(await readBytes(source, bodyOffset, 16));
    // RIFF pads every chunk to an even length; the pad byte is not in the size.
    position = bodyOffset + declaredSize + (declaredSize % 2);
  }

  const encoding = pcmEncoding(source, format);
  if (data.size === 0) throw noAudio(source, 'its data chunk is empty');
  const frames = checkedFrameCount(source, {
    dataOffset: data.offset,
    dataBytes: data.size,
    frameBytes: format.blockAlign,
    sampleRate: format.sampleRate,
    containerFitsFile: riffEnd() <= source.size,
  });
  if (frames === 0) throw noAudio(source, 'its data chunk is shorter than one sample frame');

  const info: AudioInfo = {
    path: source.name,
    format: 'wav',
    codec: describeCodec(format, encoding),
    sampleRate: format.sampleRate,
    channels: format.channels,
    frames,
    bitDepth: format.validBits ?? format.bitsPerSample,
    sampleFormat: encoding.kind === 'float' ? 'float' : 'int',
    ...(format.channelMask !== undefined ? { channelMask: format.channelMask } : {}),
  };
  return createPcmReader(source, info, { dataOffset: data.offset, encoding });
}

function parseFormat(source: ByteSource, body: Uint8Array): WavFormat {
  if (body.length < 16) throw corruptHeader(source, 'its fmt chunk is too short');
  const view = dataView(body);
  const formatTag = view.getUint16(0, true);
  const base = {
    channels: view.getUint16(2, true),
    sampleRate: view.getUint32(4, true),
    blockAlign: view.getUint16(12, true),
    bitsPerSample: view.getUint16(14, true),
  };
  if (formatTag !== WAVE_FORMAT_EXTENSIBLE) return { formatTag, extensible: false, ...base };
  if (body.length < 40 || view.getUint16(16, true) < 22) {
    throw corruptHeader(source, 'its WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
  }
  const guidIsStandard = SUBFORMAT_GUID_TAIL.every((b, i) => body[26 + i] === b);
  return {
    // A non-standard GUID cannot be PCM or float; 0 makes it an unsupported codec.
    formatTag: guidIsStandard ? view.getUint16(24, true) : 0,
    extensible: true,
    validBits: view.getUint16(18, true) || undefined,
    channelMask: view.getUint32(20, true),
    ...base,
  };
}

function parseDs64(body: Uint8Array): Ds64 {
  const view = dataView(body);
  return {
    riffSize: Number(view.getBigUint64(0, true)),
    dataSize: Number(view.getBigUint64(8, true)),
  };
}

function pcmEncoding(source: ByteSource, format: WavFormat): PcmEncoding {
  const { formatTag, channels, sampleRate, blockAlign, bitsPerSample } = format;
  if (formatTag !== WAVE_FORMAT_PCM && formatTag !== WAVE_FORMAT_IEEE_FLOAT) {
    const name = KNOWN_WAV_CODECS[formatTag] ?? 'a codec mixdown does not know';
    const tag = `0x${formatTag.toString(16).padStart(4, '0')}`;
    throw fileError(
      'unsupported-codec',
      source.name,
      `the audio is ${name} (WAV format ${tag}), which mixdown does not decode`,
      'convert it to PCM WAV or FLAC first',
    );
  }
  if (channels === 0) throw corruptHeader(source, 'its header declares 0 channels');
  if (sampleRate === 0) throw corruptHeader(source, 'its header declares a sample rate of 0 Hz');
  const bytesPerSample = blockAlign / channels;
  const isFloat = formatTag === WAVE_FORMAT_IEEE_FLOAT;
  const validSizes = isFloat ? [4, 8] : [1, 2, 3, 4];
  if (!validSizes.includes(bytesPerSample) || bitsPerSample > bytesPerSample * 8) {
    throw fileError(
      'unsupported-codec',
      source.name,
      `the header declares ${bitsPerSample}-bit ${isFloat ? 'float' : 'PCM'} samples in ${blockAlign}-byte frames of ${channels} channels, a layout mixdown does not decode`,
      'convert it to 16- or 24-bit PCM WAV first',
    );
  }
  return {
    kind: isFloat ? 'float' : bytesPerSample === 1 ? 'uint' : 'int',
    bytesPerSample: bytesPerSample as PcmEncoding['bytesPerSample'],
    bigEndian: false,
  };
}

function describeCodec(format: WavFormat, encoding: PcmEncoding): string {
  const bits = format.validBits ?? format.bitsPerSample;
  const kind =
    encoding.kind === 'float'
      ? `IEEE float ${bits}-bit`
      : `PCM ${bits}-bit${encoding.kind === 'uint' ? ' unsigned' : ''}`;
  return format.extensible ? `${kind} (extensible)` : kind;
}
