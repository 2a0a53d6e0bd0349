import { MixdownError } from '../core/errors.js';
import type { AudioInfo } from './types.js';

/**
 * Programming mistakes in a `readInto` call (wrong channel count, short arrays, use after
 * close) are reported the same way by every reader.
 */
export function checkReadTarget(
  info: AudioInfo,
  channels: Float32Array[],
  maxFrames: number,
  closed: boolean,
): void {
  if (closed) {
    throw new MixdownError('invalid-argument', `${info.path}: the reader is already closed.`);
  }
  if (channels.length !== info.channels) {
    throw new MixdownError(
      'invalid-argument',
      `${info.path}: readInto was given ${channels.length} channel arrays for ${info.channels} channels; pass one array per channel.`,
    );
  }
  if (!Number.isInteger(maxFrames) || maxFrames < 0) {
    throw new MixdownError(
      'invalid-argument',
      `${info.path}: readInto needs a whole, non-negative frame count, not ${maxFrames}.`,
    );
  }
  for (const channel of channels) {
    if (channel.length < maxFrames) {
      throw new MixdownError(
        'invalid-argument',
        `${info.path}: readInto arrays must hold ${maxFrames} frames but one holds ${channel.length}; allocate them at least maxFrames long.`,
      );
    }
  }
}

/** A seek must land on a frame of the file (its end included) of a reader still open. */
export function checkSeekTarget(info: AudioInfo, frame: number, closed: boolean): void {
  if (closed) {
    throw new MixdownError('invalid-argument', `${info.path}: the reader is already closed.`);
  }
  if (!Number.isInteger(frame) || frame < 0 || frame > info.frames) {
    throw new MixdownError(
      'invalid-argument',
      `${info.path}: cannot seek to frame ${frame}; seek to a whole frame from 0 to ${info.frames}.`,
    );
  }
}
