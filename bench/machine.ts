import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** One line describing where a benchmark ran, for BENCHMARKS.md. */
export function describeMachine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${model}, ${cpu.length} cores, ${gib} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** The version line of an external tool, or undefined when it is not installed. */
export function toolVersion(command: string, args: string[] = ['-version']): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  // Some tools (rubberband) print their version on stderr.
  return (result.stdout.trim() || result.stderr.trim()).split('\n')[0].trim() || command;
}
