import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession, sine, writeSession } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

// Three tracks, one of them on a bus that another also sends to; a unity master without
// inserts. Six seconds, so the render is long enough for worker threads.
async function projectWithBus(): Promise<{ dir: string; project: string }> {
  const project = await makeProject(tmp.dir(), {
    kick: sine(60, 0.4, 6, 48000),
    keys: sine(440, 0.3, 6, 48000, 2),
    pad: sine(330, 0.3, 6, 48000),
  });
  const doc = await readSession(project);
  doc.buses = [{ name: 'Pads', gainDb: -2, inserts: [{ type: 'gain', gainDb: -3 }] }];
  doc.tracks[2].output = 'Pads';
  doc.tracks[1].sends = [{ to: 'Pads', levelDb: -6 }];
  doc.tracks[1].pan = 0.3;
  await writeSession(project, doc);
  // Renders go beside the project, in the test case's own folder.
  return { dir: dirname(project), project };
}

/** `mixdown render` to 32-bit float with stems on `threads` threads. */
const renderStems = (dir: string, project: string, out: string, threads: string) =>
  cli(dir, 'render', project, '-o', out, '--format', 'wav32f', '--stems', '--threads', threads);

describe('mixdown render --stems', () => {
  it('writes a stem per track and per bus, and the bus plus the direct tracks sum to the mix', async () => {
    const { dir, project } = await projectWithBus();
    const r = await renderStems(dir, project, 'mix.wav', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 stems in mix-stems');
    const stems = join(dir, 'mix-stems');
    expect((await readdir(stems)).sort()).toEqual(
      ['Pads.wav', 'take keys.wav', 'take kick.wav', 'take pad.wav'].sort(),
    );
    const mix = (await readAudio(join(dir, 'mix.wav'))).channels;
    const stem = async (name: string) => (await readAudio(join(stems, `${name}.wav`))).channels;
    // The pad reaches the master only through the bus; kick and keys go there directly
    // (the keys' send lands in the bus stem).
    const parts = [await stem('Pads'), await stem('take kick'), await stem('take keys')];
    let maxError = 0;
    let peak = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < mix[c].length; i++) {
        const sum = parts.reduce((s, p) => s + p[c][i], 0);
        maxError = Math.max(maxError, Math.abs(mix[c][i] - sum));
        peak = Math.max(peak, Math.abs(mix[c][i]));
      }
    }
    // Float32 rounding of a three-term sum near a peak below 1: a few ulps of 2^-24.
    expect(maxError).toBeLessThan(4 * 2 ** -24);
    expect(peak).toBeGreaterThan(0.3);
    // Adding the pad's own stem as well would count it twice: the stems are not all direct.
    const pad = await stem('take pad');
    expect(Math.max(...pad[0].subarray(0, 48000).map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('--threads 2 writes the same bytes as --threads 1, mix and stems, and says it used workers', async () => {
    const { dir, project } = await projectWithBus();
    const run = async (threads: string) => {
      const r = await renderStems(dir, project, `t${threads}.wav`, threads);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    expect(await run('1')).not.toMatch(/worker thread/);
    expect(await run('2')).toMatch(/tracks on 2 worker threads/);
    const bytes = (path: string) => readFile(join(dir, path));
    expect((await bytes('t2.wav')).equals(await bytes('t1.wav'))).toBe(true);
    const names = await readdir(join(dir, 't1-stems'));
    expect(names.length).toBe(4);
    for (const name of names) {
      const a = await bytes(join('t1-stems', name));
      const b = await bytes(join('t2-stems', name));
      expect(b.equals(a), name).toBe(true);
    }
  });
});
