import { startsWithAscii } from './binary.js';
import { type ByteSource, readBytes } from './byte-source.js';
import {
  type ChunkDecoder,
  codecDamaged,
  createStreamingReader,
  DecodedStream,
  decodeWhole,
} from './decoded-stream.js';
import { fileError, formatDuration } from './io-errors.js';
import { type LameTag, MP3_DECODER_DELAY, readLameTag } from './lame-tag.js';
import { type MpegFrameHeader, parseMpegFrameHeader } from './mpeg-audio.js';
import type { ContainerFormat, SeekableAudioReader } from './types.js';

/**
 * FLAC, MP3, Ogg Vorbis and Ogg Opus through the wasm decoders of the wasm-audio-decoders
 * project, fed the file in chunks (`decoded-stream.ts`).
 *
 * - FLAC whose STREAMINFO gives the length, and MP3 with a LAME/Xing tag giving frames,
 *   delay and padding, stream: memory stays at one chunk whatever the file's length.
 * - Ogg Vorbis and Ogg Opus, FLAC without a length, and MP3 without a tag are decoded
 *   whole into memory first, because their exact length is only known at the end.
 */

type CompressedFormat = Exclude<ContainerFormat, 'wav' | 'aiff'>;

export async function openCompressed(
  source: ByteSource,
  format: CompressedFormat,
  audioOffset: number,
): Promise<SeekableAudioReader> {
  switch (format) {
    case 'flac':
      return openFlac(source, audioOffset);
    case 'mp3':
      return openMp3(source, audioOffset);
    case 'ogg-vorbis':
    case 'ogg-opus':
      return openOgg(source, format);
  }
}

async function openFlac(source: ByteSource, start: number): Promise<SeekableAudioReader> {
  const streamInfo = readFlacStreamInfo(source.name, await readBytes(source, start, 42));
  const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
  const bits = streamInfo.bitsPerSample;
  const stream = new DecodedStream({
    source,
    startByte: start,
    createDecoder: () => new FLACDecoder(),
    codecName: 'FLAC',
    adjust: (channels) => restoreFlacScaling(channels, bits),
  });
  const describe = {
    format: 'flac',
    codec: `FLAC ${bits}-bit`,
    bitDepth: bits,
    sampleFormat: 'int',
  } as const;
  if (streamInfo.totalSamples === 0) return decodeWhole(stream, () => describe);
  return createStreamingReader(stream, {
    path: source.name,
    ...describe,
    sampleRate: streamInfo.sampleRate,
    channels: streamInfo.channels,
    frames: streamInfo.totalSamples,
  });
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
  readonly channels: number;
  readonly bitsPerSample: number;
  /** 0 when the encoder did not know it. */
  readonly totalSamples: number;
}

/** STREAMINFO is always the first metadata block (RFC 9639 §8.2). */
function readFlacStreamInfo(name: string, head: Uint8Array): FlacStreamInfo {
  if (head.length < 42 || !startsWithAscii(head, 0, 'fLaC') || (head[4] & 0x7f) !== 0) {
    throw fileError(
      head.length < 42 ? 'truncated-file' : 'corrupt-file',
      name,
      'the FLAC header (STREAMINFO) is missing or cut short',
      're-export or re-copy it',
    );
  }
  const s = 8;
  const sampleRate = (head[s + 10] << 12) | (head[s + 11] << 4) | (head[s + 12] >> 4);
  const channels = ((head[s + 12] >> 1) & 0x7) + 1;
  const bitsPerSample = (((head[s + 12] & 0x1) << 4) | (head[s + 13] >> 4)) + 1;
  const totalSamples =
    (head[s + 13] & 0xf) * 2 ** 32 +
    new DataView(head.buffer, head.byteOffset + s + 14, 4).getUint32(0, false);
  if (sampleRate === 0) {
    throw fileError(
      'corrupt-file',
      name,
      'its FLAC header declares a sample rate of 0 Hz',
      're-export it',
    );
  }
  return { sampleRate, channels, bitsPerSample, totalSamples };
}

/** Two frames of the largest Layer III frame: the tag frame and the first audio frame. */
const MP3_HEAD_BYTES = 2 * 2881;

