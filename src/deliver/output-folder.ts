import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MixdownError } from '../core/errors.js';

/**
 * The delivery folder: created if missing (with its parents), and proved writable before any
 * audio is processed by creating and removing a probe file — permission bits alone say nothing
 * for root or for read-only mounts. Refusals are one sentence naming the folder.
 */
export async function prepareOutputFolder(folder: string): Promise<void> {
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    refuse(folder, 'it is a file, not a folder');
  }
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    refuse(folder, reason(error));
  }
  const probe = join(folder, `.mixdown-probe-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
    await unlink(probe);
  } catch (error) {
    refuse(folder, reason(error));
  }
}

/**
 * Make the sub-folder a file goes into (it lies inside the proven folder); returns the first
 * folder it had to create, if any, so a failed delivery can remove it again.
 */
export async function ensureSubfolder(path: string): Promise<string | undefined> {
  try {
    return await mkdir(path, { recursive: true });
  } catch (error) {
    refuse(path, reason(error));
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission to write there is denied';
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'ENOTDIR':
      return 'part of its path is a file, not a folder';
    case 'EEXIST':
      return 'a file already has that name';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function refuse(folder: string, why: string): never {
  throw new MixdownError(
    'write-failed',
    `Cannot write deliverables to ${folder}: ${why}; choose another output folder.`,
  );
}
