import { createHash } from 'node:crypto';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { SessionError } from '../../src/session/issues.js';
import { resolveSession } from '../../src/session/resolve.js';
import { fingerprintFile } from '../../src/session/sources.js';
import { type Loose, useTempDir, writeProject } from './helpers.js';

/** Every source is checked against the disk before a session resolves. */

const tempDir = useTempDir();
let count = 0;
/** A fresh project folder per test. */
const folder = (): string => join(tempDir(), `project-${++count}`);

async function failure(action: Promise<unknown>): Promise<MixdownError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof MixdownError) return error;
  throw new Error(`expected a MixdownError, got ${String(error)}`);
}

describe('sources', () => {
  it('resolve with their header and their real size and hash', async () => {
    const dir = folder();
    const doc = await writeProject(dir, {
      sources: [{ id: 'pad', channels: 2, sampleRate: 44100, seconds: 0.5 }],
    });
    const resolved = await resolveSession(doc, dir);
    const bytes = await readFile(join(dir, 'audio/pad.wav'));
    expect(resolved.sources).toEqual([
      {
        id: 'pad',
        path: 'audio/pad.wav',
        absolutePath: join(dir, 'audio/pad.wav'),
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sampleRate: 44100,
        channels: 2,
        frames: 22050,
      },
    ]);
    // No length given: the clip runs to the end of the source.
    expect(resolved.tracks[0].clips[0].lengthSeconds).toBe(0.5);
  });

  it('missing: named, with the path to fix', async () => {
    const dir = folder();
    const doc = await writeProject(dir, { sources: [{ id: 'kick' }] });
    await rm(join(dir, 'audio/kick.wav'));
    const error = await failure(resolveSession(doc, dir));
    expect([error.code, error.message]).toEqual([
      'file-not-found',
      'session.json: source "kick" (audio/kick.wav) is missing; restore the file or fix sources[0].path.',
    ]);
  });

  it('changed in size: says how to accept the change', async () => {
    const dir = folder();
    const doc: Loose = await writeProject(dir, { sources: [{ id: 'kick' }] });
    await appendFile(join(dir, 'audio/kick.wav'), new Uint8Array(10));
    const error = await failure(
      resolveSession(doc, dir, { fileName: 'song/session.json', projectLabel: 'song' }),
    );
    expect([error.code, error.message]).toEqual([
      'source-changed',
      `song/session.json: source "kick" (audio/kick.wav) has changed since the session was saved (${doc.sources[0].bytes} bytes then, ${doc.sources[0].bytes + 10} now); if that is intended, run "mixdown validate --rehash song" to accept it, otherwise restore the original file.`,
    ]);
  });

  it('changed in content only: the hash notices', async () => {
    const dir = folder();
    const doc = await writeProject(dir, { sources: [{ id: 'kick' }] });
    const path = join(dir, 'audio/kick.wav');
    const bytes = await readFile(path);
    bytes[bytes.length - 1] ^= 1; // one bit of the last sample
    await writeFile(path, bytes);
    const error = await failure(resolveSession(doc, dir));
    expect(error.code).toBe('source-changed');
    expect(error.message).toContain('(same size, different SHA-256)');
  });

  it('without a recorded size and hash: says how to record them', async () => {
    const dir = folder();
    const doc = await writeProject(dir, { sources: [{ id: 'kick' }] }, (d) => {
      delete d.sources[0].sha256;
    });
    const error = await failure(resolveSession(doc, dir, { projectLabel: 'song' }));
    expect(error.message).toBe(
      'session.json: source "kick" (audio/kick.wav) has no recorded size and SHA-256; run "mixdown validate --rehash song" to record them.',
    );
  });

  it('with more than two channels: refused with a way forward', async () => {
    const dir = folder();
    const doc = await writeProject(dir, {
      sources: [{ id: 'surround', channels: 6, seconds: 0.1 }],
    });
    const error = await failure(resolveSession(doc, dir));
    expect([error.code, error.message]).toEqual([
      'unsupported-format',
      'session.json: source "surround" (audio/surround.wav) has 6 channels; mixdown mixes mono and stereo sources, so split it into mono or stereo files and add those instead.',
    ]);
  });

  it('that are not audio: the reader’s reason, with the source named', async () => {
    const dir = folder();
    const doc: Loose = await writeProject(dir, { sources: [{ id: 'kick' }] });
    const path = join(dir, 'audio/kick.wav');
    await writeFile(path, 'not audio at all');
    // Recorded as it is now, so the hash check passes and the header is what fails.
    Object.assign(doc.sources[0], await fingerprintFile(path));
    const error = await failure(resolveSession(doc, dir));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(
      /^session\.json: source "kick" \(audio\/kick\.wav\) cannot be read: .*kick\.wav: this is not an audio file/,
    );
  });

  it('a clip running past its source is a document problem with its path', async () => {
    const dir = folder();
    const doc = await writeProject(dir, { sources: [{ id: 'kick', seconds: 1 }] }, (d) => {
      d.tracks[0].clips[0].offsetSeconds = 0.25;
      d.tracks[0].clips[0].lengthSeconds = 1;
    });
    const error = await failure(resolveSession(doc, dir));
    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).issues.map((i) => i.path)).toEqual([
      'tracks[0].clips[0].lengthSeconds',
    ]);
    expect(error.message).toBe(
      'session.json has a problem: tracks[0].clips[0].lengthSeconds: must be at most 0.75 so the clip ends within source "kick" (1 s long) when read from offsetSeconds 0.25, got 1.',
    );
  });
});