async function openMp3(source: ByteSource, start: number): Promise<SeekableAudioReader> {
  const head = await readBytes(source, start, MP3_HEAD_BYTES);
  const first = parseMpegFrameHeader(head, 0);
  if (!first) throw codecDamaged(source.name, 'MP3', 'its first frame header is unreadable');
  const tag = readLameTag(head, 0);
  const firstAudio = parseMpegFrameHeader(head, tag ? first.frameBytes : 0) ?? first;
  const { MPEGDecoder } = await import('mpg123-decoder');
  // Gapless trimming is done here from the LAME tag, so it is visible and tested, rather
  // than by mpg123.
  const createDecoder = (): ChunkDecoder => {
    const mpg123 = new MPEGDecoder({ enableGapless: false });
    return {
      ready: mpg123.ready,
      decode: (chunk) => withoutConsoleErrors(() => mpg123.decode(chunk)),
      flush: async () => ({ channelData: [], samplesDecoded: 0, sampleRate: 0, errors: [] }),
      free: () => mpg123.free(),
    };
  };
  const gapless =
    tag?.frames !== undefined && tag.encoderDelay !== undefined && tag.encoderPadding !== undefined
      ? {
          skip: tag.encoderDelay + MP3_DECODER_DELAY,
          frames: tag.frames * first.samplesPerFrame - tag.encoderDelay - tag.encoderPadding,
        }
      : undefined;
  const stream = new DecodedStream({
    source,
    startByte: start,
    createDecoder,
    codecName: 'MP3',
    // mpg123 always hands back two channels; a mono stream's second is a copy.
    channels: first.channels,
    skipFrames: gapless?.skip ?? 0,
  });
  const version = first.version === 1 ? '1' : String(first.version);
  const audioBytes = source.size - start - (tag ? first.frameBytes : 0);
  const describe = (frames: number) =>
    ({
      format: 'mp3',
      codec: `MPEG-${version} Layer ${'I'.repeat(first.layer)} ${describeMp3Rate(audioBytes, frames, firstAudio, tag)}`,
    }) as const;
  // Without delay and padding the length is only known once everything is decoded.
  if (!gapless || gapless.frames <= 0) return decodeWhole(stream, (frames) => describe(frames));
  return createStreamingReader(
    stream,
    {
      path: source.name,
      ...describe(gapless.frames),
      sampleRate: first.sampleRate,
      channels: first.channels,
      frames: gapless.frames,
    },
    // Some encoders count the tag frame among the audio frames: up to one frame short at
    // the very end is filled with silence rather than called a truncation.
    first.samplesPerFrame,
  );
}

/** "CBR 320 kbit/s", or "VBR ~245 kbit/s" averaged over the audio frames. */
function describeMp3Rate(
  audioBytes: number,
  frames: number,
  firstAudio: MpegFrameHeader,
  tag: LameTag | undefined,
): string {
  if (tag && !tag.vbr) return `CBR ${firstAudio.bitrateKbps} kbit/s`;
  const kbps = Math.round((audioBytes * 8) / (Math.max(1, frames) / firstAudio.sampleRate) / 1000);
  return `${tag?.vbr ? 'VBR' : 'no gapless tag,'} ~${kbps} kbit/s`;
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

async function openOgg(
  source: ByteSource,
  format: 'ogg-vorbis' | 'ogg-opus',
): Promise<SeekableAudioReader> {
  const isOpus = format === 'ogg-opus';
  const stream = new DecodedStream({
    source,
    startByte: 0,
    createDecoder: isOpus ? await oggOpusDecoders() : await oggVorbisDecoders(),
    codecName: isOpus ? 'Opus' : 'Vorbis',
  });
  const hasEnd = endsWithEndOfStream(
    await readBytes(source, Math.max(0, source.size - MAX_OGG_PAGE_BYTES), MAX_OGG_PAGE_BYTES),
  );
  const reader = await decodeWhole(stream, (frames, sampleRate) => {
    const kbps = Math.round((source.size * 8) / (Math.max(1, frames) / sampleRate) / 1000);
    return {
      format,
      // Opus is always decoded at 48 kHz, its internal rate, whatever rate the header
      // records as the original input's (RFC 7845 §5.1); pre-skip is removed by the decoder.
      codec: isOpus ? `Opus ~${kbps} kbit/s (decoded at 48 kHz)` : `Vorbis ~${kbps} kbit/s`,
    };
  });
  if (!hasEnd) {
    const { frames, sampleRate } = reader.info;
    await reader.close();
    throw fileError(
      'truncated-file',
      source.name,
      `the Ogg stream stops without its end-of-stream mark, after ${formatDuration(frames / sampleRate)} (truncated)`,
      're-export or re-copy it',
    );
  }
  return reader;
}

async function oggOpusDecoders(): Promise<() => ChunkDecoder> {
  const { OggOpusDecoder } = await import('ogg-opus-decoder');
  return () => new OggOpusDecoder();
}

async function oggVorbisDecoders(): Promise<() => ChunkDecoder> {
  const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
  return () => new OggVorbisDecoder();
}

/** A page is at most 27 + 255 + 255·255 bytes (RFC 3533 §6). */
const MAX_OGG_PAGE_BYTES = 27 + 255 + 255 * 255;

/** Whether the page that ends `tail` (the end of the file) carries the end-of-stream flag. */
function endsWithEndOfStream(tail: Uint8Array): boolean {
  for (let i = tail.length - 27; i >= 0; i--) {
    if (tail[i] === 0x4f && startsWithAscii(tail, i, 'OggS') && tail[i + 4] === 0) {
      const segments = tail[i + 26];
      let pageEnd = i + 27 + segments;
      for (let s = 0; s < segments; s++) pageEnd += tail[i + 27 + s];
      // Bytes inside a packet can spell OggS too; only a page that ends the file counts.
      if (pageEnd !== tail.length) continue;
      return (tail[i + 5] & 0x04) !== 0;
    }
  }
  return false;
}
