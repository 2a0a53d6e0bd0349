// `npm run bench`: runs the benchmarks and writes BENCHMARKS.md (machine, date, command,
// numbers). Pass suite names to run only some (then BENCHMARKS.md is not rewritten).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchAnalysis } from './analysis.js';
import { benchEditing } from './editing.js';
import { describeMachine } from './machine.js';
import { benchMastering } from './mastering.js';
import { benchProcessors } from './processors.js';
import { benchRender } from './render.js';

const SUITES: Record<string, (dir: string) => Promise<string>> = {
  analysis: benchAnalysis,
  processors: benchProcessors,
  render: benchRender,
  mastering: benchMastering,
  editing: benchEditing,
};

const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : Object.keys(SUITES);
const dir = join(process.cwd(), 'bench-output');
await mkdir(dir, { recursive: true });

const sections: string[] = [];
for (const name of names) {
  const suite = SUITES[name];
  if (!suite)
    throw new Error(`unknown suite "${name}"; choose from ${Object.keys(SUITES).join(', ')}`);
  console.error(`running ${name}…`);
  const section = await suite(dir);
  console.log(`${section}\n`);
  sections.push(section);
}

if (chosen.length === 0) {
  const header = [
    '# Benchmarks',
    '',
    `Machine: ${describeMachine()}`,
    `Date: ${new Date().toISOString().slice(0, 10)}`,
    'Command: `npm run bench` (writes this file; the machine is shared, so compare the ratios measured in the same run rather than absolute times).',
    '',
  ].join('\n');
  await writeFile('BENCHMARKS.md', `${header}\n${sections.join('\n\n')}\n`);
  console.error('wrote BENCHMARKS.md');
}
