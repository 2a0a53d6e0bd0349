import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionError } from '../../src/session/issues.js';
import { resolveSession } from '../../src/session/resolve.js';
import { problemsAfter, TEST_PROCESSORS, useTempDir, writeProject, writeTone } from './helpers.js';

/** Files named by processor parameters (impulse responses) are checked like sources. */

const tempDir = useTempDir();
const withReverb = (file: string) => (d: { buses?: unknown[] }) => {
  d.buses = [{ name: 'Hall', inserts: [{ type: 'convolver', impulseResponse: file }] }];
};

describe('file parameters', () => {
  it('must be relative to the project folder', () => {
    const hall = { type: 'convolver', impulseResponse: 'C:\\irs\\hall.wav' };
    expect(problemsAfter((d) => (d.buses[1].inserts = [hall]))).toEqual([
      'buses[1].inserts[0].impulseResponse: must be relative to the project folder (e.g. "audio/kick.wav"), got "C:\\\\irs\\\\hall.wav"',
    ]);
  });

  it('must exist when the session resolves', async () => {
    const dir = join(tempDir(), 'missing');
    const doc = await writeProject(dir, { sources: [{ id: 'kick' }] }, withReverb('irs/hall.wav'));
    const error = await resolveSession(doc, dir, { processors: TEST_PROCESSORS }).catch((e) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect([error.code, error.message]).toEqual([
      'file-not-found',
      'session.json has a problem: buses[0].inserts[0].impulseResponse: must name an audio file in the project folder, got "irs/hall.wav", which is missing.',
    ]);
  });

  it('resolve into the insert values as written', async () => {
    const dir = join(tempDir(), 'present');
    const doc = await writeProject(dir, { sources: [{ id: 'kick' }] }, withReverb('irs/hall.wav'));
    await writeTone(join(dir, 'irs/hall.wav'), { seconds: 0.1 });
    const resolved = await resolveSession(doc, dir, { processors: TEST_PROCESSORS });
    expect(resolved.buses[0].inserts[0].values).toEqual({
      impulseResponse: 'irs/hall.wav',
      mixPercent: 100,
    });
  });
});
