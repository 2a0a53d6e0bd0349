import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { runCli } from '../../../src/cli/program.js';
import { loadProject, SESSION_FILE } from '../../../src/session/index.js';
import { useTempDir } from '../../io/helpers/fixtures.js';
import { readSession, sine, writeSession } from '../../mix/project-helpers.js';
import { makeCompProject } from './comp-project.js';
import { mono, singTake } from './sung-takes.js';

const tmp = useTempDir();

async function cli(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  };
  return { code: await runCli(args, io), stdout, stderr };
}

/** One plain sentence on one line, no stack trace. */
function expectOneSentence(stderr: string): void {
  expect(stderr).toMatch(/^mixdown: [^\n]+[.)]\n$/);
  expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

// take1 sings phrase 2 35 cents sharp, take2 sings phrase 1 60 ms late: the clean comp is
// take1 for phrase 1 and take2 for phrase 2 (phrase 3 either), so the comp must switch.
let project: string;
beforeAll(async () => {
  project = await makeCompProject(tmp.dir(), {
    take1: mono(singTake({ seed: 21, flaws: { detuneCents: new Map([[1, 35]]) } })),
    take2: mono(singTake({ seed: 22, flaws: { lateMs: new Map([[0, 60]]) } })),
    take3: mono(singTake({ seed: 23, flaws: { detuneCents: new Map([[0, -40]]) } })),
  });
});

describe('mixdown edit comp', () => {
  it('--dry-run prints the score table and leaves the session untouched', async () => {
    const before = await readFile(join(project, SESSION_FILE));
    const r = await cli(
      tmp.dir(),
      'edit',
      'comp',
      project,
      '--track',
      'Lead vocal',
      '--key',
      'A minor',
      '--dry-run',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run');
    expect(r.stdout).toContain('Phrase 3');
    expect(Buffer.compare(await readFile(join(project, SESSION_FILE)), before)).toBe(0);
  });

  it('writes the comp into the session and prints the table with the chosen takes marked', async () => {
    const r = await cli(tmp.dir(), 'edit', 'comp', project, '--track', 'Lead vocal', '--key', 'Am');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    console.log(r.stdout);
    // A row per take per phrase, the chosen one starred, and a reason per phrase.
    expect(r.stdout.match(/^ {2}\* {2}take\d/gm)).toHaveLength(3);
    expect(r.stdout.match(/^ {2}why: /gm)).toHaveLength(3);
    expect(r.stdout).toContain('edit any region there');
    const doc = await readSession(project);
    const regions = doc.tracks[0].comp.regions as { take: string; start: number; end: number }[];
    expect(doc.tracks[0].comp.crossfadeMs).toBe(20);
    expect(regions[0].take).toBe('take1');
    expect(regions[1].take).toBe('take2');
    expect(regions[0].start).toBe(0);
    expect(regions[regions.length - 1].end).toBeCloseTo(9.5, 6);
    // The saved session is valid and renders from the comp.
    await expect(loadProject(project)).resolves.toBeDefined();
  });

  it('refuses a track with fewer than two takes, in one sentence', async () => {
    const single = await makeCompProject(tmp.dir(), { only: sine(220, 0.1, 1, 48000) });
    const r = await cli(tmp.dir(), 'edit', 'comp', single, '--track', 'Lead vocal');
    expect(r.code).not.toBe(0);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain('needs at least two');
  });

  it('refuses an unknown key, in one sentence', async () => {
    const r = await cli(tmp.dir(), 'edit', 'comp', project, '--track', 'Lead vocal', '--key', 'H');
    expect(r.code).not.toBe(0);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain('is not understood');
  });

  it('refuses takes at different sample rates, in one sentence', async () => {
    const mixed = await makeCompProject(tmp.dir(), {
      a: sine(220, 0.1, 1, 48000),
      b: sine(220, 0.1, 1, 44100),
    });
    const r = await cli(tmp.dir(), 'edit', 'comp', mixed, '--track', 'Lead vocal');
    expect(r.code).not.toBe(0);
    expectOneSentence(r.stderr);
    expect(r.stderr).toContain('different sample rates');
  });

  it('refuses an unknown track and a guide that is not a take, in one sentence', async () => {
    const r1 = await cli(tmp.dir(), 'edit', 'comp', project, '--track', 'Lead vox');
    expect(r1.code).not.toBe(0);
    expectOneSentence(r1.stderr);
    const r2 = await cli(
      tmp.dir(),
      'edit',
      'comp',
      project,
      '--track',
      'Lead vocal',
      '--guide',
      'take9',
    );
    expect(r2.code).not.toBe(0);
    expectOneSentence(r2.stderr);
  });

  it('refuses a session that does not validate and leaves its file as it was', async () => {
    // A session already broken elsewhere is refused on load: nothing is half-applied.
    const doc = await readSession(project);
    const before = JSON.stringify(doc);
    doc.tracks[0].gainDb = 'loud';
    await writeSession(project, doc);
    const text = await readFile(join(project, SESSION_FILE), 'utf8');
    const r = await cli(tmp.dir(), 'edit', 'comp', project, '--track', 'Lead vocal');
    expect(r.code).not.toBe(0);
    expect(await readFile(join(project, SESSION_FILE), 'utf8')).toBe(text);
    await writeSession(project, JSON.parse(before));
  });
});
