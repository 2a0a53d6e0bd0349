import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, sha256, sine } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

async function setup(name: string) {
  const dir = await mkdtemp(join(tmp.dir(), `${name}-`));
  const project = await makeProject(dir, { vox: sine(220, 0.3, 2, 48000, 2) });
  return { dir, project };
}

async function render(dir: string, project: string, out: string): Promise<string> {
  const r = await cli(dir, 'render', project, '-o', out, '--format', 'wav32f', '--threads', '1');
  expect(r.code).toBe(0);
  return join(dir, out);
}

describe('clip edits are session operations', () => {
  it('a split clip renders exactly like the whole clip (split on the sample grid)', async () => {
    const { dir, project } = await setup('split');
    const whole = await sha256(await render(dir, project, 'whole.wav'));
    const r = await cli(
      dir,
      'edit',
      'split',
      project,
      '--track',
      'take vox',
      '--clip',
      '0',
      '--at',
      '0.7314159',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tracks[0].clips[0], tracks[0].clips[1]');
    const doc = JSON.parse(await readFile(join(project, 'session.json'), 'utf8'));
    expect(doc.tracks[0].clips).toHaveLength(2);
    expect(await sha256(await render(dir, project, 'split.wav'))).toBe(whole);
  });

  it('trim keeps the audio in place; move, gain, fade and reverse change the render as stated', async () => {
    const { dir, project } = await setup('trim');
    const full = (await readAudio(await render(dir, project, 'full.wav'))).channels[0];
    expect(
      (
        await cli(
          dir,
          'edit',
          'trim',
          project,
          '--track',
          'take vox',
          '--clip',
          '0',
          '--from',
          '0.5',
          '--to',
          '1.5',
        )
      ).code,
    ).toBe(0);
    const trimmed = (await readAudio(await render(dir, project, 'trimmed.wav'))).channels[0];
    expect(trimmed.length).toBe(1.5 * 48000);
    expect(trimmed[12000]).toBe(0);
    expect(Array.from(trimmed.subarray(24000, 24100))).toEqual(
      Array.from(full.subarray(24000, 24100)),
    );

    expect(
      (await cli(dir, 'edit', 'gain', project, '--track', 'take vox', '--clip', '0', '--db', '-6'))
        .code,
    ).toBe(0);
    const quieter = (await readAudio(await render(dir, project, 'quieter.wav'))).channels[0];
    expect(quieter[30000] / trimmed[30000]).toBeCloseTo(10 ** (-6 / 20), 5);

    expect(
      (await cli(dir, 'edit', 'move', project, '--track', 'take vox', '--clip', '0', '--to', '1:2'))
        .code,
    ).toBe(0);
    const moved = (await readAudio(await render(dir, project, 'moved.wav'))).channels[0];
    expect(moved.length).toBe((0.5 + 1) * 48000); // beat 2 at 120 bpm = 0.5 s, then 1 s of clip
    expect(moved[23999]).toBe(0);

    expect(
      (
        await cli(
          dir,
          'edit',
          'fade',
          project,
          '--track',
          'take vox',
          '--clip',
          '0',
          '--in-ms',
          '100',
          '--shape',
          'linear',
        )
      ).code,
    ).toBe(0);
    const faded = (await readAudio(await render(dir, project, 'faded.wav'))).channels[0];
    expect(Math.abs(faded[24000 + 10])).toBeLessThan(Math.abs(moved[24000 + 10]));

    expect(
      (await cli(dir, 'edit', 'reverse', project, '--track', 'take vox', '--clip', '0')).code,
    ).toBe(0);
    expect(
      (await cli(dir, 'edit', 'reverse', project, '--track', 'take vox', '--clip', '0')).code,
    ).toBe(0);
    expect(await sha256(await render(dir, project, 'twice-reversed.wav'))).toBe(
      await sha256(join(dir, 'faded.wav')),
    );
  });

  it('refuses a split outside the clip, a bad clip index and a bad fade shape, leaving the session as it was', async () => {
    const { dir, project } = await setup('bad');
    const before = await readFile(join(project, 'session.json'), 'utf8');
    const outside = await cli(
      dir,
      'edit',
      'split',
      project,
      '--track',
      'take vox',
      '--clip',
      '0',
      '--at',
      '5',
    );
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('split inside the clip');
    expect(
      (await cli(dir, 'edit', 'gain', project, '--track', 'take vox', '--clip', '3', '--db', '1'))
        .code,
    ).toBe(2);
    const shape = await cli(
      dir,
      'edit',
      'fade',
      project,
      '--track',
      'take vox',
      '--clip',
      '0',
      '--in-ms',
      '5',
      '--shape',
      'wobbly',
    );
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain('fadeIn.shape');
    expect(await readFile(join(project, 'session.json'), 'utf8')).toBe(before);
  });
});
