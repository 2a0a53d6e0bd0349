import { startsWithAscii } from './binary.js';
import { type ByteSource, readAll } from './byte-source.js';
import { audioTruncated } from './chunk-checks.js';
import { fileError, formatDuration, plural } from './io-errors.js';
import { type LameTag, MP3_DECODER_DELAY, readLameTag } from './lame-tag.js';
import { createMemoryReader } from './memory-reader.js';
import { type MpegFrameHeader, parseMpegFrameHeader } from './mpeg-audio.js';
import type { AudioInfo, AudioReader, ContainerFormat } from './types.js';

/**
 * FLAC, MP3, Ogg Vorbis and Ogg Opus through the wasm decoders of the wasm-audio-decoders
 * project. For now each file is decoded whole into memory and then served by a memory
 * reader; the WAV and AIFF readers stream. (All four decoders accept chunks, so streaming
 * them is a later, contained change here.)
 */

type CompressedFormat = Exclude<ContainerFormat, 'wav' | 'aiff'>;

interface Decoded {
  readonly channelData: Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
  readonly errors: readonly { message: string; outputSamples?: number }[];
}

export async function openCompressed(
  source: ByteSource,
  format: CompressedFormat,
  audioOffset: number,
): Promise<AudioReader> {
  const bytes = (await readAll(source)).subarray(audioOffset);
  await source.close();
  switch (format) {
    case 'flac':
      return decodeFlac(source.name, bytes);
    case 'mp3':
      return decodeMp3(source.name, bytes);
    case 'ogg-vorbis':
    case 'ogg-opus':
      return decodeOgg(source.name, bytes, format);
  }
}

async function decodeFlac(name: string, bytes: Uint8Array): Promise<AudioReader> {
  const streamInfo = readFlacStreamInfo(name, bytes);
  const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
  const decoder = new FLACDecoder();
  const decoded = await runDecoder(name, 'FLAC', decoder, () => decoder.decodeFile(bytes));
  checkDecoded(name, 'FLAC', decoded);
  if (streamInfo.totalSamples > 0 && decoded.samplesDecoded < streamInfo.totalSamples) {
    throw audioTruncated(
      name,
      decoded.samplesDecoded,
      streamInfo.totalSamples,
      streamInfo.sampleRate,
    );
  }
  const bits = streamInfo.bitsPerSample;
  restoreFlacScaling(decoded.channelData, bits);
  return createMemoryReader(
    {
      path: name,
      format: 'flac',
      codec: `FLAC ${bits}-bit`,
      sampleRate: decoded.sampleRate,
      channels: decoded.channelData.length,
      frames: decoded.samplesDecoded,
      bitDepth: bits,
      sampleFormat: 'int',
    },
    decoded.channelData,
  );
}

/**
 * The FLAC decoder divides an n-bit sample by 2^(n−1) − 1 (measured: 16-bit −23606 comes out
 * as −23606/32767), while every other reader here divides by 2^(n−1). Multiplying back by
 * 2^(n−1) − 1 recovers the integer to within ±0.25 (one float32 rounding; checked for all
 * 2^24 codes of 24-bit), so rounding is exact; dividing by 2^(n−1) then gives the same
 * floats a WAV of the same integers gives, and FLAC round trips are bit-exact.
 */
function restoreFlacScaling(channels: Float32Array[], bits: number): void {
  const decoderScale = 2 ** (bits - 1) - 1;
  const ourScale = 1 / 2 ** (bits - 1);
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      channel[i] = Math.round(channel[i] * decoderScale) * ourScale;
    }
  }
}

interface FlacStreamInfo {
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly totalSamples: number;
}

/** STREAMINFO is always the first metadata block (RFC 9639 §8.2). */
function readFlacStreamInfo(name: string, bytes: Uint8Array): FlacStreamInfo {
  if (bytes.length < 8 + 34 || !startsWithAscii(bytes, 0, 'fLaC') || (bytes[4] & 0x7f) !== 0) {
    throw fileError(
      bytes.length < 42 ? 'truncated-file' : 'corrupt-file',
      name,
      'the FLAC header (STREAMINFO) is missing or cut short',
      're-export or re-copy it',
    );
  }
  const s = 8;
  const sampleRate = (bytes[s + 10] << 12) | (bytes[s + 11] << 4) | (bytes[s + 12] >> 4);
  const bitsPerSample = (((bytes[s + 12] & 0x1) << 4) | (bytes[s + 13] >> 4)) + 1;
  const totalSamples =
    (bytes[s + 13] & 0xf) * 2 ** 32 +
    new DataView(bytes.buffer, bytes.byteOffset + s + 14, 4).getUint32(0, false);
  return { sampleRate, bitsPerSample, totalSamples };
}

