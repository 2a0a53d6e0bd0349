import { MixdownError } from '../core/errors.js';
import { openAiff } from './aiff-reader.js';
import { type ByteSource, memorySource, openFileSource } from './byte-source.js';
import { openCompressed } from './compressed-decoders.js';
import { detectFormat } from './detect.js';
import { emptyFile, fileError } from './io-errors.js';
import type { AudioInfo, AudioReader, SeekableAudioReader } from './types.js';
import { openWav } from './wav-reader.js';

/** Decoded audio with what its file said about itself. */
export interface DecodedAudio {
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  readonly info: AudioInfo;
}

/** Open an audio file for streaming reads; the format is recognised from its content. */
export async function openAudio(path: string): Promise<SeekableAudioReader> {
  return openSource(await openFileSource(path));
}

/**
 * Decode bytes a caller already holds (an upload, or an encoded deliverable decoded back for
 * a compliance check). `name` is used in messages only.
 */
export async function decodeAudioBytes(bytes: Uint8Array, name: string): Promise<DecodedAudio> {
  if (bytes.length === 0) {
    throw emptyFile(name);
  }
  return readAllFrames(await openSource(memorySource(bytes, name)));
}

/** Read a whole file into memory. Prefer `openAudio` for anything long. */
export async function readAudio(path: string): Promise<DecodedAudio> {
  return readAllFrames(await openAudio(path));
}

async function openSource(source: ByteSource): Promise<SeekableAudioReader> {
  try {
    const detection = await detectFormat(source);
    if (detection.kind === 'unknown') {
      throw fileError(
        'unsupported-format',
        source.name,
        'this is not an audio file mixdown recognises (it is not WAV, AIFF, FLAC, MP3, Ogg Vorbis or Ogg Opus)',
        'check that it is the file you meant, or convert it to WAV or FLAC',
      );
    }
    if (detection.kind === 'known-unsupported') {
      throw fileError(
        'unsupported-format',
        source.name,
        `this is ${detection.description}, which mixdown does not read`,
        'convert it to WAV or FLAC first',
      );
    }
    switch (detection.format) {
      case 'wav':
        return await openWav(source);
      case 'aiff':
        return await openAiff(source);
      default:
        return await openCompressed(source, detection.format, detection.audioOffset);
    }
  } catch (error) {
    await source.close();
    if (error instanceof MixdownError) throw error;
    throw fileError(
      'corrupt-file',
      source.name,
      `the file could not be decoded (${error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ') : String(error)})`,
      're-export or re-copy it',
      error,
    );
  }
}

async function readAllFrames(reader: AudioReader): Promise<DecodedAudio> {
  try {
    const { info } = reader;
    const channels = Array.from({ length: info.channels }, () => new Float32Array(info.frames));
    let done = 0;
    while (done < info.frames) {
      const views = channels.map((channel) => channel.subarray(done));
      const read = await reader.readInto(views, info.frames - done);
      if (read === 0) break;
      done += read;
    }
    return { sampleRate: info.sampleRate, channels, info };
  } finally {
    await reader.close();
  }
}
