import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';
import { useTempDir, writeTone } from './helpers.js';

/** `mixdown init`: what it creates and prints, and what it refuses. */

const tempDir = useTempDir();

describe('mixdown init', () => {
  it('creates the project and says what it made', async () => {
    await writeTone(join(tempDir(), 'takes/01_kick.wav'), { seconds: 0.5 });
    await writeTone(join(tempDir(), 'takes/02_bass-di.wav'), {
      seconds: 1.25,
      channels: 2,
      sampleRate: 44100,
    });
    const result = await run(
      tempDir(),
      'init',
      '--name',
      'Night drive',
      'song',
      'takes/01_kick.wav',
      'takes/02_bass-di.wav',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Created song/session.json: "Night drive", 48 kHz, 2 tracks.');
    expect(lines[1]).toMatch(
      /^ {2}track "kick" +audio\/01_kick\.wav +mono, 48 kHz, 0:00\.5 +copied from takes\/01_kick\.wav$/,
    );
    expect(lines[2]).toMatch(
      /^ {2}track "bass di" +audio\/02_bass-di\.wav +stereo, 44\.1 kHz, 0:01\.3 +copied from takes\/02_bass-di\.wav$/,
    );
    expect(lines.at(-1)).toBe(
      'Next: edit song/session.json, then check it with "mixdown validate song".',
    );
    expect((await readdir(join(tempDir(), 'song'))).sort()).toEqual([
      'audio',
      'renders',
      'session.json',
    ]);
    expect((await run(tempDir(), 'validate', 'song')).code).toBe(0);
  });

  it('refuses a folder with a session: exit 2, nothing changed', async () => {
    await mkdir(join(tempDir(), 'existing'));
    await writeFile(join(tempDir(), 'existing/session.json'), '{}');
    const result = await run(tempDir(), 'init', 'existing');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'mixdown: existing/session.json already exists; mixdown init never overwrites a session, so choose a new folder or edit that one.\n',
    });
    expect(await readFile(join(tempDir(), 'existing/session.json'), 'utf8')).toBe('{}');
  });

  it('an audio file that cannot be read: one sentence, no project', async () => {
    const result = await run(tempDir(), 'init', 'never', 'takes/missing.wav');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('missing.wav');
    expect(await readdir(tempDir())).not.toContain('never');
  });

  it('checks --sample-rate', async () => {
    const result = await run(tempDir(), 'init', '--sample-rate', '100', 'slow');
    expect([result.code, result.stderr]).toEqual([
      2,
      'mixdown: --sample-rate must be between 8000 and 768000 Hz, got 100.\n',
    ]);
  });

  it('an empty project at the rate asked for', async () => {
    const result = await run(tempDir(), 'init', '--sample-rate', '96000', 'empty');
    expect(result.code).toBe(0);
    const session = JSON.parse(await readFile(join(tempDir(), 'empty/session.json'), 'utf8'));
    expect([session.sampleRate, session.tracks]).toEqual([96000, []]);
  });

  it('--help shows examples', async () => {
    const result = await run(tempDir(), 'init', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mixdown init song takes/*.wav');
  });
});
