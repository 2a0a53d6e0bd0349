import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AudioData } from '../core/audio.js';
import { createAudio, frameCount } from '../core/audio.js';
import { createWriter, openAudio } from '../io/index.js';
import type { AudioReader } from '../io/types.js';

/**
 * Aims: mastering reads its programme several times (measure, then one pass per loudness
 * iteration, then verification), so a programme is something that can be read again from
 * the start, in blocks. In memory for the library and the tests; as a 32-bit float WAV in a
 * scratch folder for the command line, so memory does not grow with the song's length
 * (DESIGN.md, "Streaming"). Float WAV keeps every Float32 sample exactly, so a pass over a
 * stored programme computes exactly what it would over the same audio in memory.
 */

/** Frames per block read from a programme. */
export const PROGRAMME_BLOCK_FRAMES = 16384;

export interface Programme {
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  /** A fresh reader positioned at the first frame. */
  open(): Promise<AudioReader>;
  /** Frees what holds it (a scratch file); the programme is unusable afterwards. */
  dispose(): Promise<void>;
}

/** Where passes put the audio they produce. */
export interface ProgrammeStore {
  write(channels: readonly Float32Array[], offset: number, frames: number): Promise<void>;
  /** Ends writing and returns the stored audio as a programme. */
  finish(): Promise<Programme>;
  /** Gives up (removes a scratch file). */
  discard(): Promise<void>;
}

/** Creates stores for `channels` × `frames` of audio at `sampleRate`. */
export interface Workspace {
  createStore(sampleRate: number, channels: number, frames: number): Promise<ProgrammeStore>;
  /** Removes whatever the workspace created. */
  dispose(): Promise<void>;
}

export function memoryProgramme(audio: AudioData): Programme {
  const frames = frameCount(audio);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    frames,
    async open() {
      let position = 0;
      return {
        info: {
          path: '(memory)',
          format: 'wav',
          codec: 'IEEE float 32-bit',
          sampleRate: audio.sampleRate,
          channels: audio.channels.length,
          frames,
        },
        async readInto(targets, maxFrames) {
          const count = Math.min(maxFrames, frames - position);
          for (let c = 0; c < targets.length; c++) {
            targets[c].set(audio.channels[c].subarray(position, position + count));
          }
          position += count;
          return count;
        },
        async close() {},
      };
    },
    async dispose() {},
  };
}

/** The whole programme in memory (for the library API and tests). */
export async function readProgramme(programme: Programme): Promise<AudioData> {
  const audio = createAudio(programme.sampleRate, programme.channels, programme.frames);
  let position = 0;
  await forEachBlock(programme, (channels, frames) => {
    for (let c = 0; c < channels.length; c++) {
      audio.channels[c].set(channels[c].subarray(0, frames), position);
    }
    position += frames;
  });
  return audio;
}

/** An audio file as a programme (opened again for every pass). */
export function fileProgramme(
  path: string,
  info: { sampleRate: number; channels: number; frames: number },
): Programme {
  return { ...info, open: () => openAudio(path), dispose: async () => {} };
}

/**
 * Calls `visit` with consecutive blocks of the whole programme (arrays reused between
 * calls; valid until `visit` returns).
 */
export async function forEachBlock(
  programme: Programme,
  visit: (channels: Float32Array[], frames: number) => void | Promise<void>,
  blockFrames = PROGRAMME_BLOCK_FRAMES,
): Promise<void> {
  const reader = await programme.open();
  try {
    const buffers = Array.from({ length: programme.channels }, () => new Float32Array(blockFrames));
    for (;;) {
      const frames = await reader.readInto(buffers, blockFrames);
      if (frames === 0) break;
      await visit(buffers, frames);
    }
  } finally {
    await reader.close();
  }
}

/** Stores in memory. */
export function memoryWorkspace(): Workspace {
  return {
    async createStore(sampleRate, channels, frames) {
      const audio = createAudio(sampleRate, channels, frames);
      let position = 0;
      return {
        async write(data, offset, count) {
          for (let c = 0; c < channels; c++) {
            audio.channels[c].set(data[c].subarray(offset, offset + count), position);
          }
          position += count;
        },
        async finish() {
          if (position !== frames) throw new Error(`stored ${position} of ${frames} frames`);
          return memoryProgramme(audio);
        },
        async discard() {},
      };
    },
    async dispose() {},
  };
}

/** Stores as 32-bit float WAVs in a private scratch folder under the system's temp folder. */
export async function scratchWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'mixdown-master-'));
  let count = 0;
  return {
    async createStore(sampleRate, channels, frames) {
      const path = join(dir, `pass-${++count}.wav`);
      const writer = await createWriter(path, {
        format: 'wav',
        sampleRate,
        channels,
        bitDepth: 32,
      });
      let position = 0;
      return {
        async write(data, offset, n) {
          await writer.write(
            data.map((d) => d.subarray(offset, offset + n)),
            n,
          );
          position += n;
        },
        async finish() {
          await writer.close();
          if (position !== frames) throw new Error(`stored ${position} of ${frames} frames`);
          return {
            ...fileProgramme(path, { sampleRate, channels, frames }),
            dispose: () => rm(path, { force: true }),
          };
        },
        async discard() {
          await writer.abort();
          await rm(path, { force: true });
        },
      };
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