async function decodeMp3(name: string, bytes: Uint8Array): Promise<AudioReader> {
  const first = parseMpegFrameHeader(bytes, 0);
  if (!first) throw corrupt(name, 'MP3', 'its first frame header is unreadable');
  const tag = readLameTag(bytes, 0);
  const { MPEGDecoder } = await import('mpg123-decoder');
  // Gapless trimming is done below from the LAME tag, so it is visible and tested here.
  const decoder = new MPEGDecoder({ enableGapless: false });
  const decoded = await runDecoder(name, 'MP3', decoder, async () =>
    withoutConsoleErrors(() => decoder.decode(bytes)),
  );
  checkDecoded(name, 'MP3', decoded);

  let start = 0;
  let end = decoded.samplesDecoded;
  if (tag?.frames !== undefined) {
    const declared = tag.frames * first.samplesPerFrame;
    // One frame of slack: some encoders count the tag frame itself; a cut file lacks more.
    if (decoded.samplesDecoded < declared - first.samplesPerFrame) {
      throw audioTruncated(name, decoded.samplesDecoded, declared, first.sampleRate);
    }
  }
  if (tag?.encoderDelay !== undefined && tag.encoderPadding !== undefined) {
    start = Math.min(end, tag.encoderDelay + MP3_DECODER_DELAY);
    if (tag.frames !== undefined) {
      const audioFrames =
        tag.frames * first.samplesPerFrame - tag.encoderDelay - tag.encoderPadding;
      end = Math.max(start, Math.min(end, start + audioFrames));
    }
  }
  // mpg123 always hands back two channels; a mono stream's second is a copy.
  const channelData = decoded.channelData
    .slice(0, first.channels)
    .map((channel) => channel.slice(start, end));
  const frames = end - start;
  const version = first.version === 1 ? '1' : String(first.version);
  const layer = 'I'.repeat(first.layer);
  return finish(name, {
    format: 'mp3',
    codec: `MPEG-${version} Layer ${layer} ${describeMp3Rate(bytes, first, tag)}`,
    sampleRate: first.sampleRate,
    channelData,
    frames,
  });
}

/** "CBR 320 kbit/s", or "VBR ~245 kbit/s" averaged over the audio frames. */
function describeMp3Rate(
  bytes: Uint8Array,
  first: MpegFrameHeader,
  tag: LameTag | undefined,
): string {
  const audioStart = tag ? first.frameBytes : 0;
  const firstAudio = parseMpegFrameHeader(bytes, audioStart);
  if (tag && !tag.vbr && firstAudio) return `CBR ${firstAudio.bitrateKbps} kbit/s`;
  const frames =
    tag?.frames ?? Math.max(1, Math.round((bytes.length - audioStart) / first.frameBytes));
  const seconds = (frames * first.samplesPerFrame) / first.sampleRate;
  const kbps = Math.round(((bytes.length - audioStart) * 8) / seconds / 1000);
  return `${tag?.vbr ? 'VBR' : 'unknown-rate'} ~${kbps} kbit/s`;
}

async function decodeOgg(
  name: string,
  bytes: Uint8Array,
  format: 'ogg-vorbis' | 'ogg-opus',
): Promise<AudioReader> {
  const isOpus = format === 'ogg-opus';
  const codecName = isOpus ? 'Opus' : 'Vorbis';
  const decoded = isOpus
    ? await (async () => {
        const { OggOpusDecoder } = await import('ogg-opus-decoder');
        const decoder = new OggOpusDecoder();
        return runDecoder(name, codecName, decoder, () => decoder.decodeFile(bytes));
      })()
    : await (async () => {
        const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
        const decoder = new OggVorbisDecoder();
        return runDecoder(name, codecName, decoder, () => decoder.decodeFile(bytes));
      })();
  checkDecoded(name, codecName, decoded);
  if (!endsWithEndOfStream(bytes)) {
    throw fileError(
      'truncated-file',
      name,
      `the Ogg stream stops without its end-of-stream mark, after ${formatDuration(decoded.samplesDecoded / decoded.sampleRate)} (truncated)`,
      're-export or re-copy it',
    );
  }
  const kbps = Math.round(
    (bytes.length * 8) / (Math.max(1, decoded.samplesDecoded) / decoded.sampleRate) / 1000,
  );
  return finish(name, {
    format,
    // Opus is always decoded at 48 kHz, its internal rate, whatever rate the header
    // records as the original input's (RFC 7845 §5.1); pre-skip is removed by the decoder.
    codec: isOpus ? `Opus ~${kbps} kbit/s (decoded at 48 kHz)` : `Vorbis ~${kbps} kbit/s`,
    sampleRate: decoded.sampleRate,
    channelData: decoded.channelData,
    frames: decoded.samplesDecoded,
  });
}

