/**
 * Errors a user can act on. Every one carries a stable code (for scripts, batch reports and
 * the studio) and a single plain sentence that names the file or document path, what is
 * wrong, and what to do. The CLI prints the sentence and exits non-zero; it never shows a
 * stack trace for a MixdownError.
 */
export type ErrorCode =
  | 'file-not-found'
  | 'not-a-file'
  | 'empty-file'
  | 'unreadable'
  | 'unsupported-format'
  | 'unsupported-codec'
  | 'corrupt-file'
  | 'truncated-file'
  | 'invalid-samples'
  | 'no-audio'
  | 'write-failed'
  | 'invalid-argument'
  | 'invalid-session'
  | 'source-changed'
  | 'routing-cycle'
  | 'newer-version'
  | 'unreachable-target'
  | 'internal';

export class MixdownError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MixdownError';
    this.code = code;
  }
}

export function isMixdownError(error: unknown): error is MixdownError {
  return error instanceof MixdownError;
}
