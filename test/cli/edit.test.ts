import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, sine } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

describe('mixdown edit', () => {
  it('edits a plain file into a new one, keeping length, rate and channels, and leaves the source alone', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'file-'));
    const input = join(dir, 'take.wav');
    await writeAudio(input, sine(440, 0.1, 1, 44100, 2), {
      format: 'wav',
      sampleRate: 44100,
      channels: 2,
      bitDepth: 24,
    });
    const before = await readFile(input);
    const r = await cli(
      dir,
      'edit',
      'normalize',
      'take.wav',
      '-o',
      'loud.wav',
      '--peak-dbfs',
      '-1',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Peak -20.0 → -1.0 dBFS');
    const out = await readAudio(join(dir, 'loud.wav'));
    expect(out.sampleRate).toBe(44100);
    expect(out.channels.length).toBe(2);
    expect(out.channels[0].length).toBe(44100);
    expect(out.info.bitDepth).toBe(24);
    expect(await readFile(input)).toEqual(before);
  });

  it('stores an edit on a session track and validates its values', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'session-'));
    const project = await makeProject(dir, { vox: sine(330, 0.2, 1, 48000) });
    const ok = await cli(
      dir,
      'edit',
      'normalize',
      project,
      '--track',
      'take vox',
      '--mode',
      'loudness',
      '--loudness-lufs',
      '-20',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('tracks[0].clips[0].edits[0]');
    const doc = JSON.parse(await readFile(join(project, 'session.json'), 'utf8'));
    expect(doc.tracks[0].clips[0].edits).toEqual([
      { op: 'normalize', mode: 'loudness', loudnessLufs: -20 },
    ]);

    const bad = await cli(
      dir,
      'edit',
      'normalize',
      project,
      '--track',
      'take vox',
      '--peak-dbfs',
      '3',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--peak-dbfs must be at most 0, got 3');
    const unknownTrack = await cli(dir, 'edit', 'normalize', project, '--track', 'drums');
    expect(unknownTrack.code).toBe(2);
    expect(unknownTrack.stderr).toContain('no track named "drums"');
  });

  it('refuses to overwrite its own input and asks for -o or --track', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'refuse-'));
    const input = join(dir, 'take.wav');
    await writeAudio(input, sine(440, 0.1, 0.2, 48000), {
      format: 'wav',
      sampleRate: 48000,
      channels: 1,
      bitDepth: 16,
    });
    expect((await cli(dir, 'edit', 'normalize', 'take.wav', '-o', 'take.wav')).code).toBe(2);
    expect((await cli(dir, 'edit', 'normalize', 'take.wav')).code).toBe(2);
    expect(existsSync(join(dir, 'take.wav'))).toBe(true);
  });
});
