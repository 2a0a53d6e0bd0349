import { type ErrorCode, MixdownError } from '../core/errors.js';

/**
 * Every user-facing I/O failure is built here, so all of them read the same way:
 * `<file>: <what is wrong>; <what to do>.` — one sentence, no stack trace (DESIGN.md,
 * "Clear errors"). `problem` and `remedy` must not end with a full stop.
 */
export function fileError(
  code: ErrorCode,
  path: string,
  problem: string,
  remedy: string,
  cause?: unknown,
): MixdownError {
  return new MixdownError(code, `${path}: ${problem}; ${remedy}.`, { cause });
}

/** A duration for people: "0.4 s", "12.0 s", "3:04", "1:02:03". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown length';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.floor(seconds);
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A position precise enough to find one sample in an editor: "1.234567 s". */
export function formatPosition(frame: number, sampleRate: number): string {
  return `${(frame / sampleRate).toFixed(6)} s`;
}

/** "1 channel", "2 channels". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function emptyFile(path: string): MixdownError {
  return fileError('empty-file', path, 'the file is empty (0 bytes)', 're-export or re-copy it');
}

/** Reading: the path names a folder. */
export function folderGiven(path: string): MixdownError {
  return fileError(
    'not-a-file',
    path,
    'this is a folder, not an audio file',
    'give the path of a file inside it',
  );
}

/** Writing: a folder already has the output's name, so nothing could be renamed onto it. */
export function folderInTheWay(path: string): MixdownError {
  return fileError(
    'write-failed',
    path,
    'a folder already has this name',
    'choose another output name',
  );
}

interface SystemError {
  code?: string;
}

function systemCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as SystemError).code : undefined;
}

/** Translate a Node fs error met while opening or reading `path` for input. */
export function readFailure(path: string, error: unknown): MixdownError {
  if (error instanceof MixdownError) return error;
  switch (systemCode(error)) {
    case 'ENOENT':
      return fileError(
        'file-not-found',
        path,
        'no such file',
        'check the path and spelling',
        error,
      );
    case 'EISDIR':
      return folderGiven(path);
    case 'EACCES':
    case 'EPERM':
      return fileError(
        'unreadable',
        path,
        'permission to read the file was denied',
        'check its permissions',
        error,
      );
    default:
      return fileError(
        'unreadable',
        path,
        `the file could not be read (${describeSystemError(error)})`,
        'check the disk and try again',
        error,
      );
  }
}

/** Translate a Node fs error met while writing `path`. */
export function writeFailure(path: string, error: unknown): MixdownError {
  if (error instanceof MixdownError) return error;
  switch (systemCode(error)) {
    case 'ENOSPC':
      return fileError(
        'write-failed',
        path,
        'the disk is full',
        'free some space or write elsewhere',
        error,
      );
    case 'ENOENT':
      return fileError(
        'write-failed',
        path,
        'the folder to write into does not exist',
        'create it first or choose another folder',
        error,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return fileError(
        'write-failed',
        path,
        'permission to write here was denied',
        'choose a folder you can write to',
        error,
      );
    case 'EISDIR':
      return folderInTheWay(path);
    default:
      return fileError(
        'write-failed',
        path,
        `the file could not be written (${describeSystemError(error)})`,
        'check the disk and try again',
        error,
      );
  }
}

function describeSystemError(error: unknown): string {
  const code = systemCode(error);
  if (code) return code;
  return error instanceof Error ? error.message.replace(/[\r\n]+/g, ' ') : String(error);
}
