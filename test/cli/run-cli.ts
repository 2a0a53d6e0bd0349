import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';

/** Runs the command line in-process from `cwd` and captures what it prints and its exit code. */
export async function cli(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
