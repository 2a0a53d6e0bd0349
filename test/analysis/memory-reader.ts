/**
 * An AudioReader over audio in memory, for streaming tests that must not depend on the I/O
 * module's decoders. It can deliver fewer frames than asked, in a fixed repeating pattern,
 * as real decoders do at block boundaries.
 */
import type { AudioData } from '../../src/core/audio.js';
import { frameCount } from '../../src/core/audio.js';
import type { AudioInfo, AudioReader } from '../../src/io/types.js';

export class MemoryReader implements AudioReader {
  readonly info: AudioInfo;
  private position = 0;
  private call = 0;
  closed = false;

  constructor(
    private readonly audio: AudioData,
    /** Frames delivered per call, cycled (each capped by maxFrames and what is left). */
    private readonly deliveryPattern: readonly number[] = [Number.POSITIVE_INFINITY],
    channelMask?: number,
  ) {
    this.info = {
      path: 'memory.wav',
      format: 'wav',
      codec: 'IEEE float 32-bit',
      sampleRate: audio.sampleRate,
      channels: audio.channels.length,
      frames: frameCount(audio),
      sampleFormat: 'float',
      ...(channelMask === undefined ? {} : { channelMask }),
    };
  }

  async readInto(channels: Float32Array[], maxFrames: number): Promise<number> {
    const wanted = this.deliveryPattern[this.call++ % this.deliveryPattern.length];
    const count = Math.min(maxFrames, wanted, this.info.frames - this.position);
    for (let c = 0; c < channels.length; c++) {
      channels[c].set(this.audio.channels[c].subarray(this.position, this.position + count));
    }
    this.position += count;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
