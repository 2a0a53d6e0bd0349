// `npm run demo`: raw takes → project → mix → render → analysis (the README's main job).
// Later stages (editing before the mix, mastering and delivery after it) join here as
// they land.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runCli } from '../cli/program.js';
import { createProject, SESSION_FILE } from '../session/index.js';
import { mixPlan } from './mix-plan.js';
import { generateDemoTakes, writeDemoTakes } from './synth/index.js';

const root = join(process.cwd(), 'demo-output');
const marker = join(root, '.made-by-mixdown-demo');
const started = Date.now();

function step(title: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n── ${title} (${seconds} s) ${'─'.repeat(Math.max(0, 60 - title.length))}`);
}

async function cli(...args: string[]): Promise<void> {
  const code = await runCli(args);
  if (code !== 0) throw new Error(`mixdown ${args[0]} failed (exit ${code})`);
}

// The demo only ever deletes a folder it made itself.
if (existsSync(root) && !existsSync(marker)) {
  throw new Error(`${root} exists and was not made by the demo; move it away first.`);
}
await rm(root, { recursive: true, force: true });
await mkdir(root, { recursive: true });
await writeFile(marker, 'This folder is rewritten by `npm run demo`.\n');

step('1. Record: synthesising the raw takes');
const demo = generateDemoTakes({ seed: 1 });
const takeFiles = await writeDemoTakes(join(root, 'takes'), demo);
for (const take of demo.takes) console.log(`  ${take.name.padEnd(22)} ${take.description}`);

step('2. Project: mixdown init');
const project = join(root, 'song');
await createProject(project, takeFiles);
const sessionPath = join(project, SESSION_FILE);
const initial = JSON.parse(await readFile(sessionPath, 'utf8'));
// The vocal comp: each phrase from the take that sings it best (here: take 1 throughout,
// with a take-2 line in phrase 2 to show comping; the editing stage will choose by score).
const comp = demo.phrases.map((p, i) => ({
  take: i === 1 ? 'take2' : 'take1',
  start: i === 0 ? 0 : p.startSeconds - 0.25,
  end: i === demo.phrases.length - 1 ? demo.lengthSeconds : demo.phrases[i + 1].startSeconds - 0.25,
}));
await writeFile(sessionPath, `${JSON.stringify(mixPlan(initial, demo, comp), null, 2)}\n`);
await cli('validate', project);

step('3. Mix: mixdown render');
const mix = join(project, 'renders', 'mix.wav');
await cli('render', project, '-o', mix, '--stems');

step('4. Analysis: mixdown analyze --platforms');
await cli(
  'analyze',
  relative(process.cwd(), mix),
  '--platforms',
  'spotify,apple,youtube,broadcast,cd',
);

step(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`  project:  ${relative(process.cwd(), sessionPath)}`);
console.log(`  mix:      ${relative(process.cwd(), mix)}`);
