// `npm run demo`, the README's main job: raw takes → editing → mix → master → delivery,
// with a report at each end (the pipeline is run-demo.ts).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DemoFolderError, runDemo } from './run-demo.js';

const HELP = `Usage: npm run demo [-- --out <folder>]

Synthesises a song's raw takes with the flaws real takes have, then runs the mixdown
commands a user would: the editing stage (with before/after figures for every fix), the
mix, the master and the deliverables, each with its report. Takes about a minute.

Options:
  --out <folder>  where to write everything (default: demo-output). An existing folder
                  is replaced only if the demo made it.
  -h, --help      show this text
`;

let out = 'demo-output';
try {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (values.out !== undefined) out = values.out;
} catch (error) {
  process.stderr.write(`demo: ${(error as Error).message} (see --help)\n`);
  process.exit(2);
}

try {
  await runDemo({ root: resolve(out) });
} catch (error) {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(error instanceof DemoFolderError ? 2 : 1);
}
