/**
 * Every registered edit operation is a session operation: stored in session.json, rendered
 * to the same bytes after a save and a reload (from the edit cache, and afresh without it),
 * and removed without trace (the render is byte-identical to the unedited one). Each
 * operation gets material it acts on, so its render must differ from the unedited one.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { Prng } from '../../src/core/prng.js';
import { EDIT_OPERATIONS } from '../../src/edit/registry.js';
import { saveSession } from '../../src/session/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import {
  makeProject,
  readSession,
  renderProject,
  sha256,
  writeSession,
} from './project-helpers.js';

const tmp = useTempDir();
const FS = 48000;
const SECONDS = 1.5;

/** Harmonic tone (partials 1/k), optionally with white noise of the given RMS. */
function tone(hz: number, amplitude: number, noiseRms = 0, partials = 1): Float32Array {
  const prng = new Prng(11);
  return Float32Array.from({ length: SECONDS * FS }, (_, i) => {
    let x = 0;
    for (let k = 1; k <= partials; k++) x += Math.sin((2 * Math.PI * k * hz * i) / FS) / k;
    return amplitude * x + noiseRms * prng.gaussian();
  });
}

function withClicks(x: Float32Array): Float32Array {
  for (const t of [0.31, 0.72, 1.13]) x[Math.round(t * FS)] += 0.6;
  return x;
}

function withHum(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++)
    for (let h = 1; h <= 4; h++) x[i] += (0.02 / h) * Math.sin((2 * Math.PI * 50 * h * i) / FS);
  return x;
}

function clipped(x: Float32Array, ceiling: number): Float32Array {
  return x.map((v) => Math.max(-ceiling, Math.min(ceiling, v)));
}

/** For each operation: material it changes, and the values stored in the session. */
const CASES: Record<string, { material: () => Float32Array; values: Record<string, unknown> }> = {
  normalize: { material: () => tone(330, 0.25), values: { mode: 'peak', peakDbfs: -3 } },
  shift: { material: () => tone(330, 0.25), values: { offsetSeconds: 0.0123 } },
  warp: {
    material: () => withClicks(tone(330, 0.1)),
    values: {
      points: [
        { sourceSeconds: 0, targetSeconds: 0 },
        { sourceSeconds: 1, targetSeconds: 1.1 },
      ],
    },
  },
  stretch: { material: () => withClicks(tone(330, 0.1)), values: { ratio: 1.25 } },
  tune: {
    material: () => tone(220, 0.1, 0, 40),
    values: {
      notes: [
        {
          startSeconds: 0.2,
          endSeconds: 1.2,
          shiftCents: 50,
          flattenDriftPercent: 0,
          vibratoPercent: 100,
        },
      ],
    },
  },
  'pitch-shift': { material: () => tone(220, 0.1, 0, 40), values: { semitones: 2 } },
  denoise: { material: () => tone(440, 0.3, 0.01), values: { floorDb: -20 } },
  dehum: { material: () => withHum(tone(440, 0.2)), values: { mainsHz: '50' } },
  declick: { material: () => withClicks(tone(330, 0.2)), values: { sensitivity: 60 } },
  declip: { material: () => clipped(tone(330, 0.5), 0.47), values: { outputGainDb: -3 } },
};

describe('every edit operation is a session operation', () => {
  it('has a case for every registered operation', () => {
    expect(EDIT_OPERATIONS.map((o) => o.op).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const operation of EDIT_OPERATIONS) {
    it(`${operation.op}: stored in session.json; save, reload and render give identical bytes; removing it restores the unedited render`, async () => {
      const c = CASES[operation.op];
      if (c === undefined) throw new Error(`no case for ${operation.op}`);
      const audio: AudioData = { sampleRate: FS, channels: [c.material()] };
      const project = await makeProject(tmp.dir(), { take: audio });
      const plain = await sha256(await renderProject(project, 'plain.wav'));

      const doc = await readSession(project);
      const edit = { op: operation.op, ...c.values };
      doc.tracks[0].clips[0].edits = [edit];
      await saveSession(project, doc as Parameters<typeof saveSession>[1]);
      expect((await readSession(project)).tracks[0].clips[0].edits).toEqual([edit]);

      const edited = await sha256(await renderProject(project, 'edited.wav'));
      expect(edited).not.toBe(plain);
      // Reloaded, from the edit cache and then afresh without it.
      expect(await sha256(await renderProject(project, 'cached.wav'))).toBe(edited);
      await rm(join(project, 'renders', '.cache'), { recursive: true, force: true });
      expect(await sha256(await renderProject(project, 'afresh.wav'))).toBe(edited);

      doc.tracks[0].clips[0].edits = [];
      await writeSession(project, doc);
      expect(await sha256(await renderProject(project, 'plain-again.wav'))).toBe(plain);
    });
  }
});
