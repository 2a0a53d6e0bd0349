import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openAudio } from '../io/index.js';
import type { SeekableAudioReader } from '../io/types.js';
import type { ResolvedSource } from '../session/resolved.js';
import { resampleFileToCache } from './resample-cache.js';
import type { RandomAccessSource, SourceProvider } from './source-provider.js';

/** Frames fetched from disk at a time; clips read forwards, so this is read-ahead. */
const WINDOW_FRAMES = 65536;

/**
 * Sources on disk. A source at the session rate is read straight from its file; one at
 * another rate is converted once into the project's render cache (renders/.cache) and read
 * from there. Each open source keeps one window of frames, so memory does not grow with
 * the length of the song.
 */
export class FileSourceProvider implements SourceProvider {
  constructor(private readonly cacheDir: string) {}

  /** Converts every source not at the session rate now, so workers find them ready. */
  async prepare(sources: readonly ResolvedSource[], sessionRate: number): Promise<void> {
    for (const source of sources) {
      if (source.sampleRate === sessionRate) continue;
      await mkdir(this.cacheDir, { recursive: true });
      await resampleFileToCache(source, sessionRate, this.cacheDir);
    }
  }

  async open(source: ResolvedSource, sessionRate: number): Promise<RandomAccessSource> {
    let path = source.absolutePath;
    if (source.sampleRate !== sessionRate) {
      await mkdir(this.cacheDir, { recursive: true });
      path = await resampleFileToCache(source, sessionRate, this.cacheDir);
    }
    return WindowedFileSource.open(path);
  }
}

export function renderCacheDir(projectDir: string): string {
  return join(projectDir, 'renders', '.cache');
}

/** Random access over a streaming reader: a window of frames, refilled by seeking. */
class WindowedFileSource implements RandomAccessSource {
  private readonly window: Float32Array[];
  private windowStart = 0;
  private windowFrames = 0;

  private constructor(private readonly reader: SeekableAudioReader) {
    this.window = Array.from(
      { length: reader.info.channels },
      () => new Float32Array(WINDOW_FRAMES),
    );
  }

  static async open(path: string): Promise<WindowedFileSource> {
    return new WindowedFileSource(await openAudio(path));
  }

  get channels(): number {
    return this.reader.info.channels;
  }

  get frames(): number {
    return this.reader.info.frames;
  }

  async read(
    start: number,
    count: number,
    out: readonly Float32Array[],
    outOffset: number,
  ): Promise<void> {
    let done = 0;
    while (done < count) {
      const frame = start + done;
      if (frame < 0 || frame >= this.frames) {
        // Outside the source: silence, up to where the source begins (or to the end).
        const until = frame < 0 ? Math.min(count, done - frame) : count;
        for (const o of out) o.fill(0, outOffset + done, outOffset + until);
        done = until;
        continue;
      }
      if (frame < this.windowStart || frame >= this.windowStart + this.windowFrames) {
        await this.fill(frame);
      }
      const n = Math.min(count - done, this.windowStart + this.windowFrames - frame);
      const from = frame - this.windowStart;
      for (let c = 0; c < out.length; c++) {
        const src = this.window[Math.min(c, this.window.length - 1)];
        out[c].set(src.subarray(from, from + n), outOffset + done);
      }
      done += n;
    }
  }

  private async fill(frame: number): Promise<void> {
    if (frame !== this.windowStart + this.windowFrames) this.reader.seek(frame);
    this.windowStart = frame;
    this.windowFrames = await this.reader.readInto(this.window, WINDOW_FRAMES);
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
