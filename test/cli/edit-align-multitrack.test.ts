import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { applyEdits } from '../../src/mix/edited-sources.js';
import { loadProject } from '../../src/session/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();
const FS = 48000;
/** The overhead hears the drum 3.5 ms (168 samples) after the close mic. */
const DELAY = 168;

/** A close mic's drum (decaying noise hits) and an overhead that hears it DELAY samples later. */
function kit(): { close: Float32Array; overhead: Float32Array } {
  const prng = new Prng(7);
  const close = new Float32Array(3 * FS);
  for (let hit = 0; hit < 6; hit++) {
    const at = Math.round((0.2 + hit * 0.45) * FS);
    for (let i = 0; i < 4800; i++) close[at + i] += (prng.next() - 0.5) * Math.exp(-i / 500);
  }
  const overhead = new Float32Array(close.length);
  for (let i = DELAY; i < close.length; i++) overhead[i] = 0.4 * close[i - DELAY];
  return { close, overhead };
}

describe('mixdown edit align --multitrack', () => {
  it('delays the close mic so that, as rendered, it lines up with the overheads', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'multitrack-'));
    const { close, overhead } = kit();
    const project = await makeProject(dir, {
      overheads: { sampleRate: FS, channels: [overhead] },
      kick: { sampleRate: FS, channels: [close] },
    });
    const r = await cli(
      dir,
      'edit',
      'align',
      project,
      '--guide',
      'take overheads',
      '--multitrack',
      'take kick',
    );
    expect(r.code, r.stderr).toBe(0);
    const loaded = await loadProject(project);
    const kick = loaded.resolved.tracks.find((t) => t.name === 'take kick')!;
    const shifted = applyEdits({ sampleRate: FS, channels: [close] }, kick.clips[0].edits).audio
      .channels[0];
    // Ground truth: the overhead is exactly 0.4 × the close mic DELAY samples later, so the
    // aligned close mic must equal overhead / 0.4 wherever the shift has moved audio in.
    let error = 0;
    let energy = 0;
    for (let i = 2 * DELAY; i < close.length; i++) {
      error += (shifted[i] - overhead[i] / 0.4) ** 2;
      energy += shifted[i] ** 2;
    }
    expect(energy).toBeGreaterThan(0);
    expect(10 * Math.log10(error / energy)).toBeLessThan(-60);
  });
});
