import { type ByteSource, readBytes } from './byte-source.js';
import { audioTruncated } from './chunk-checks.js';
import { fileError, formatDuration, plural } from './io-errors.js';
import { createMemoryReader } from './memory-reader.js';
import { checkReadTarget, checkSeekTarget } from './read-target.js';
import type { AudioInfo, SeekableAudioReader } from './types.js';

/**
 * Compressed bytes pulled through a wasm decoder in file chunks, giving planar blocks.
 * When a format declares its exact length up front (FLAC's STREAMINFO, an MP3's LAME tag)
 * the blocks are served as they are decoded and memory stays at one chunk's worth; when it
 * does not, the whole stream is decoded into memory first so the length can be known.
 */

/** Compressed bytes read per decoder call. */
export const COMPRESSED_READ_CHUNK_BYTES = 64 * 1024;

export interface DecoderOutput {
  readonly channelData: Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
  readonly errors: readonly { message: string; outputSamples?: number }[];
}

/** One of the wasm decoders, fed successive chunks of a file. */
export interface ChunkDecoder {
  readonly ready: Promise<void>;
  decode(chunk: Uint8Array): Promise<DecoderOutput> | DecoderOutput;
  /** Decode whatever the decoder still holds at the end of the input. */
  flush(): Promise<DecoderOutput>;
  free(): void;
}

export interface DecodedStreamSpec {
  readonly source: ByteSource;
  /** Byte offset of the first compressed byte (after an ID3v2 tag, for instance). */
  readonly startByte: number;
  /** Makes a fresh decoder (again after a backward seek, which restarts the stream). */
  readonly createDecoder: () => ChunkDecoder;
  /** "FLAC", "MP3" … for messages. */
  readonly codecName: string;
  /** Channels to keep from the decoder's output (mpg123 always returns two). */
  readonly channels?: number;
  /** Decoded frames to drop at the start (encoder and decoder delay). */
  readonly skipFrames?: number;
  /** In-place correction applied to every decoded block. */
  readonly adjust?: (channels: Float32Array[]) => void;
}

export class DecodedStream {
  /** Frames delivered so far, after the skip. */
  private framesOut = 0;
  private toSkip = 0;
  private bytePosition = 0;
  private finished = false;
  /** Samples the decoder has produced since the start, before any skip. */
  private decodedTotal = 0;
  /** The error that stopped decoding; repeated if the caller tries again. */
  private failure: Error | undefined;
  private freed = true;
  private decoder: ChunkDecoder | undefined;
  sampleRate = 0;

  constructor(private readonly spec: DecodedStreamSpec) {
    this.restart();
  }

  /** Back to the first frame, with a new decoder (the wasm decoders cannot rewind). */
  restart(): void {
    this.release();
    this.decoder = this.spec.createDecoder();
    this.freed = false;
    this.framesOut = 0;
    this.decodedTotal = 0;
    this.failure = undefined;
    this.toSkip = this.spec.skipFrames ?? 0;
    this.bytePosition = this.spec.startByte;
    this.finished = false;
  }

  get name(): string {
    return this.spec.source.name;
  }

  /** The next decoded block (possibly empty), or undefined at the end of the stream. */
  async next(): Promise<Float32Array[] | undefined> {
    if (this.failure) throw this.failure;
    const decoder = this.decoder;
    if (this.finished || !decoder) return undefined;
    const { source } = this.spec;
    let output: DecoderOutput;
    try {
      await decoder.ready;
      const chunk = await readBytes(source, this.bytePosition, COMPRESSED_READ_CHUNK_BYTES);
      this.bytePosition += chunk.length;
      if (chunk.length > 0) {
        output = await decoder.decode(chunk);
      } else {
        output = await decoder.flush();
        this.finished = true;
      }
    } catch (error) {
      throw this.fail('the decoder could not read it', error);
    }
    if (output.errors.length > 0) {
      const at = output.errors[0].outputSamples;
      const where =
        at !== undefined && output.sampleRate > 0
          ? `, the first after ${formatDuration(at / output.sampleRate)}`
          : '';
      throw this.fail(`${plural(output.errors.length, 'frame')} failed to decode${where}`);
    }
    this.decodedTotal += output.samplesDecoded;
    if (this.finished) {
      this.release();
      if (this.decodedTotal === 0) throw this.fail('not one audio frame could be decoded');
    }
    if (output.sampleRate > 0) this.sampleRate = output.sampleRate;
    return this.trim(output);
  }

  /** Free the decoder and close the file. */
  async close(): Promise<void> {
    this.release();
    await this.spec.source.close();
  }

  /** Free the decoder's memory (at the end, or when the reader is closed early). */
  release(): void {
    if (this.freed) return;
    this.freed = true;
    this.decoder?.free();
  }

