import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { SessionError } from '../../src/session/issues.js';
import { formatSessionJson, loadProject, saveSession } from '../../src/session/project.js';
import type { SessionDocument } from '../../src/session/schema.js';
import { type Loose, useTempDir, writeProject } from './helpers.js';

/** Loading a project folder and saving its session. */

const tempDir = useTempDir();
let count = 0;
const folder = (): string => join(tempDir(), `project-${++count}`);

async function failure(action: Promise<unknown>): Promise<MixdownError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof MixdownError) return error;
  throw new Error(`expected a MixdownError, got ${String(error)}`);
}

describe('loadProject', () => {
  it('opens a folder or its session.json alike', async () => {
    const dir = folder();
    await writeProject(dir, { sources: [{ id: 'kick' }, { id: 'snare' }] });
    const byFolder = await loadProject(dir);
    const byFile = await loadProject(join(dir, 'session.json'));
    expect(byFolder.projectDir).toBe(dir);
    expect(byFile.resolved).toEqual(byFolder.resolved);
    expect(byFolder.resolved.tracks.map((t) => t.name)).toEqual(['kick', 'snare']);
    expect(byFolder.document.name).toBe('Test project');
  });

  it('names paths as the user typed them', async () => {
    const dir = folder();
    await writeProject(dir, { sources: [] }, (d) => {
      d.tracks = [{ name: 'A', gainDb: 40 }];
    });
    const error = await failure(loadProject(dir.slice(tempDir().length + 1), { cwd: tempDir() }));
    expect(error.message).toBe(
      `${dir.slice(tempDir().length + 1)}/session.json has a problem: tracks[0].gainDb: must be at most 12, got 40.`,
    );
  });

  it('summarises several problems in one sentence and keeps them all', async () => {
    const dir = folder();
    await writeProject(dir, { sources: [{ id: 'kick' }] }, (d) => {
      d.tracks[0].output = 'Drums';
      d.tracks[0].pan = -3;
      d.sampleRate = 0;
    });
    const error = await failure(loadProject(dir));
    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).issues).toHaveLength(2); // schema first; routes wait for it
    expect(error.message).toBe(
      `${dir}/session.json has 2 problems; the first: sampleRate: must be at least 8000, got 0.`,
    );
  });

  it('a session whose only problem is a routing cycle fails with that code', async () => {
    const dir = folder();
    await writeProject(dir, { sources: [] }, (d) => {
      d.buses = [
        { name: 'A', output: 'B' },
        { name: 'B', output: 'A' },
      ];
    });
    const error = await failure(loadProject(dir));
    expect([error.code, error.message]).toEqual([
      'routing-cycle',
      `${dir}/session.json has a problem: buses[0].output: routing cycle: A → B → A (buses[0].output → buses[1].output); remove one of these routes.`,
    ]);
  });

  it('a folder without a session', async () => {
    const dir = folder();
    await mkdir(dir, { recursive: true });
    const error = await failure(loadProject(dir));
    expect([error.code, error.message]).toEqual([
      'file-not-found',
      `${dir} has no session.json; create a project there with "mixdown init ${dir}".`,
    ]);
  });

  it('a path that does not exist', async () => {
    const error = await failure(loadProject('no/such/place', { cwd: tempDir() }));
    expect(error.message).toBe('no/such/place: no such file or folder; check the path.');
  });

  it('JSON with a syntax error: says where', async () => {
    const dir = folder();
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'session.json'),
      '{\n  "format": "mixdown-session",\n  "version": 1,,\n}\n',
    );
    const error = await failure(loadProject(dir));
    expect(error.code).toBe('invalid-session');
    expect(error.message).toMatch(
      /session\.json is not valid JSON \(at line 3, column \d+\); fix the syntax there\.$/,
    );
  });
});

describe('saveSession', () => {
  it('writes stable 2-space JSON that loads back the same', async () => {
    const dir = folder();
    const document = await writeProject(dir, { sources: [{ id: 'kick' }] });
    const renamed: Loose = { ...document, name: 'Renamed' };
    await saveSession(dir, renamed);
    const text = await readFile(join(dir, 'session.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(renamed, null, 2)}\n`);
    expect(text).toBe(formatSessionJson(renamed));
    expect((await loadProject(dir)).document).toEqual(renamed);
  });

  it('refuses an invalid document and leaves the file as it was', async () => {
    const dir = folder();
    const document = await writeProject(dir, { sources: [{ id: 'kick' }] });
    const before = await readFile(join(dir, 'session.json'), 'utf8');
    const broken = { ...document, tracks: [{ name: 'master' }] } as SessionDocument;
    const error = await failure(saveSession(dir, broken));
    expect(error).toBeInstanceOf(SessionError);
    expect(await readFile(join(dir, 'session.json'), 'utf8')).toBe(before);
    // Nothing half-written left beside it either.
    expect((await readdir(dir)).sort()).toEqual(['audio', 'session.json']);
  });
});
