import { spawnSync } from 'node:child_process';

/** Median of `runs` timings of `work` in seconds (the machine is shared and noisy). */
export async function medianSeconds(
  runs: number,
  work: () => Promise<unknown> | unknown,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export interface CommandTiming {
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Median wall time of an external command; throws if it fails. */
export async function timeCommand(
  runs: number,
  command: string,
  args: string[],
): Promise<CommandTiming> {
  let last: CommandTiming | undefined;
  const seconds = await medianSeconds(runs, () => {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
    last = {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  });
  return { ...last!, seconds };
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}
