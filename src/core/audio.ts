/**
 * Audio held in memory: planar, one Float32Array per channel, all of the same length.
 * Float32 is the exchange format everywhere; processors that accumulate error keep their
 * own state in double precision (DESIGN.md, "The processor contract").
 */
export interface AudioData {
  readonly sampleRate: number;
  readonly channels: Float32Array[];
}

/** Number of sample frames (samples per channel). */
export function frameCount(audio: AudioData): number {
  return audio.channels.length === 0 ? 0 : audio.channels[0].length;
}

export function durationSeconds(audio: AudioData): number {
  return frameCount(audio) / audio.sampleRate;
}

export function createAudio(sampleRate: number, channelCount: number, frames: number): AudioData {
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) channels.push(new Float32Array(frames));
  return { sampleRate, channels };
}

export function cloneAudio(audio: AudioData): AudioData {
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice()) };
}

/** A view of frames [start, end) that shares memory with `audio`. */
export function sliceAudio(audio: AudioData, start: number, end: number): AudioData {
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.subarray(start, end)),
  };
}
