import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { deliverMaster } from '../../src/deliver/deliver.js';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { sine } from './helpers/spectrum.js';

/**
 * A delivery that fails part-way — here the CD files cannot be written because a file sits
 * where their folder should be — removes the files it had already written and the folders it
 * made, and writes no manifest: a folder with a manifest is always a complete delivery.
 */

const tmp = useTempDir();

describe('deliver: failure part-way', () => {
  it('rolls back the files already written and writes no manifest', async () => {
    const FS = 44100;
    const master = tmp.path('tone.wav');
    await writeAudio(
      master,
      { sampleRate: FS, channels: [sine(FS, FS, 1000, 0.5)] },
      {
        format: 'wav',
        sampleRate: FS,
        channels: 1,
        bitDepth: 24,
      },
    );
    const out = tmp.path('release');
    await mkdir(out);
    await writeFile(tmp.path('release/cd'), 'in the way');
    const attempt = deliverMaster({ master, outputDir: out, platforms: ['broadcast', 'cd'] });
    await expect(attempt).rejects.toBeInstanceOf(MixdownError);
    await expect(attempt).rejects.toThrow(
      /^Cannot write deliverables to .*release\/cd: a file already has that name; choose another output folder\.$/,
    );
    // The broadcast WAV was written first, then removed with its folder.
    expect(existsSync(tmp.path('release/broadcast'))).toBe(false);
    expect(await readdir(out)).toEqual(['cd']);
  });
});
