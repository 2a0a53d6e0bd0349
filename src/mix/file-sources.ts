import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { resampleAudio } from '../dsp/resample/index.js';
import { openAudio } from '../io/index.js';
import type { SeekableAudioReader } from '../io/types.js';
import type { ResolvedEdit, ResolvedSession, ResolvedSource } from '../session/resolved.js';
import { editCachePath, editedSourceAudio, writeCacheFile } from './edit-cache.js';
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

  /**
   * Converts every source not at the session rate, and renders every clip's edits, now: so
   * workers find them ready and no two threads render the same file.
   */
  async prepare(session: ResolvedSession): Promise<void> {
    const byId = new Map(session.sources.map((s) => [s.id, s]));
    for (const source of session.sources) await this.path(source, session.sampleRate, []);
    for (const track of session.tracks) {
      for (const clip of track.clips) {
        if (clip.edits.length > 0)
          await this.path(byId.get(clip.sourceId)!, session.sampleRate, clip.edits);
      }
    }
  }

  async open(
    source: ResolvedSource,
    sessionRate: number,
    edits: readonly ResolvedEdit[] = [],
  ): Promise<RandomAccessSource> {
    return WindowedFileSource.open(await this.path(source, sessionRate, edits));
  }

  /** The file holding `source` with `edits` applied, at `sessionRate` (rendered if missing). */
  private async path(
    source: ResolvedSource,
    sessionRate: number,
    edits: readonly ResolvedEdit[],
  ): Promise<string> {
    if (edits.length === 0) {
      if (source.sampleRate === sessionRate) return source.absolutePath;
      await mkdir(this.cacheDir, { recursive: true });
      return resampleFileToCache(source, sessionRate, this.cacheDir);
    }
    const path = editCachePath(this.cacheDir, source, edits, sessionRate);
    if (existsSync(path)) return path;
    // At the source's rate the cache keeps the edited take itself (an edit command may
    // have stored it already, or the edits before the last one).
    const { audio } = await editedSourceAudio(this.cacheDir, source, edits);
    if (audio.sampleRate === sessionRate && existsSync(path)) return path;
    await writeCacheFile(
      path,
      audio.sampleRate === sessionRate ? audio : resampleAudio(audio, sessionRate),
    );
    return path;
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

  readNow(start: number, count: number, out: readonly Float32Array[], outOffset: number): boolean {
    // Only the part inside the source has to be in the window; the rest reads as silence.
    const first = Math.max(0, start);
    const last = Math.min(this.frames, start + count);
    if (first < last && (first < this.windowStart || last > this.windowStart + this.windowFrames)) {
      return false;
    }
    this.copy(start, count, out, outOffset);
    return true;
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
      const inWindow = frame >= this.windowStart && frame < this.windowStart + this.windowFrames;
      if (frame >= 0 && frame < this.frames && !inWindow) await this.fill(frame);
      done += this.copy(frame, count - done, out, outOffset + done);
    }
  }

  /**
   * Copies from `start` on as far as the window (or the silence before or after the source)
   * reaches, at most `count` frames; returns how many it copied. Frames inside the source
   * must start in the window.
   */
  private copy(
    start: number,
    count: number,
    out: readonly Float32Array[],
    outOffset: number,
  ): number {
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
      const from = frame - this.windowStart;
      if (from < 0 || from >= this.windowFrames) return done;
      const n = Math.min(count - done, this.windowFrames - from);
      for (let c = 0; c < out.length; c++) {
        const src = this.window[Math.min(c, this.window.length - 1)];
        out[c].set(src.subarray(from, from + n), outOffset + done);
      }
      done += n;
    }
    return done;
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
