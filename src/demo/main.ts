// `npm run demo`, the README's main job: raw takes → editing → mix → master → delivery,
// with a report at each end. Every step runs the same `mixdown` commands a user would type.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runCli } from '../cli/program.js';
import { createProject, type LoadedProject, loadProject, SESSION_FILE } from '../session/index.js';
import {
  beforeAfter,
  clippedSamples,
  gridDeviationMs,
  notesOffKey,
  tail,
  toneLevelDbfs,
} from './edit-figures.js';
import { mixPlan } from './mix-plan.js';
import { generateDemoTakes, writeDemoTakes } from './synth/index.js';

const root = join(process.cwd(), 'demo-output');
const marker = join(root, '.made-by-mixdown-demo');
const started = Date.now();
const rel = (path: string): string => relative(process.cwd(), path);

function step(title: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n── ${title} (${seconds} s) ${'─'.repeat(Math.max(0, 60 - title.length))}`);
}

/** Runs a mixdown command as a user would, showing it first. */
async function mixdown(...args: string[]): Promise<void> {
  const shown = args.map((a) =>
    /[\s"]/.test(a) ? JSON.stringify(a) : a.startsWith(process.cwd()) ? rel(a) : a,
  );
  console.log(`\n$ mixdown ${shown.join(' ')}`);
  const code = await runCli(args);
  if (code !== 0) throw new Error(`mixdown ${args[0]} failed (exit ${code})`);
}

function figure(label: string, before: string, after: string): void {
  console.log(`  ${label.padEnd(44)} ${before.padStart(16)}  →  ${after}`);
}

// The demo only ever deletes a folder it made itself.
if (existsSync(root) && !existsSync(marker)) {
  throw new Error(`${root} exists and was not made by the demo; move it away first.`);
}
await rm(root, { recursive: true, force: true });
await mkdir(root, { recursive: true });
await writeFile(marker, 'This folder is rewritten by `npm run demo`.\n');

step('1. Record: synthesising the raw takes, flaws and all');
const demo = generateDemoTakes({ seed: 1, flaws: true });
const takeFiles = await writeDemoTakes(join(root, 'takes'), demo);
for (const take of demo.takes) console.log(`  ${take.name.padEnd(22)} ${take.description}`);

step('2. Project: one track per take, then a mix engineer’s first pass');
const project = join(root, 'song');
await createProject(project, takeFiles);
const sessionPath = join(project, SESSION_FILE);
const initial = JSON.parse(await readFile(sessionPath, 'utf8'));
await writeFile(sessionPath, `${JSON.stringify(mixPlan(initial, demo), null, 2)}\n`);
await mixdown('validate', project);

step('3. Edit: fixing the takes before the mix (every edit is stored in the session)');
const key = 'A minor';
await mixdown('edit', 'align', project, '--guide', 'Overheads', '--multitrack', 'Kick,Snare,Hats');
// Repairs before timing edits: hum is a steady sinusoid only until the take is warped.
// The bass line sits a hertz from the mains (G1 is 49 Hz): name the mains frequency.
await mixdown('edit', 'dehum', project, '--track', 'Bass', '--mains-hz', '50');
// The bass DI's pulse wave beats into weak transients; only the notes' attacks should move.
const BASS_ONSETS = '0.5';
await mixdown(
  'edit',
  'quantize',
  project,
  '--track',
  'Bass',
  '--grid',
  '1/8',
  '--threshold',
  BASS_ONSETS,
);
await mixdown('edit', 'declick', project, '--track', 'Lead vocal', '--take', 'take1');
await mixdown('edit', 'declip', project, '--track', 'Lead vocal', '--take', 'take1');
await mixdown('edit', 'comp', project, '--track', 'Lead vocal', '--key', key);
await mixdown(
  'edit',
  'align',
  project,
  '--track',
  'Vocal double',
  '--guide',
  'Lead vocal',
  '--mode',
  'warp',
);
await mixdown(
  'edit',
  'tune',
  project,
  '--track',
  'Vocal double',
  '--key',
  key,
  '--retune-ms',
  '40',
);

console.log('\nWhat changed, measured before and after the stored edits:');
const edited: LoadedProject = await loadProject(project);
const bass = await beforeAfter(edited, 'Bass');
figure(
  'bass: 50 Hz hum, in the last 1.5 s (no notes)',
  `${toneLevelDbfs(tail(bass.before, 1.5), 50).toFixed(1)} dBFS`,
  `${toneLevelDbfs(tail(bass.after, 1.5), 50).toFixed(1)} dBFS`,
);
const deviation = (audio: typeof bass.before) =>
  `${gridDeviationMs(audio, demo.tempoBpm, 2, Number(BASS_ONSETS)).toFixed(1)} ms`;
figure(
  'bass: note onsets, mean distance from the 1/8 grid',
  deviation(bass.before),
  deviation(bass.after),
);
const take1 = await beforeAfter(edited, 'Lead vocal', { take: 'take1' });
figure(
  'lead vocal take 1: clipped samples',
  String(clippedSamples(take1.before)),
  String(clippedSamples(take1.after)),
);
const double = await beforeAfter(edited, 'Vocal double');
const offBefore = notesOffKey(double.before, key);
const offAfter = notesOffKey(double.after, key);
figure(
  'vocal double: notes > 15 cents off A minor',
  `${offBefore.off} of ${offBefore.total}`,
  `${offAfter.off} of ${offAfter.total}`,
);

step('4. Mix: render the session');
const mix = join(project, 'renders', 'mix.wav');
await mixdown('render', project, '-o', mix, '--stems');

step('5. Master: the assistant chooses the chain, loudness targeted for Spotify');
const master = join(project, 'renders', 'master.wav');
await mixdown('master', mix, '--target', 'spotify', '-o', master);

step('6. Deliver: files for Spotify, Apple Music and CD, each checked after its codec');
const release = join(root, 'release');
await mixdown(
  'deliver',
  master,
  '--platforms',
  'spotify,apple,cd',
  '-o',
  release,
  '--title',
  'mixdown demo song',
  '--artist',
  'mixdown',
  '--isrc',
  'ZZ-MXD-26-00001',
  '--year',
  '2026',
  '--track',
  '1',
);

step(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(
  `  session:          ${rel(sessionPath)}   (every edit, the mix and the mastering chain)`,
);
console.log(`  mix and stems:    ${rel(mix)}, ${rel(join(project, 'renders', 'mix-stems'))}/`);
console.log(`  master:           ${rel(master)}`);
console.log(`  mastering report: ${rel(join(project, 'renders', 'master-report.html'))}`);
console.log(`  deliverables:     ${rel(release)}/ (manifest.json, report.html)`);