  private trim(output: DecoderOutput): Float32Array[] {
    let channels = output.channelData.slice(0, this.spec.channels ?? output.channelData.length);
    let frames = output.samplesDecoded;
    if (this.toSkip > 0) {
      const skip = Math.min(this.toSkip, frames);
      this.toSkip -= skip;
      frames -= skip;
      channels = channels.map((channel) => channel.subarray(skip, skip + frames));
    } else {
      channels = channels.map((channel) => channel.subarray(0, frames));
    }
    this.spec.adjust?.(channels);
    this.framesOut += frames;
    return channels;
  }

  private fail(detail: string, cause?: unknown): Error {
    this.release();
    this.failure = codecDamaged(this.name, this.spec.codecName, detail, cause);
    return this.failure;
  }
}

export function codecDamaged(
  name: string,
  codecName: string,
  detail: string,
  cause?: unknown,
): Error {
  return fileError(
    'corrupt-file',
    name,
    `the ${codecName} data is damaged (${detail})`,
    're-export or re-copy it',
    cause,
  );
}

/**
 * A reader that decodes as it is read. `info.frames` is the length the file declares;
 * decoded audio beyond it (codec padding) is dropped, and a stream that ends before it is
 * reported as truncated when it is reached — unless it is at most `toleratedShortfall`
 * frames short, which is filled with silence. Seeking forward decodes and discards;
 * seeking backward restarts decoding from the beginning of the file.
 */
export function createStreamingReader(
  stream: DecodedStream,
  info: AudioInfo,
  toleratedShortfall = 0,
): SeekableAudioReader {
  let pending: Float32Array[] = [];
  let pendingOffset = 0;
  let delivered = 0;
  let seekTarget: number | undefined;
  let closed = false;

  /** Move `count` frames from the decoder into `into` at `offset`, or drop them. */
  const take = async (count: number, into?: Float32Array[], offset = 0): Promise<void> => {
    let done = 0;
    while (done < count) {
      const available = (pending[0]?.length ?? 0) - pendingOffset;
      if (available === 0) {
        const block = await stream.next();
        if (block) {
          pending = block;
        } else if (info.frames - delivered <= toleratedShortfall) {
          pending = Array.from(
            { length: info.channels },
            () => new Float32Array(info.frames - delivered),
          );
        } else {
          throw audioTruncated(info.path, delivered, info.frames, info.sampleRate);
        }
        pendingOffset = 0;
        continue;
      }
      const n = Math.min(available, count - done);
      if (into) {
        for (let c = 0; c < into.length; c++) {
          into[c].set(pending[c].subarray(pendingOffset, pendingOffset + n), offset + done);
        }
      }
      pendingOffset += n;
      done += n;
      delivered += n;
    }
  };

  return {
    info,
    async readInto(channels, maxFrames) {
      checkReadTarget(info, channels, maxFrames, closed);
      if (seekTarget !== undefined) {
        const target = seekTarget;
        seekTarget = undefined;
        if (target < delivered) {
          stream.restart();
          pending = [];
          pendingOffset = 0;
          delivered = 0;
        }
        await take(target - delivered);
      }
      const frames = Math.min(maxFrames, info.frames - delivered);
      await take(frames, channels);
      return frames;
    },
    seek(frame) {
      checkSeekTarget(info, frame, closed);
      seekTarget = frame;
    },
    async close() {
      if (closed) return;
      closed = true;
      pending = [];
      await stream.close();
    },
  };
}

/** Decode a whole stream into memory (for formats whose length is only known at the end). */
export async function decodeWhole(
  stream: DecodedStream,
  describe: (
    frames: number,
    sampleRate: number,
  ) => Omit<AudioInfo, 'frames' | 'channels' | 'sampleRate' | 'path'>,
): Promise<SeekableAudioReader> {
  const blocks: Float32Array[][] = [];
  let frames = 0;
  try {
    for (let block = await stream.next(); block; block = await stream.next()) {
      if (block.length > 0 && block[0].length > 0) {
        blocks.push(block.map((channel) => channel.slice()));
        frames += block[0].length;
      }
    }
  } finally {
    await stream.close();
  }
  const channelCount = blocks[0]?.length ?? 0;
  if (frames === 0 || channelCount === 0) {
    throw fileError(
      'no-audio',
      stream.name,
      'the file decodes to no audio at all',
      'export it again with the audio included',
    );
  }
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  let offset = 0;
  for (const block of blocks) {
    for (let c = 0; c < channelCount; c++) channels[c].set(block[c], offset);
    offset += block[0].length;
  }
  const info: AudioInfo = {
    path: stream.name,
    ...describe(frames, stream.sampleRate),
    sampleRate: stream.sampleRate,
    channels: channelCount,
    frames,
  };
  return createMemoryReader(info, channels);
}
