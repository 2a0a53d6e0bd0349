import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { trackNameFromFile } from '../../src/session/file-names.js';
import { createProject, loadProject, mostCommonRate } from '../../src/session/project.js';
import { schemaFilePath } from '../../src/session/schema-file.js';
import { useTempDir, writeTone } from './helpers.js';

/** `createProject`, behind `mixdown init`. */

const tempDir = useTempDir();
let count = 0;
const fresh = (name = 'case'): string => join(tempDir(), `${name}-${++count}`);

async function takes(names: string[], options: { sampleRate?: number } = {}): Promise<string[]> {
  const dir = fresh('takes');
  const paths = names.map((name) => join(dir, name));
  for (const path of paths) await writeTone(path, { seconds: 0.2, ...options });
  return paths;
}

describe('createProject', () => {
  it('lays out the folder, copies sources byte for byte, one track each', async () => {
    const files = await takes(['01_kick.wav', '02_lead-vocal_take3.wav']);
    const dir = fresh('song');
    const created = await createProject(dir, files);

    expect((await readdir(dir)).sort()).toEqual(['audio', 'renders', 'session.json']);
    expect((await readdir(join(dir, 'audio'))).sort()).toEqual([
      '01_kick.wav',
      '02_lead-vocal_take3.wav',
    ]);
    for (const file of files) {
      const copy = join(dir, 'audio', file.split('/').pop() as string);
      expect(Buffer.compare(await readFile(copy), await readFile(file))).toBe(0);
    }
    const project = await loadProject(dir);
    expect(project.document).toEqual(created.document);
    expect(
      project.resolved.tracks.map((t) => [t.name, t.clips[0].sourceId, t.clips[0].startSeconds]),
    ).toEqual([
      ['kick', 'kick', 0],
      ['lead vocal take3', 'lead-vocal-take3', 0],
    ]);
    expect(project.resolved.name).toBe(dir.split('/').pop());
  });

  it('points $schema at the package schema by a relative path', async () => {
    const dir = fresh('song');
    const created = await createProject(dir, []);
    const $schema = created.document.$schema as string;
    expect($schema.startsWith('/')).toBe(false);
    expect(resolve(dir, $schema)).toBe(schemaFilePath());
  });

  it('refuses a folder that already has a session, leaving it untouched', async () => {
    const dir = fresh('song');
    await mkdir(dir);
    await writeFile(join(dir, 'session.json'), 'my work');
    const [file] = await takes(['kick.wav']);
    const error = await createProject(dir, [file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MixdownError);
    expect((error as MixdownError).message).toBe(
      `${join(dir, 'session.json')} already exists; mixdown init never overwrites a session, so choose a new folder or edit that one.`,
    );
    expect(await readFile(join(dir, 'session.json'), 'utf8')).toBe('my work');
    expect(await readdir(dir)).toEqual(['session.json']);
  });

  it('gives files and names of the same name distinct ones', async () => {
    const first = await takes(['kick.wav']);
    const second = await takes(['kick.wav']);
    const dir = fresh('song');
    await createProject(dir, [...first, ...second]);
    const { resolved } = await loadProject(dir);
    expect(resolved.sources.map((s) => [s.id, s.path])).toEqual([
      ['kick', 'audio/kick.wav'],
      ['kick-2', 'audio/kick-2.wav'],
    ]);
    expect(resolved.tracks.map((t) => t.name)).toEqual(['kick', 'kick 2']);
  });

  it('uses a file already in the audio folder where it is', async () => {
    const dir = fresh('song');
    await writeTone(join(dir, 'audio', 'bass.wav'), { seconds: 0.2 });
    const created = await createProject(dir, [join(dir, 'audio', 'bass.wav')]);
    expect(created.sources.map((s) => [s.path, s.copied])).toEqual([['audio/bass.wav', false]]);
    expect(await readdir(join(dir, 'audio'))).toEqual(['bass.wav']);
  });

  it('takes the most common sample rate of the files', async () => {
    const files = [
      ...(await takes(['a.wav', 'b.wav'], { sampleRate: 44100 })),
      ...(await takes(['c.wav'], { sampleRate: 96000 })),
    ];
    const created = await createProject(fresh('song'), files);
    expect(created.document.sampleRate).toBe(44100);
  });

  it('checks every file before copying any', async () => {
    const [good] = await takes(['good.wav']);
    const bad = join(fresh('takes'), 'notes.wav');
    await mkdir(join(bad, '..'), { recursive: true });
    await writeFile(bad, 'not audio');
    const dir = fresh('song');
    const error = await createProject(dir, [good, bad]).catch((e: unknown) => e);
    expect((error as MixdownError).code).toBe('unsupported-format');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('names from file names', () => {
  it.each([
    ['02_lead-vocal_take3.wav', 'lead vocal take3'],
    ['01 - Kick In.wav', 'Kick In'],
    ['7. bass.aif', 'bass'],
    ['808_sub.wav', '808 sub'],
    ['Overheads.flac', 'Overheads'],
    ['03.wav', '03'],
  ])('%s → %s', (file, name) => {
    expect(trackNameFromFile(file)).toBe(name);
  });

  it('most common rate prefers the higher of equally common rates', () => {
    expect(mostCommonRate([44100, 48000])).toBe(48000);
    expect(mostCommonRate([48000, 44100, 44100])).toBe(44100);
    expect(mostCommonRate([])).toBeUndefined();
  });
});
