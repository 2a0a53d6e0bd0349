import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from './byte-sink.js';
import { folderInTheWay, writeFailure } from './io-errors.js';

/**
 * Atomic file output (DESIGN.md, "Nothing lost"): bytes go to a hidden temporary file in the
 * destination's own folder — the same filesystem, so the final `rename` is atomic — and only
 * a completed file is renamed to its real name. Until then the real name is untouched: an
 * old file of that name survives a failed write, and a crash leaves at most a
 * `.<name>.mixdown-tmp-<random>` file, which .gitignore already ignores.
 */
export class AtomicFile implements ByteSink {
  /** Bytes on disk; appended bytes wait in `pending` until it fills (one write per 256 KiB, not per block). */
  private written = 0;
  private readonly pending = new Uint8Array(PENDING_BYTES);
  private pendingLength = 0;
  private state: 'open' | 'finished' | 'discarded' = 'open';

  private constructor(
    readonly path: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    try {
      const existing = await stat(path).catch(() => undefined);
      // Fail now rather than after a long encode, when the rename would fail.
      if (existing?.isDirectory()) throw folderInTheWay(path);
      const tempPath = temporaryPathFor(path);
      // 'wx': never reuse or follow an existing file of the temporary name.
      const handle = await open(tempPath, 'wx');
      return new AtomicFile(path, tempPath, handle);
    } catch (error) {
      throw writeFailure(path, error);
    }
  }

  get length(): number {
    return this.written + this.pendingLength;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.pendingLength + bytes.length > PENDING_BYTES) await this.flush();
    if (bytes.length >= PENDING_BYTES) {
      await this.writeBytes(this.written, bytes);
      this.written += bytes.length;
      return;
    }
    this.pending.set(bytes, this.pendingLength);
    this.pendingLength += bytes.length;
  }

  async writeAt(position: number, bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (position + bytes.length > this.written)
      throw new RangeError('writeAt past the end of the file');
    await this.writeBytes(position, bytes);
  }

  private async flush(): Promise<void> {
    if (this.pendingLength === 0) return;
    await this.writeBytes(this.written, this.pending.subarray(0, this.pendingLength));
    this.written += this.pendingLength;
    this.pendingLength = 0;
  }

  private async writeBytes(position: number, bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.path}: write after ${this.state}`);
    try {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await this.handle.write(
          bytes,
          done,
          bytes.length - done,
          position + done,
        );
        done += bytesWritten;
      }
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  }

  /** Flush to disk and rename into place. On failure the temporary file is removed. */
  async finish(): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.path}: finish after ${this.state}`);
    try {
      await this.flush();
      // Data must reach the disk before the rename does, or a crash could leave a short
      // file under the real name.
      await this.handle.datasync();
      await this.handle.close();
      await rename(this.tempPath, this.path);
      this.state = 'finished';
    } catch (error) {
      await this.discard();
      throw writeFailure(this.path, error);
    }
  }

  async discard(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'discarded';
    await this.handle.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }
}

const PENDING_BYTES = 256 * 1024;

/** `.<name>.mixdown-tmp-<12 hex digits>` beside `path`. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.mixdown-tmp-${randomBytes(6).toString('hex')}`);
}

/**
 * Write a whole file atomically (sessions, reports, anything small). Text is written as
 * UTF-8.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const file = await AtomicFile.create(path);
  try {
    await file.append(bytes);
    await file.finish();
  } catch (error) {
    await file.discard();
    throw error;
  }
}
