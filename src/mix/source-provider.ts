import type { AudioData } from '../core/audio.js';
import { resampleAudio } from '../dsp/resample/index.js';
import type { ResolvedEdit, ResolvedSource } from '../session/resolved.js';
import { applyEdits, editedSourceKey } from './edited-sources.js';

/**
 * Random access to one source's audio at the session's sample rate. Clips read from
 * anywhere (offsets, reversed playback), so sources are not read as a single stream.
 */
export interface RandomAccessSource {
  readonly channels: number;
  readonly frames: number;
  /**
   * Copies frames [start, start + count) into `out[c]` at `outOffset`; frames outside the
   * source read as silence.
   */
  read(
    start: number,
    count: number,
    out: readonly Float32Array[],
    outOffset: number,
  ): Promise<void>;
  /**
   * The same copy as `read` when it needs no waiting (the frames are in memory): does it
   * and returns true; otherwise copies nothing and returns false. Optional: without it
   * every read is awaited.
   */
  readNow?(start: number, count: number, out: readonly Float32Array[], outOffset: number): boolean;
  close(): Promise<void>;
}

/**
 * Opens sources for a render: from files (with resampling) or from memory (tests,
 * embedding), with a clip's edit operations applied when it has any.
 */
export interface SourceProvider {
  open(
    source: ResolvedSource,
    sessionRate: number,
    edits?: readonly ResolvedEdit[],
  ): Promise<RandomAccessSource>;
}

/** Sources held in memory, already at the session rate, keyed by source id. */
export class MemorySourceProvider implements SourceProvider {
  /** Edited audio by edit key, so clips sharing a take and its edits share the work. */
  private readonly edited = new Map<string, AudioData>();

  constructor(private readonly audio: ReadonlyMap<string, AudioData>) {}

  async open(
    source: ResolvedSource,
    sessionRate: number,
    edits: readonly ResolvedEdit[] = [],
  ): Promise<RandomAccessSource> {
    const data = this.audio.get(source.id);
    if (!data) throw new Error(`no audio in memory for source "${source.id}"`);
    if (edits.length === 0) {
      if (data.sampleRate !== sessionRate) {
        throw new Error(
          `memory source "${source.id}" is at ${data.sampleRate} Hz, not ${sessionRate} Hz`,
        );
      }
      return memorySource(data);
    }
    const key = editedSourceKey(source, edits, sessionRate);
    let result = this.edited.get(key);
    if (!result) {
      const { audio } = applyEdits(data, edits);
      result = audio.sampleRate === sessionRate ? audio : resampleAudio(audio, sessionRate);
      this.edited.set(key, result);
    }
    return memorySource(result);
  }
}

export function memorySource(data: AudioData): RandomAccessSource {
  const frames = data.channels[0]?.length ?? 0;
  return {
    channels: data.channels.length,
    frames,
    async read(start, count, out, outOffset) {
      copyFrames(data.channels, frames, start, count, out, outOffset);
    },
    readNow(start, count, out, outOffset) {
      copyFrames(data.channels, frames, start, count, out, outOffset);
      return true;
    },
    async close() {},
  };
}

/** Copies a frame range, filling what lies outside [0, frames) with zeros. */
export function copyFrames(
  from: readonly Float32Array[],
  frames: number,
  start: number,
  count: number,
  out: readonly Float32Array[],
  outOffset: number,
): void {
  const first = Math.max(0, start);
  const last = Math.min(frames, start + count);
  out.forEach((dst, c) => {
    const src = from[Math.min(c, from.length - 1)];
    if (last <= first) {
      dst.fill(0, outOffset, outOffset + count);
      return;
    }
    dst.fill(0, outOffset, outOffset + (first - start));
    dst.set(src.subarray(first, last), outOffset + (first - start));
    dst.fill(0, outOffset + (last - start), outOffset + count);
  });
}
