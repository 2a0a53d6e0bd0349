/**
 * Where a command writes. The real CLI passes process streams; tests pass buffers, so every
 * command can run in-process and be checked for its output and exit code.
 */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** Exit codes scripts can rely on (documented in README.md and `mixdown --help`). */
export const ExitCode = {
  /** Everything asked for was done. */
  ok: 0,
  /** At least one input could not be processed (bad file, bad session…); the rest were. */
  inputError: 1,
  /** The command line itself is wrong (unknown option, missing argument, bad value). */
  usage: 2,
  /** A check the user asked for failed (e.g. a target could not be reached). */
  checkFailed: 3,
  /** A bug in mixdown. */
  internal: 70,
} as const;
