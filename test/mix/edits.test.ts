import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudio } from '../../src/io/index.js';
import { loadProject, saveSession } from '../../src/session/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import {
  makeProject,
  readSession,
  renderProject,
  sha256,
  sine,
  writeSession,
} from './project-helpers.js';

const tmp = useTempDir();

describe('edits are operations in the session', () => {
  it('render, save and reload give identical bytes; removing the edit restores the unedited render exactly', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'edits-'));
    const project = await makeProject(dir, { vox: sine(330, 0.25, 2, 48000) });
    const plain = await sha256(await renderProject(project, 'plain.wav'));

    const doc = await readSession(project);
    doc.tracks[0].clips[0].edits = [{ op: 'normalize', mode: 'peak', peakDbfs: -3 }];
    await saveSession(project, doc as Parameters<typeof saveSession>[1]);
    const editedPath = await renderProject(project, 'edited.wav');
    const edited = await sha256(editedPath);
    expect(edited).not.toBe(plain);
    // The normalised take peaks at −3 dBFS; a centred mono track sits 3.01 dB lower per side.
    const audio = await readAudio(editedPath);
    let peak = 0;
    for (const x of audio.channels[0]) peak = Math.max(peak, Math.abs(x));
    expect(20 * Math.log10(peak)).toBeCloseTo(-3 - 3.0103, 2);

    // Reloaded from disk, the same edit renders the same bytes (from the cache or afresh).
    expect(await sha256(await renderProject(project, 'edited-again.wav'))).toBe(edited);

    doc.tracks[0].clips[0].edits = [];
    await writeSession(project, doc);
    expect(await sha256(await renderProject(project, 'plain-again.wav'))).toBe(plain);
  });

  it('an unknown operation or a bad value is refused with its path', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'bad-'));
    const project = await makeProject(dir, { vox: sine(330, 0.25, 1, 48000) });
    const doc = await readSession(project);
    doc.tracks[0].clips[0].edits = [{ op: 'normalise' }, { op: 'normalize', peakDbfs: 6 }];
    await writeSession(project, doc);
    const error = await loadProject(project).catch(
      (e: Error & { issues?: { path: string; message: string }[] }) => e,
    );
    const messages = (error as { issues: { path: string; message: string }[] }).issues.map(
      (i) => `${i.path}: ${i.message}`,
    );
    expect(
      messages.some(
        (m) =>
          m.startsWith('tracks[0].clips[0].edits[0].op') && m.includes('did you mean "normalize"'),
      ),
    ).toBe(true);
    expect(messages).toContain('tracks[0].clips[0].edits[1].peakDbfs: must be at most 0, got 6');
  });
});

describe('takes and comps', () => {
  it('plays the chosen take in each region with equal-power crossfades and no click at the boundaries', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'comp-'));
    // Three takes of the same tone at different levels: which take plays is visible in the level.
    const project = await makeProject(dir, {
      t1: sine(200, 0.1, 3, 48000),
      t2: sine(200, 0.2, 3, 48000),
      t3: sine(200, 0.4, 3, 48000),
    });
    const doc = await readSession(project);
    const sources = doc.sources.map((s: { id: string }) => s.id);
    doc.tracks = [
      {
        name: 'Vocal',
        panLaw: 'linear',
        takes: sources.map((source: string, i: number) => ({ id: `take${i + 1}`, source })),
        comp: {
          crossfadeMs: 20,
          regions: [
            { take: 'take2', start: 0, end: 1 },
            { take: 'take3', start: 1, end: 2 },
            { take: 'take1', start: 2, end: 3 },
          ],
        },
      },
    ];
    await writeSession(project, doc);
    const out = (await readAudio(await renderProject(project, 'comp.wav'))).channels[0];
    const level = (from: number, to: number) => {
      let peak = 0;
      for (let i = Math.round(from * 48000); i < Math.round(to * 48000); i++)
        peak = Math.max(peak, Math.abs(out[i]));
      return peak;
    };
    expect(level(0.2, 0.8)).toBeCloseTo(0.2, 3);
    expect(level(1.2, 1.8)).toBeCloseTo(0.4, 3);
    expect(level(2.2, 2.8)).toBeCloseTo(0.1, 3);
    // At the boundary of two copies of one phase-aligned tone, an equal-power crossfade
    // peaks at sin+cos = √2 times the average in the middle: bounded, and smooth.
    expect(level(0.99, 1.01)).toBeLessThan(Math.SQRT2 * 0.4);
    // No click: no sample-to-sample step larger than the tone's own steepest slope allows.
    const maxSlope = ((2 * Math.PI * 200) / 48000) * 0.4 * 1.5;
    let maxStep = 0;
    for (let i = 1; i < out.length; i++) maxStep = Math.max(maxStep, Math.abs(out[i] - out[i - 1]));
    expect(maxStep).toBeLessThan(maxSlope);
  });

  it('refuses a comp region naming an unknown take, or overlapping the previous one', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'comp-bad-'));
    const project = await makeProject(dir, { t1: sine(200, 0.1, 3, 48000) });
    const doc = await readSession(project);
    doc.tracks[0].takes = [{ id: 'a', source: doc.sources[0].id }];
    doc.tracks[0].comp = {
      regions: [
        { take: 'a', start: 0, end: 2 },
        { take: 'b', start: 1.5, end: 3 },
      ],
    };
    await writeSession(project, doc);
    const error = await loadProject(project).catch((e) => e);
    const messages = (error as { issues: { path: string; message: string }[] }).issues.map(
      (i) => i.path,
    );
    expect(messages).toContain('tracks[0].comp.regions[1].take');
    expect(messages).toContain('tracks[0].comp.regions[1].start');
  });
});
