import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { RenderedReport } from './types.js';

/**
 * Write `<base>.html` and `<base>-<figure>.svg` into `dir`, each atomically (DESIGN.md,
 * "Nothing lost"): a crash leaves the previous report whole, never half a file. Returns the
 * paths written, the HTML first.
 */
export async function writeReport(
  dir: string,
  baseName: string,
  report: RenderedReport,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, `${baseName}.html`), report.html],
    ...report.figures.map((f): [string, string] => [join(dir, `${baseName}-${f.name}.svg`), f.svg]),
  ];
  for (const [path, content] of files) await writeFileAtomic(path, content);
  return files.map(([path]) => path);
}
