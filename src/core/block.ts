/**
 * The view DSP code works on: planar channel arrays and a frame count. Arrays may be longer
 * than `length` (the engine reuses buffers of `maxBlockSize`); only the first `length`
 * samples of each channel belong to the block. Processors work in place.
 */
export interface AudioBlock {
  readonly channels: readonly Float32Array[];
  readonly length: number;
}

/** What a processor learns in `prepare` and must not assume otherwise. */
export interface ProcessSpec {
  readonly sampleRate: number;
  readonly maxBlockSize: number;
  readonly channels: number;
  /** Session tempo, for tempo-synced processors (delay note values); 120 when unknown. */
  readonly tempoBpm?: number;
}

export function sameSpec(a: ProcessSpec | undefined, b: ProcessSpec): boolean {
  return (
    a !== undefined &&
    a.sampleRate === b.sampleRate &&
    a.maxBlockSize === b.maxBlockSize &&
    a.channels === b.channels &&
    (a.tempoBpm ?? 120) === (b.tempoBpm ?? 120)
  );
}

/** Allocate a block of `channels` × `maxBlockSize` (for engines and tests, never in process()). */
export function allocateBlock(channels: number, maxBlockSize: number): AudioBlock {
  const arrays: Float32Array[] = [];
  for (let c = 0; c < channels; c++) arrays.push(new Float32Array(maxBlockSize));
  return { channels: arrays, length: maxBlockSize };
}
