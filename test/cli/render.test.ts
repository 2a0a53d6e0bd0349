import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../io/helpers/fixtures.js';
import {
  type LooseDocument,
  makeProject,
  readSession,
  sine,
  writeSession,
} from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

async function newProject(): Promise<{ dir: string; project: string }> {
  const dir = await mkdtemp(join(tmp.dir(), 'render-'));
  const project = await makeProject(dir, {
    kick: sine(60, 0.5, 1, 48000),
    keys: sine(440, 0.3, 1, 48000, 2),
  });
  return { dir, project };
}

describe('mixdown render', () => {
  it('renders a project and prints length, peak, loudness and true peak', async () => {
    const { dir, project } = await newProject();
    const r = await cli(dir, 'render', project, '-o', 'mix.flac');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /length 0:01\.0 · peak -?[\d.]+ dBFS · integrated -?[\d.]+ LUFS · true peak -?[\d.]+ dBTP/,
    );
    expect(existsSync(join(dir, 'mix.flac'))).toBe(true);
  });

  it('renders to renders/mix.wav by default, with stems and a bar:beat range', async () => {
    const { dir, project } = await newProject();
    const r = await cli(
      dir,
      'render',
      project,
      '--stems',
      '--range',
      '1:2-1:3',
      '--format',
      'wav16',
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(project, 'renders', 'mix.wav'))).toBe(true);
    expect((await readdir(join(project, 'renders', 'mix-stems'))).length).toBe(2);
    expect(r.stdout).toContain('length 0:00.5'); // one beat at 120 bpm
  });

  const broken: [string, (doc: LooseDocument, project: string) => Promise<void> | void, RegExp][] =
    [
      [
        'a schema error, with its path',
        (doc) => {
          doc.tracks[0].gainDb = 50;
        },
        /tracks\[0\]\.gainDb: must be at most 12, got 50/,
      ],
      [
        'an unknown processor',
        (doc) => {
          doc.tracks[0].inserts = [{ type: 'reverbb' }];
        },
        /unknown processor "reverbb"/,
      ],
      [
        'an unknown parameter',
        (doc) => {
          doc.tracks[0].inserts = [{ type: 'gain', gian: 3 }];
        },
        /tracks\[0\]\.inserts\[0\]\.gian/,
      ],
      [
        'an out-of-range value',
        (doc) => {
          doc.tracks[0].inserts = [{ type: 'gain', gainDb: -500 }];
        },
        /gainDb: must be at least -96, got -500/,
      ],
      [
        'a routing cycle',
        (doc) => {
          doc.buses = [
            { name: 'A', output: 'B' },
            { name: 'B', output: 'A' },
          ];
        },
        /routing cycle/,
      ],
      [
        'a session from a newer version',
        (doc) => {
          doc.version = 99;
        },
        /newer mixdown/,
      ],
      [
        'a missing source file',
        async (_doc, p) => {
          await rm(join(p, 'audio', 'take-kick.wav'));
        },
        /missing/,
      ],
      [
        'a changed source file',
        async (_doc, p) => {
          await appendFile(join(p, 'audio', 'take-kick.wav'), new Uint8Array(8));
        },
        /has changed/,
      ],
    ];

  for (const [label, breakIt, pattern] of broken) {
    it(`refuses ${label}: one clear message, exit 1, nothing written`, async () => {
      const { dir, project } = await newProject();
      const doc = await readSession(project);
      // Record sizes and hashes so a changed file can be detected.
      await breakIt(doc, project);
      await writeSession(project, doc);
      const r = await cli(dir, 'render', project, '-o', 'out.wav');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'out.wav'))).toBe(false);
      expect((await readdir(dir)).filter((f) => f.includes('mixdown-tmp'))).toEqual([]);
    });
  }

  it('refuses a bad format or range with exit code 2', async () => {
    const { dir, project } = await newProject();
    expect((await cli(dir, 'render', project, '--format', 'ogg')).code).toBe(2);
    expect((await cli(dir, 'render', project, '--range', '10-5')).code).toBe(2);
    expect((await cli(dir, 'render', project, '--range', 'soon-later')).code).toBe(2);
  });
});
