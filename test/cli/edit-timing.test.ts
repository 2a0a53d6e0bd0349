import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { Prng } from '../../src/core/prng.js';
import { detectOnsets, estimateOffset } from '../../src/edit/timing/index.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();
const FS = 48000;

/** Decaying noise hits at `times` (seconds), delayed by `delaySamples` (may be fractional: rounded here). */
function hits(times: number[], seconds: number, seed: number, delaySamples = 0): AudioData {
  const prng = new Prng(seed);
  const data = new Float32Array(Math.round(seconds * FS));
  const shape = Float32Array.from(
    { length: 4800 },
    (_, i) => (prng.next() - 0.5) * Math.exp(-i / 600),
  );
  for (const t of times) {
    const at = Math.round(t * FS + delaySamples);
    for (let i = 0; i < shape.length && at + i < data.length; i++) data[at + i] += shape[i];
  }
  return { sampleRate: FS, channels: [data] };
}

async function wav(path: string, audio: AudioData): Promise<string> {
  await writeAudio(path, audio, { format: 'wav', sampleRate: FS, channels: 1, bitDepth: 32 });
  return path;
}

describe('mixdown edit align / quantize', () => {
  const grid = Array.from({ length: 16 }, (_, i) => 0.25 + i * 0.25);

  it('aligns a late take to its guide on a plain file (offset)', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'align-'));
    const guide = await wav(join(dir, 'guide.wav'), hits(grid, 5, 1));
    await wav(join(dir, 'late.wav'), hits(grid, 5, 1, 1123));
    const r = await cli(
      dir,
      'edit',
      'align',
      'late.wav',
      '--guide',
      'guide.wav',
      '-o',
      'aligned.wav',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('23.40 ms late');
    const after = estimateOffset(await readAudio(guide), await readAudio(join(dir, 'aligned.wav')));
    expect(Math.abs(after.seconds * FS)).toBeLessThan(0.1);
  });

  it('stores the alignment as a shift edit on a session track', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'align-session-'));
    const project = await makeProject(dir, {
      lead: hits(grid, 5, 2),
      double: hits(grid, 5, 2, 480),
    });
    const r = await cli(
      dir,
      'edit',
      'align',
      project,
      '--track',
      'take double',
      '--guide',
      'take lead',
    );
    expect(r.code).toBe(0);
    const doc = await readSession(project);
    expect(doc.tracks[1].clips[0].edits[0].op).toBe('shift');
    expect(doc.tracks[1].clips[0].edits[0].offsetSeconds).toBeCloseTo(-0.01, 5);
  });

  it('refuses a take that does not match its guide', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'nomatch-'));
    await wav(join(dir, 'guide.wav'), hits(grid, 5, 3));
    await wav(
      join(dir, 'other.wav'),
      hits(
        grid.map((t) => t + 0.11),
        5,
        99,
      ),
    );
    const r = await cli(dir, 'edit', 'align', 'other.wav', '--guide', 'guide.wav', '-o', 'x.wav');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/does not match|correlat/i);
  });

  it('quantises hits with timing errors onto the grid', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'quantize-'));
    const errors = grid.map((_, i) => ((i * 7) % 5) * 0.005 - 0.01); // −10…+10 ms
    await wav(
      join(dir, 'loose.wav'),
      hits(
        grid.map((t, i) => t + errors[i]),
        5,
        4,
      ),
    );
    const r = await cli(
      dir,
      'edit',
      'quantize',
      'loose.wav',
      '--bpm',
      '120',
      '--grid',
      '1/8',
      '-o',
      'tight.wav',
    );
    expect(r.code).toBe(0);
    const onsets = detectOnsets(await readAudio(join(dir, 'tight.wav')));
    for (const t of grid) {
      const nearest = onsets.reduce(
        (best, o) => (Math.abs(o.seconds - t) < Math.abs(best - t) ? o.seconds : best),
        Number.POSITIVE_INFINITY,
      );
      expect(Math.abs(nearest - t)).toBeLessThan(0.002);
    }
  });
});
