import type { ByteSource } from './byte-source.js';
import { audioTruncated } from './chunk-checks.js';
import { fileError, formatPosition } from './io-errors.js';
import { describeNonFinite, findNonFinite, type PcmEncoding, unpackPcm } from './pcm.js';
import { checkReadTarget, checkSeekTarget } from './read-target.js';
import type { AudioInfo, SeekableAudioReader } from './types.js';

/**
 * Bytes fetched per file read. Memory use is this buffer, whatever the file's length or the
 * caller's `maxFrames` (DESIGN.md, "Streaming").
 */
export const PCM_READ_CHUNK_BYTES = 64 * 1024;

export interface PcmLayout {
  /** Byte offset of the first sample frame. */
  readonly dataOffset: number;
  readonly encoding: PcmEncoding;
}

/**
 * A streaming reader over interleaved PCM at `layout.dataOffset` in `source`, for
 * `info.frames` frames. Float data is checked for NaN and infinities as it is read, so a
 * bad sample is reported with its time and channel without reading the file twice.
 */
export function createPcmReader(
  source: ByteSource,
  info: AudioInfo,
  layout: PcmLayout,
): SeekableAudioReader {
  const frameBytes = layout.encoding.bytesPerSample * info.channels;
  const framesPerChunk = Math.max(1, Math.floor(PCM_READ_CHUNK_BYTES / frameBytes));
  const chunk = new Uint8Array(framesPerChunk * frameBytes);
  const checkFinite = layout.encoding.kind === 'float';
  let position = 0;
  let closed = false;

  return {
    info,
    async readInto(channels, maxFrames) {
      checkReadTarget(info, channels, maxFrames, closed);
      const wanted = Math.min(maxFrames, info.frames - position);
      let done = 0;
      while (done < wanted) {
        const frames = Math.min(framesPerChunk, wanted - done);
        const bytes = chunk.subarray(0, frames * frameBytes);
        const read = await source.readAt(layout.dataOffset + position * frameBytes, bytes);
        if (read < bytes.length) {
          // The file shrank (or was cut) after its header was checked.
          const available = position + Math.floor(read / frameBytes);
          throw audioTruncated(info.path, available, info.frames, info.sampleRate);
        }
        unpackPcm(bytes, layout.encoding, frames, channels, done);
        if (checkFinite) {
          const bad = findNonFinite(channels, done, frames);
          if (bad) throw invalidSample(info, position + bad.frame - done, bad.channel, bad.value);
        }
        done += frames;
        position += frames;
      }
      return done;
    },
    seek(frame) {
      checkSeekTarget(info, frame, closed);
      position = frame;
    },
    async close() {
      if (closed) return;
      closed = true;
      await source.close();
    },
  };
}

function invalidSample(info: AudioInfo, frame: number, channel: number, value: number): Error {
  return fileError(
    'invalid-samples',
    info.path,
    `channel ${channel + 1} holds ${describeNonFinite(value)} at ${formatPosition(frame, info.sampleRate)} (sample frame ${frame}), which is not a playable sample value`,
    'repair the file or re-export it from its source',
  );
}
