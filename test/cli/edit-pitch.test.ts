import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { generateDemoTakes, TAKE } from '../../src/demo/synth/index.js';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

/** The first 8 s of the demo's pitchy vocal take (phrase 1 is detuned 20–45 cents per note). */
let pitchy: AudioData;
beforeAll(() => {
  const demo = generateDemoTakes({ seed: 1, flaws: true });
  const take = demo.takes.find((t) => t.name === TAKE.vocal2)!.audio;
  pitchy = {
    sampleRate: take.sampleRate,
    channels: take.channels.map((c) => c.slice(0, 8 * take.sampleRate)),
  };
});

describe('mixdown tune and edit tune', () => {
  it('shows the notes and their deviations, then tunes them to the key', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'tune-'));
    await writeAudio(join(dir, 'vox.wav'), pitchy, {
      format: 'wav',
      sampleRate: pitchy.sampleRate,
      channels: 1,
      bitDepth: 24,
    });
    const before = await cli(dir, 'tune', 'vox.wav', '--key', 'A minor');
    expect(before.code).toBe(0);
    const offBefore = Number(
      /(\d+) of (\d+) notes are more than 15 cents off/.exec(before.stdout)?.[1],
    );
    expect(offBefore).toBeGreaterThan(5);

    const tuned = await cli(dir, 'edit', 'tune', 'vox.wav', '--key', 'A minor', '-o', 'tuned.wav');
    expect(tuned.code).toBe(0);
    const after = await cli(dir, 'tune', 'tuned.wav', '--key', 'A minor');
    expect(after.stdout).toMatch(/^0 of \d+ notes are more than 15 cents off/m);
  });

  it('stores a tune edit on a session track; a bad key is refused', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'tune-session-'));
    const project = await makeProject(dir, { vox: pitchy });
    const r = await cli(
      dir,
      'edit',
      'tune',
      project,
      '--track',
      'take vox',
      '--key',
      'A minor',
      '--retune-ms',
      '10',
    );
    expect(r.code).toBe(0);
    const edit = (await readSession(project)).tracks[0].clips[0].edits[0];
    expect(edit.op).toBe('tune');
    expect(edit.retuneMs).toBe(10);
    expect(edit.notes.length).toBeGreaterThan(5);
    const bad = await cli(dir, 'edit', 'tune', project, '--track', 'take vox', '--key', 'H major');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/key/i);
  });
});
