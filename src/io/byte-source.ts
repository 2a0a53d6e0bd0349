import { type FileHandle, open } from 'node:fs/promises';
import { emptyFile, fileError, folderGiven, readFailure } from './io-errors.js';

/**
 * Random-access bytes that a decoder reads from: a file on disk (streamed through a
 * FileHandle) or bytes a caller already holds. Readers are written once against this, so a
 * WAV in memory and a WAV on disk take the same code path.
 */
export interface ByteSource {
  /** The name used in messages (the path as the caller gave it). */
  readonly name: string;
  /** Total length in bytes. */
  readonly size: number;
  /**
   * Fill `target` from `position` on; returns how many bytes were read, fewer than
   * `target.length` only at the end of the source.
   */
  readAt(position: number, target: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

/** Read `length` bytes at `position` into a new array (shorter at the end of the source). */
export async function readBytes(
  source: ByteSource,
  position: number,
  length: number,
): Promise<Uint8Array> {
  const available = Math.max(0, Math.min(length, source.size - position));
  const target = new Uint8Array(available);
  const read = await source.readAt(position, target);
  return read === available ? target : target.subarray(0, read);
}

export function memorySource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    async readAt(position, target) {
      const end = Math.min(bytes.length, position + target.length);
      if (end <= position) return 0;
      target.set(bytes.subarray(position, end));
      return end - position;
    },
    async close() {},
  };
}

/**
 * Open `path` for reading. Missing paths, folders and empty files are refused here with
 * their own codes, before any format is guessed.
 */
export async function openFileSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readFailure(path, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw folderGiven(path);
    if (!stats.isFile()) {
      throw fileError(
        'not-a-file',
        path,
        'this is not a regular file',
        'give the path of an audio file',
      );
    }
    if (stats.size === 0) throw emptyFile(path);
    return fileSource(handle, path, stats.size);
  } catch (error) {
    await handle.close();
    throw readFailure(path, error);
  }
}

function fileSource(handle: FileHandle, name: string, size: number): ByteSource {
  let closing: Promise<void> | undefined;
  return {
    name,
    size,
    async readAt(position, target) {
      let filled = 0;
      try {
        while (filled < target.length) {
          const { bytesRead } = await handle.read(
            target,
            filled,
            target.length - filled,
            position + filled,
          );
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
      } catch (error) {
        throw readFailure(name, error);
      }
      return filled;
    },
    close() {
      closing ??= handle.close();
      return closing;
    },
  };
}
