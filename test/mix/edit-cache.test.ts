import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeOperation } from '../../src/edit/normalize.js';
import { shiftOperation } from '../../src/edit/timing/shift-operation.js';
import { readAudio } from '../../src/io/index.js';
import { cli } from '../cli/run-cli.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession, renderProject, sine, writeSession } from './project-helpers.js';

const tmp = useTempDir();
const FS = 48000;
const AMPLITUDE = 0.2;
/** A whole number of samples: the shift is an exact copy, so the expected mix is exact. */
const SHIFT_SAMPLES = 480;

afterEach(() => vi.restoreAllMocks());

/**
 * The render of the edited take, built here from the source: normalised to `peakDbfs`, moved
 * SHIFT_SAMPLES later, and played centred (−3.01 dB, a gain of √½, on each side).
 */
function expectedMix(source: Float32Array, peakDbfs: number): Float64Array {
  let peak = 0;
  for (const x of source) peak = Math.max(peak, Math.abs(x));
  const gain = (10 ** (peakDbfs / 20) / peak) * Math.SQRT1_2;
  const out = new Float64Array(source.length);
  for (let n = SHIFT_SAMPLES; n < source.length; n++) out[n] = source[n - SHIFT_SAMPLES] * gain;
  return out;
}

function maxDifference(a: Float32Array, b: Float64Array): number {
  let worst = 0;
  for (let n = 0; n < b.length; n++) worst = Math.max(worst, Math.abs(a[n] - b[n]));
  return worst;
}

describe('the edit cache shared by edit commands and the render', () => {
  it('a later edit starts from the cached earlier ones; a changed earlier edit is applied afresh', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'cache-'));
    const take = sine(330, AMPLITUDE, 1, FS);
    const project = await makeProject(dir, { vox: take });
    const normalize = vi.spyOn(normalizeOperation, 'apply');
    const shift = vi.spyOn(shiftOperation, 'apply');
    const edit = (...args: string[]) => cli(dir, 'edit', ...args, project, '--track', 'take vox');

    const first = await edit('normalize', '--peak-dbfs', '-6');
    expect(first.code).toBe(0);
    expect(normalize).toHaveBeenCalledTimes(1);

    // The shift's preview reads the normalised take from the cache: normalize is not run again.
    const second = await edit('shift', '--offset-seconds', String(SHIFT_SAMPLES / FS));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`(${SHIFT_SAMPLES.toFixed(2)} samples)`);
    expect(normalize).toHaveBeenCalledTimes(1);
    expect(shift).toHaveBeenCalledTimes(1);

    // The render finds the whole edit list ready (stored from the document as written, read
    // back validated with its defaults filled in) and applies nothing.
    const mix = await readAudio(await renderProject(project, 'mix.wav'));
    expect(normalize).toHaveBeenCalledTimes(1);
    expect(shift).toHaveBeenCalledTimes(1);
    for (const channel of mix.channels)
      expect(maxDifference(channel, expectedMix(take.channels[0], -6))).toBeLessThan(1e-6);

    // Changing the first edit by hand: both edits are applied again, and the mix follows.
    const document = await readSession(project);
    document.tracks[0].clips[0].edits[0].peakDbfs = -12;
    await writeSession(project, document);
    const changed = await readAudio(await renderProject(project, 'changed.wav'));
    expect(normalize).toHaveBeenCalledTimes(2);
    expect(shift).toHaveBeenCalledTimes(2);
    for (const channel of changed.channels)
      expect(maxDifference(channel, expectedMix(take.channels[0], -12))).toBeLessThan(1e-6);
  });
});
