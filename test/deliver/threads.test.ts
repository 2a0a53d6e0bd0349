import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { type DeliverProgress, deliverMaster } from '../../src/deliver/deliver.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { writeHotMaster48k } from './helpers/master.js';

/**
 * Files rendered on worker threads are the files rendered on the calling thread: the same
 * bytes and the same manifest for a hot master delivered to Spotify, Apple and CD (lossy
 * retries, conversion, dither) with one thread and with two. A file that cannot be brought
 * under its ceiling in a worker still fails the delivery with its one sentence, and nothing
 * is left behind.
 */

const tmp = useTempDir();
let masterPath = '';

beforeAll(async () => {
  masterPath = tmp.path('hot.wav');
  await writeHotMaster48k(masterPath);
});

async function folderBytes(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const e of entries.filter((x) => x.isFile())) {
    const path = join(e.parentPath, e.name);
    files.set(path.slice(dir.length), await readFile(path));
  }
  return files;
}

describe('deliver --threads', () => {
  it('two worker threads write the same bytes and manifest as one thread', async () => {
    const progress: DeliverProgress[] = [];
    const run = (threads: number) =>
      deliverMaster({
        master: masterPath,
        outputDir: tmp.path(`release-${threads}`),
        platforms: ['spotify', 'apple', 'cd'],
        tags: { title: 'Threads' },
        threads,
        onProgress: threads === 2 ? (p) => progress.push(p) : undefined,
      });
    const one = await run(1);
    const two = await run(2);
    // Progress counts files as the workers finish them, 0 … 5, then the manifest.
    expect(progress.map((p) => p.filesDone)).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect(progress.at(-1)!.current).toBe('manifest');
    expect(progress.slice(1, -1).every((p) => / done$/.test(p.current))).toBe(true);
    expect(one.workerThreads).toBe(0);
    expect(two.workerThreads).toBe(2);
    expect(two.manifest).toEqual(one.manifest);
    // The loop had work to do: conversion pushed this master over, so files were limited.
    expect(one.manifest.files.some((f) => f.compliance.action === 're-limited')).toBe(true);
    const a = await folderBytes(tmp.path('release-1'));
    const b = await folderBytes(tmp.path('release-2'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
  });

  it('a ceiling out of reach in a worker fails with its sentence and leaves no files', async () => {
    const out = tmp.path('release-unreachable');
    const attempt = deliverMaster({
      master: masterPath,
      outputDir: out,
      formats: ['wav24', 'mp3-320'],
      formatsCeilingDbtp: -11.95,
      threads: 2,
    });
    await expect(attempt).rejects.toBeInstanceOf(MixdownError);
    await expect(attempt).rejects.toMatchObject({ code: 'unreachable-target' });
    await expect(attempt).rejects.toThrow(
      /^The MP3 320 kbit\/s, 44\.1 kHz deliverable still decodes at /,
    );
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(existsSync(join(out, 'formats'))).toBe(false);
  });

  it('refuses a thread count that is not a whole number of at least 1', async () => {
    const attempt = deliverMaster({
      master: masterPath,
      outputDir: tmp.path('release-zero'),
      platforms: ['cd'],
      threads: 0,
    });
    await expect(attempt).rejects.toThrow(
      /^The number of threads must be a whole number of at least 1, not 0\.$/,
    );
  });
});
