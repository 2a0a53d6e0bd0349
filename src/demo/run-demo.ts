// The demo's pipeline: raw takes → editing → mix → master → delivery, with a report at each
// end. Every step runs the same `mixdown` commands a user would type.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { CliIo } from '../cli/cli-io.js';
import { runCli } from '../cli/program.js';
import { writeFileAtomic } from '../io/index.js';
import { createProject, loadProject, SESSION_FILE } from '../session/index.js';
import { type EditFigure, measureEdits } from './measure-edits.js';
import { mixPlan } from './mix-plan.js';
import { generateDemoTakes, writeDemoTakes } from './synth/index.js';

export interface DemoOptions {
  /** Folder everything is written to; it must not exist, or be one the demo made. */
  readonly root: string;
  /** Where the demo and the commands print (default: the process's streams). */
  readonly io?: CliIo;
}

export interface DemoResult {
  readonly session: string;
  readonly mix: string;
  readonly stems: string;
  readonly master: string;
  readonly masterReport: string;
  readonly release: string;
  readonly figures: readonly EditFigure[];
  readonly wallSeconds: number;
}

const MARKER = '.made-by-mixdown-demo';
const KEY = 'A minor';
// The bass DI's pulse wave beats into weak transients; only the notes' attacks should move.
const BASS_ONSETS = 0.5;

/** Thrown for a folder the demo will not overwrite: a user mistake, not a bug. */
export class DemoFolderError extends Error {}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const io = options.io ?? { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
  const root = options.root;
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const print = (line = '') => io.stdout.write(`${line}\n`);
  const shown = (path: string): string => {
    const r = relative(io.cwd, path);
    return r.startsWith('..') || isAbsolute(r) ? path : r;
  };
  const step = (title: string) =>
    print(
      `\n── ${title} (${seconds().toFixed(1)} s) ${'─'.repeat(Math.max(0, 60 - title.length))}`,
    );

  /** Runs a mixdown command as a user would, showing it first. */
  const mixdown = async (...args: string[]): Promise<void> => {
    const words = args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : shown(a)));
    print(`\n$ mixdown ${words.join(' ')}`);
    const code = await runCli(args, io);
    if (code !== 0) throw new Error(`mixdown ${args[0]} ${args[1]} failed (exit ${code}).`);
  };

  // The demo only ever deletes a folder it made itself.
  if (existsSync(root) && !existsSync(join(root, MARKER))) {
    throw new DemoFolderError(
      `${root} exists and was not made by the demo; move it away or choose another folder.`,
    );
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await writeFileAtomic(join(root, MARKER), 'This folder is rewritten by `npm run demo`.\n');

  step('1. Record: synthesising the raw takes, flaws and all');
  const demo = generateDemoTakes({ seed: 1, flaws: true });
  const takeFiles = await writeDemoTakes(join(root, 'takes'), demo);
  for (const take of demo.takes) print(`  ${take.name.padEnd(22)} ${take.description}`);

  step('2. Project: one track per take, then a mix engineer’s first pass');
  const project = join(root, 'song');
  await createProject(project, takeFiles);
  const session = join(project, SESSION_FILE);
  const initial = JSON.parse(await readFile(session, 'utf8'));
  await writeFileAtomic(session, `${JSON.stringify(mixPlan(initial, demo), null, 2)}\n`);
  await mixdown('validate', project);

  step('3. Edit: fixing the takes before the mix (every edit is stored in the session)');
  await mixdown(
    'edit',
    'align',
    project,
    '--guide',
    'Overheads',
    '--multitrack',
    'Kick,Snare,Hats',
  );
  // Repairs before timing edits: hum is a steady sinusoid only until the take is warped.
  // The bass line sits a hertz from the mains (G1 is 49 Hz): name the mains frequency.
  await mixdown('edit', 'dehum', project, '--track', 'Bass', '--mains-hz', '50');
  const onsets = String(BASS_ONSETS);
  await mixdown(
    'edit',
    'quantize',
    project,
    '--track',
    'Bass',
    '--grid',
    '1/8',
    '--threshold',
    onsets,
  );
  await mixdown('edit', 'declick', project, '--track', 'Lead vocal', '--take', 'take1');
  await mixdown('edit', 'declip', project, '--track', 'Lead vocal', '--take', 'take1');
  await mixdown('edit', 'comp', project, '--track', 'Lead vocal', '--key', KEY);
  const double = ['--track', 'Vocal double'];
  await mixdown('edit', 'align', project, ...double, '--guide', 'Lead vocal', '--mode', 'warp');
  await mixdown('edit', 'tune', project, ...double, '--key', KEY, '--retune-ms', '40');

  // Room noise, on the takes the comp plays: compression would lift it in every pause. The
  // profile is learned from each whole take (its steady floor), after the clicks are gone.
  // Last, because the double was aligned to the comp: a guide denoised to −80 dBFS in its
  // ending while the double keeps its room tone makes the warp squeeze that ending by 2 s.
  const denoisedTakes = await compTakes(session, 'Lead vocal');
  for (const take of denoisedTakes)
    await mixdown('edit', 'denoise', project, '--track', 'Lead vocal', '--take', take);

  print('\nWhat changed, measured on the takes before and after their stored edits:');
  const figures = await measureEdits(await loadProject(project), demo, {
    key: KEY,
    bassOnsets: BASS_ONSETS,
    denoisedTakes,
  });
  for (const f of figures)
    print(`  ${f.label.padEnd(50)} ${f.beforeText.padStart(22)}  →  ${f.afterText}`);

  step('4. Mix: render the session');
  const renders = join(project, 'renders');
  const mix = join(renders, 'mix.wav');
  await mixdown('render', project, '-o', mix, '--stems');

  step('5. Master: the assistant chooses the chain, loudness targeted for Spotify');
  const master = join(renders, 'master.wav');
  await mixdown('master', mix, '--target', 'spotify', '-o', master);

  step('6. Deliver: files for Spotify, Apple Music and CD, each checked after its codec');
  const release = join(root, 'release');
  await mixdown(
    'deliver',
    master,
    ...['--platforms', 'spotify,apple,cd', '-o', release, '--title', 'mixdown demo song'],
    ...['--artist', 'mixdown', '--isrc', 'ZZ-MXD-26-00001', '--year', '2026', '--track', '1'],
  );

  const result: DemoResult = {
    session,
    mix,
    stems: join(renders, 'mix-stems'),
    master,
    masterReport: join(renders, 'master-report.html'),
    release,
    figures,
    wallSeconds: seconds(),
  };
  print(`\n── Done: wall time ${result.wallSeconds.toFixed(1)} s ${'─'.repeat(40)}`);
  print(`  session:          ${shown(session)}   (every edit, the mix and the mastering chain)`);
  print(`  mix and stems:    ${shown(mix)}, ${shown(result.stems)}/`);
  print(`  master:           ${shown(master)}`);
  print(`  mastering report: ${shown(result.masterReport)}`);
  print(`  deliverables:     ${shown(release)}/ (manifest.json, report.html)`);
  return result;
}

/** The takes a comped track's regions play, in order of first use. */
async function compTakes(session: string, track: string): Promise<string[]> {
  const document = JSON.parse(await readFile(session, 'utf8')) as {
    tracks: { name: string; comp?: { regions: { take: string }[] } }[];
  };
  const regions = document.tracks.find((t) => t.name === track)?.comp?.regions ?? [];
  return [...new Set(regions.map((r) => r.take))];
}
