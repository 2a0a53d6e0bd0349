import { MixdownError } from '../core/errors.js';
import type { ByteSink } from './byte-sink.js';
import { fileError, formatPosition, writeFailure } from './io-errors.js';
import { describeNonFinite, findNonFinite } from './pcm.js';
import type { AudioWriter, EncodeOptions } from './types.js';

/**
 * What each format contributes to a writer: turn blocks of float frames into bytes in the
 * sink, and finish the stream (flush, patch the header). Everything else a writer must do —
 * argument checks, refusing NaN, cleaning up after any failure — is in `guardWriter`, once.
 */
export interface Encoder {
  /** Encode `frames` frames from index 0 of each channel (at most ENCODE_BLOCK_FRAMES). */
  encode(channels: readonly Float32Array[], frames: number): Promise<void>;
  /** Flush everything and complete the stream's headers in the sink. */
  end(): Promise<void>;
  /** Release codec memory (called after end, or on failure). */
  release?(): void;
}

/** Encoders see blocks no longer than this, so their scratch buffers stay small. */
export const ENCODE_BLOCK_FRAMES = 16384;

export function guardWriter(
  name: string,
  options: EncodeOptions,
  sink: ByteSink,
  encoder: Encoder,
): AudioWriter {
  let framesWritten = 0;
  let state: 'open' | 'closed' | 'failed' = 'open';

  const fail = async (error: unknown): Promise<never> => {
    state = 'failed';
    encoder.release?.();
    await sink.discard();
    throw error instanceof MixdownError
      ? error
      : hasSystemCode(error)
        ? writeFailure(name, error)
        : fileError(
            'write-failed',
            name,
            `encoding failed (${error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ') : String(error)})`,
            'nothing was written; check the audio and the encode options',
            error,
          );
  };

  const checkOpen = (action: string) => {
    if (state !== 'open') {
      throw new MixdownError(
        'invalid-argument',
        `${name}: cannot ${action} a writer that is already ${state}; create a new writer.`,
      );
    }
  };

  return {
    async write(channels, frames) {
      checkOpen('write to');
      try {
        checkBlock(name, options, channels, frames);
        const bad = findNonFinite(channels, 0, frames);
        if (bad) {
          const at = framesWritten + bad.frame;
          throw fileError(
            'invalid-samples',
            name,
            `the audio to write holds ${describeNonFinite(bad.value)} on channel ${bad.channel + 1} at ${formatPosition(at, options.sampleRate)}, so nothing was written`,
            'find the processing step that produced it',
          );
        }
        for (let start = 0; start < frames; start += ENCODE_BLOCK_FRAMES) {
          const count = Math.min(ENCODE_BLOCK_FRAMES, frames - start);
          await encoder.encode(
            channels.map((channel) => channel.subarray(start, start + count)),
            count,
          );
        }
        framesWritten += frames;
      } catch (error) {
        await fail(error);
      }
    },
    async close() {
      checkOpen('close');
      try {
        await encoder.end();
        encoder.release?.();
        await sink.finish();
        state = 'closed';
      } catch (error) {
        await fail(error);
      }
    },
    async abort() {
      if (state !== 'open') return;
      state = 'failed';
      encoder.release?.();
      await sink.discard();
    },
  };
}

function checkBlock(
  name: string,
  options: EncodeOptions,
  channels: readonly Float32Array[],
  frames: number,
): void {
  if (channels.length !== options.channels) {
    throw new MixdownError(
      'invalid-argument',
      `${name}: write was given ${channels.length} channel arrays for a ${options.channels}-channel file; pass one array per channel.`,
    );
  }
  if (!Number.isInteger(frames) || frames < 0 || channels.some((c) => c.length < frames)) {
    throw new MixdownError(
      'invalid-argument',
      `${name}: write was asked for ${frames} frames, which is not a whole number the channel arrays hold; pass a frame count no larger than every array.`,
    );
  }
}

function hasSystemCode(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}
