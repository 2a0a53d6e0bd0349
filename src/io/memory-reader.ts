import { checkReadTarget, checkSeekTarget } from './read-target.js';
import type { AudioInfo, SeekableAudioReader } from './types.js';

/** An AudioReader over planar samples already in memory (decoded compressed audio). */
export function createMemoryReader(info: AudioInfo, channels: Float32Array[]): SeekableAudioReader {
  let data = channels;
  let position = 0;
  let closed = false;
  return {
    info,
    async readInto(targets, maxFrames) {
      checkReadTarget(info, targets, maxFrames, closed);
      const frames = Math.min(maxFrames, info.frames - position);
      for (let c = 0; c < targets.length; c++) {
        targets[c].set(data[c].subarray(position, position + frames), 0);
      }
      position += frames;
      return frames;
    },
    seek(frame) {
      checkSeekTarget(info, frame, closed);
      position = frame;
    },
    async close() {
      closed = true;
      data = []; // let the decoded audio be collected
    },
  };
}