function finish(
  name: string,
  decoded: {
    format: CompressedFormat;
    codec: string;
    sampleRate: number;
    channelData: Float32Array[];
    frames: number;
  },
): AudioReader {
  if (decoded.frames === 0 || decoded.channelData.length === 0) {
    throw fileError(
      'no-audio',
      name,
      'the file decodes to no audio at all',
      'export it again with the audio included',
    );
  }
  const info: AudioInfo = {
    path: name,
    format: decoded.format,
    codec: decoded.codec,
    sampleRate: decoded.sampleRate,
    channels: decoded.channelData.length,
    frames: decoded.frames,
  };
  return createMemoryReader(info, decoded.channelData);
}

/**
 * mpg123-decoder prints every bad frame to stderr itself; mixdown reports them in one
 * sentence instead. `decode` is synchronous, so no other code can run while console.error
 * is silenced.
 */
function withoutConsoleErrors<T>(run: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = original;
  }
}

interface WasmDecoder {
  readonly ready: Promise<void>;
  free(): void;
}

/** Run a decoder, turning whatever it throws into one sentence and always freeing it. */
async function runDecoder(
  name: string,
  codecName: string,
  decoder: WasmDecoder,
  decode: () => Promise<Decoded>,
): Promise<Decoded> {
  try {
    await decoder.ready;
    return await decode();
  } catch (error) {
    throw corrupt(name, codecName, 'the decoder could not read it', error);
  } finally {
    decoder.free();
  }
}

/**
 * Frames the decoder reported as bad, or no audio at all from a non-empty file, mean damage.
 * (A file that is merely cut short decodes cleanly up to the cut; the callers check that.)
 */
function checkDecoded(name: string, codecName: string, decoded: Decoded): void {
  if (decoded.samplesDecoded === 0 && decoded.errors.length === 0) {
    throw corrupt(name, codecName, 'not one audio frame could be decoded');
  }
  if (decoded.errors.length === 0) return;
  const at = decoded.errors[0].outputSamples;
  const where =
    at !== undefined && decoded.sampleRate > 0
      ? `, the first after ${formatDuration(at / decoded.sampleRate)}`
      : '';
  throw corrupt(
    name,
    codecName,
    `${plural(decoded.errors.length, 'frame')} failed to decode${where}`,
  );
}

function corrupt(name: string, codecName: string, detail: string, cause?: unknown): Error {
  return fileError(
    'corrupt-file',
    name,
    `the ${codecName} data is damaged (${detail})`,
    're-export or re-copy it',
    cause,
  );
}

/** Whether the last Ogg page carries the end-of-stream flag (RFC 3533 §6). */
function endsWithEndOfStream(bytes: Uint8Array): boolean {
  // A page is at most 27 + 255 + 255·255 bytes, so the last one starts within this distance.
  const searchFrom = Math.max(0, bytes.length - 65307);
  for (let i = bytes.length - 27; i >= searchFrom; i--) {
    if (bytes[i] === 0x4f && startsWithAscii(bytes, i, 'OggS') && bytes[i + 4] === 0) {
      const segments = bytes[i + 26];
      let pageEnd = i + 27 + segments;
      for (let s = 0; s < segments; s++) pageEnd += bytes[i + 27 + s];
      // Bytes inside a packet can spell OggS too; only a page that ends the file counts.
      if (pageEnd !== bytes.length) continue;
      return (bytes[i + 5] & 0x04) !== 0;
    }
  }
  return false;
}
