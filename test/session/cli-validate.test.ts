import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';
import { type Loose, useTempDir, writeProject } from './helpers.js';

/** `mixdown validate`: what it prints and the exit status scripts rely on. */

const tempDir = useTempDir();
let count = 0;

/** A project "song-N" in the temporary folder; returns its name, relative to that folder. */
async function project(
  change?: (doc: Loose) => void,
  sources = [{ id: 'kick' }, { id: 'bass', seconds: 2.5 }],
) {
  const name = `song-${++count}`;
  await writeProject(join(tempDir(), name), { sources }, change);
  return name;
}

describe('mixdown validate', () => {
  it('a valid session: one line with its size, exit 0', async () => {
    const name = await project((d) => {
      d.buses = [{ name: 'Drums' }];
      d.tracks[0].output = 'Drums';
      d.tracks[1].clips[0].start = '2:1'; // 2 s at 120 bpm: ends at 4.5 s
    });
    expect(await run(tempDir(), 'validate', name)).toEqual({
      code: 0,
      stdout: `${name}/session.json is valid: 2 tracks, 1 bus, 0:04.5 long.\n`,
      stderr: '',
    });
  });

  it('takes the session file as well as the folder', async () => {
    const name = await project();
    const result = await run(join(tempDir(), name), 'validate', 'session.json');
    expect([result.code, result.stdout]).toEqual([
      0,
      'session.json is valid: 2 tracks, 0 buses, 0:02.5 long.\n',
    ]);
  });

  it('every problem on its own line, exit 1', async () => {
    const name = await project((d) => {
      d.tracks[0].gainDb = 30;
      d.tracks[1].inserts = [{ type: 'gain', gainDB: 1 }];
    });
    expect(await run(tempDir(), 'validate', name)).toEqual({
      code: 1,
      stdout: [
        `${name}/session.json has 2 problems:`,
        '  tracks[0].gainDb: must be at most 12, got 30',
        '  tracks[1].inserts[0].gainDB: is not a known key here (known: type, bypass, gainDb); did you mean "gainDb"?',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('names a routing cycle', async () => {
    const name = await project((d) => {
      d.buses = [
        { name: 'Drums', sends: [{ to: 'FX' }] },
        { name: 'FX', output: 'Drums' },
      ];
    });
    const result = await run(tempDir(), 'validate', name);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  buses[0].sends[0]: routing cycle: Drums → FX → Drums (buses[0].sends[0] → buses[1].output); remove one of these routes\n',
    );
  });

  it('lists every source problem, and --rehash accepts changed files only', async () => {
    const name = await project();
    const dir = join(tempDir(), name);
    await appendFile(join(dir, 'audio/bass.wav'), new Uint8Array(4));
    const before = await readFile(join(dir, 'audio/bass.wav'));

    const checked = await run(tempDir(), 'validate', name);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(
      /has a problem:\n {2}sources\[1\]: source "bass" \(audio\/bass\.wav\) has changed since the session was saved \(\d+ bytes then, \d+ now\); if that is intended, run "mixdown validate --rehash song-\d+" to accept it/,
    );

    const rehashed = await run(tempDir(), 'validate', '--rehash', name);
    expect(rehashed.code).toBe(0);
    expect(rehashed.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^source "bass" \(audio\/bass\.wav\): (\d+) bytes, SHA-256 [0-9a-f]{12}… → \d+ bytes, SHA-256 [0-9a-f]{12}…$/,
      ),
      `Recorded in ${name}/session.json.`,
      `${name}/session.json is valid: 2 tracks, 0 buses, 0:02.5 long.`,
      '',
    ]);
    // The source itself is never touched; the session now records it as it is.
    expect(Buffer.compare(await readFile(join(dir, 'audio/bass.wav')), before)).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'));
    expect(saved.sources[1].bytes).toBe(before.length);
    expect((await run(tempDir(), 'validate', name)).code).toBe(0);
  });

  it('--rehash cannot bring back a missing file', async () => {
    const name = await project((d) => (d.sources[0].path = 'audio/gone.wav'));
    const result = await run(tempDir(), 'validate', '--rehash', name);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'sources[0].path: source "kick" (audio/gone.wav) is missing; restore the file or fix sources[0].path',
    );
  });

  it('a session from a newer mixdown: one sentence, exit 1', async () => {
    const name = await project((d) => (d.version = 7));
    expect(await run(tempDir(), 'validate', name)).toEqual({
      code: 1,
      stdout: '',
      stderr: `mixdown: ${name}/session.json was saved by a newer mixdown (session format 7; this version reads up to 1); update mixdown to open it.\n`,
    });
  });

  it('bad input is one sentence, never a stack trace', async () => {
    await mkdir(join(tempDir(), 'empty'), { recursive: true });
    await writeFile(join(tempDir(), 'empty/session.json'), '{ "format": ');
    for (const target of ['no-such-folder', 'empty']) {
      const result = await run(tempDir(), 'validate', target);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--help shows examples', async () => {
    const result = await run(tempDir(), 'validate', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mixdown validate --rehash song');
  });
});
