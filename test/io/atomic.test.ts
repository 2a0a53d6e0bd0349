import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { temporaryPathFor } from '../../src/io/atomic.js';
import {
  createWriter,
  type EncodeFormat,
  readAudio,
  writeAudio,
  writeFileAtomic,
} from '../../src/io/index.js';
import { expectMixdownError, listDir, multiTone, useTempDir } from './helpers/fixtures.js';

/**
 * "Nothing lost": a writer's bytes live in a hidden temporary file until close() renames
 * it, so an aborted or failed write leaves nothing under the final name.
 */

const tmp = useTempDir();
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const block = (frames: number, channels = 2) =>
  Array.from({ length: channels }, (_, c) => multiTone(44100, frames, c));

describe.each(['wav', 'flac', 'mp3', 'ogg-vorbis'] as EncodeFormat[])('%s writer', (format) => {
  const options = { format, sampleRate: 44100, channels: 2 } as const;

  it('writes to a hidden temporary file and renames it into place on close', async () => {
    const dir = tmp.path(`ok-${format}`);
    await mkdir(dir);
    const path = `${dir}/out.${format}`;
    const writer = await createWriter(path, options);
    await writer.write(block(10_000), 10_000);
    expect(await exists(path)).toBe(false);
    const during = await listDir(dir);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(new RegExp(`^\\.out\\.${format}\\.mixdown-tmp-[0-9a-f]{12}$`));
    await writer.close();
    expect(await listDir(dir)).toEqual([`out.${format}`]);
    expect((await readAudio(path)).info.frames).toBe(10_000);
  });

  it('abort() leaves nothing under the final name and no temporary file', async () => {
    const dir = tmp.path(`abort-${format}`);
    await mkdir(dir);
    const writer = await createWriter(`${dir}/out.${format}`, options);
    await writer.write(block(5000), 5000);
    await writer.abort();
    await writer.abort(); // harmless twice
    expect(await listDir(dir)).toEqual([]);
  });

  it('an error in the middle of writing leaves nothing, and keeps an older file intact', async () => {
    const dir = tmp.path(`fail-${format}`);
    await mkdir(dir);
    const path = `${dir}/out.${format}`;
    await writeFile(path, 'the previous version');
    const writer = await createWriter(path, options);
    await writer.write(block(5000), 5000);
    const poisoned = block(5000);
    poisoned[1][1234] = Number.NaN;
    const error = await expectMixdownError(writer.write(poisoned, 5000), 'invalid-samples', path);
    expect(error.message).toContain(`NaN on channel 2 at ${(6234 / 44100).toFixed(6)} s`);
    expect(await listDir(dir)).toEqual([`out.${format}`]);
    expect(await readFile(path, 'utf8')).toBe('the previous version');
    // The writer is finished with: further use is refused, not silently ignored.
    await expect(writer.write(block(10), 10)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(writer.close()).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('writer failures before any byte is written', () => {
  it('impossible options are refused without creating a file', async () => {
    const dir = tmp.path('options');
    await mkdir(dir);
    const path = `${dir}/x.flac`;
    const error = await expectMixdownError(
      createWriter(path, { format: 'flac', sampleRate: 44100, channels: 2, bitDepth: 32 }),
      'invalid-argument',
      path,
    );
    expect(error.message).toContain('use 16 or 24, or WAV for float');
    expect(await listDir(dir)).toEqual([]);
  });

  it('a missing folder is write-failed', async () => {
    const path = tmp.path('no/such/folder/out.wav');
    await expectMixdownError(
      writeAudio(
        path,
        { sampleRate: 44100, channels: block(10) },
        { format: 'wav', sampleRate: 44100, channels: 2 },
      ),
      'write-failed',
      path,
    );
  });

  it('a folder under the output name is write-failed, before encoding starts', async () => {
    const path = tmp.path('i-am-a-folder.wav');
    await mkdir(path);
    const error = await expectMixdownError(
      createWriter(path, { format: 'wav', sampleRate: 44100, channels: 2 }),
      'write-failed',
      path,
    );
    expect(error.message).toContain('a folder already has this name');
  });

  it('audio that disagrees with the options is refused', async () => {
    const path = tmp.path('mismatch.wav');
    await expectMixdownError(
      writeAudio(
        path,
        { sampleRate: 48000, channels: block(10) },
        { format: 'wav', sampleRate: 44100, channels: 2 },
      ),
      'invalid-argument',
      path,
    );
    expect(await exists(path)).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes, replacing an older file only when complete', async () => {
    const dir = tmp.path('atomic');
    await mkdir(dir);
    const path = `${dir}/session.json`;
    await writeFileAtomic(path, '{"version":1}');
    expect(await readFile(path, 'utf8')).toBe('{"version":1}');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await listDir(dir)).toEqual(['session.json']);
  });

  it('fails with write-failed and leaves no temporary file when the target cannot be replaced', async () => {
    const dir = tmp.path('atomic-fail');
    await mkdir(`${dir}/report.json`, { recursive: true });
    await expectMixdownError(
      writeFileAtomic(`${dir}/report.json`, 'x'),
      'write-failed',
      `${dir}/report.json`,
    );
    expect(await listDir(dir)).toEqual(['report.json']);
  });

  it('names temporary files beside the target, hidden, with a random suffix', () => {
    const a = temporaryPathFor('/music/out/master.wav');
    const b = temporaryPathFor('/music/out/master.wav');
    expect(a).toMatch(/^\/music\/out\/\.master\.wav\.mixdown-tmp-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
