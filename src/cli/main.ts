import { runCli } from './program.js';

/** Entry point of the `mixdown` bin. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv);
}
