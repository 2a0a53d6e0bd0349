import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import type { EditFigure } from '../../src/demo/measure-edits.js';
import { type DemoResult, runDemo } from '../../src/demo/run-demo.js';
import { HUM, LATE_OVERDUB } from '../../src/demo/synth/flaw-plan.js';
import { readAudio } from '../../src/io/index.js';
import { findPlatform } from '../../src/master/platforms.js';
import { useTempDir } from '../io/helpers/fixtures.js';

// The whole demo, as `npm run demo` runs it, into a temporary folder: about a minute of work
// on a quiet 2-core machine, several on a busy one.
const DEMO_TIMEOUT_MS = 600_000;

const tmp = useTempDir();
let demo: DemoResult;
let printed = '';

beforeAll(async () => {
  const io: CliIo = {
    stdout: { write: (t: string) => (printed += t) },
    stderr: { write: (t: string) => (printed += t) },
    cwd: tmp.dir(),
  };
  demo = await runDemo({ root: join(tmp.dir(), 'demo-output'), io });
}, DEMO_TIMEOUT_MS);

function figure(id: string): EditFigure {
  const found = demo.figures.find((f) => f.id === id);
  if (!found) throw new Error(`no figure ${id}; the demo printed:\n${printed}`);
  return found;
}

interface Strip {
  name: string;
  output?: string;
  inserts?: { type: string }[];
  sends?: { to: string }[];
  automation?: { param: string; points: unknown[] }[];
}

describe('npm run demo, end to end', () => {
  it('writes the project, the mix and stems, the master, the deliverables and both reports', async () => {
    for (const path of [demo.session, demo.mix, demo.master, demo.masterReport])
      expect(existsSync(path), path).toBe(true);
    expect((await readdir(demo.stems)).filter((f) => f.endsWith('.wav')).length).toBeGreaterThan(0);
    const manifest = JSON.parse(await readFile(join(demo.release, 'manifest.json'), 'utf8')) as {
      platforms: { id: string }[];
      files: { path: string }[];
    };
    expect(manifest.platforms.map((p) => p.id).sort()).toEqual(['apple', 'cd', 'spotify']);
    expect(manifest.files.length).toBeGreaterThanOrEqual(3);
    for (const file of manifest.files) expect(existsSync(join(demo.release, file.path))).toBe(true);
    expect(existsSync(join(demo.release, 'report.html'))).toBe(true);
    expect(printed).toMatch(/wall time \d+\.\d s/);
    expect(demo.wallSeconds).toBeGreaterThan(0);
  });

  it('mixes with EQ, compression, a drum bus, reverb and delay sends, and vocal automation', async () => {
    const session = JSON.parse(await readFile(demo.session, 'utf8')) as {
      tracks: Strip[];
      buses: Strip[];
    };
    const inserts = session.tracks.flatMap((t) => (t.inserts ?? []).map((i) => i.type));
    expect(inserts).toContain('eq');
    expect(inserts).toContain('compressor');
    const drumBus = session.buses.find((b) => /drum/i.test(b.name));
    expect(drumBus).toBeDefined();
    expect(session.tracks.filter((t) => t.output === drumBus!.name).length).toBeGreaterThan(1);
    const busWith = (type: string) =>
      session.buses.filter((b) => b.inserts?.some((i) => i.type === type)).map((b) => b.name);
    const vocal = session.tracks.find((t) => t.name === 'Lead vocal')!;
    const sentTo = (vocal.sends ?? []).map((s) => s.to);
    expect(sentTo.some((to) => busWith('reverb').includes(to))).toBe(true);
    expect(sentTo.some((to) => busWith('delay').includes(to))).toBe(true);
    expect(vocal.automation?.some((lane) => lane.points.length >= 2)).toBe(true);
  });

  it('lines the close mics up with the overheads (3.5 ms and same polarity → within 0.05 ms)', () => {
    const f = figure('drum-alignment');
    expect(f.before).toBeGreaterThan(3.4);
    expect(f.after).toBeLessThan(0.05);
    expect(f.afterText).not.toMatch(/inverted/);
  });

  it('brings the late bass overdub at least halfway back to the on-time line', () => {
    const f = figure('bass-late');
    // Measured on the audio, the late take reads as late as it was made.
    expect(f.before).toBeCloseTo(LATE_OVERDUB.offsetMs, 1);
    expect(f.after).toBeLessThan(f.before / 2);
  });

  it('moves the bass onsets to within a third of their distance from the grid', () => {
    const f = figure('bass-grid');
    expect(f.after).toBeLessThan(f.before / 3);
  });

  it('measures the hum figure against the truth: before de-hum it is the 50 Hz line itself', () => {
    const f = figure('bass-hum');
    // RMS of the fundamental (peak − 3.01 dB); the room noise in 10 Hz adds < 0.01 dB.
    expect(f.before).toBeCloseTo(HUM.levelsDbfs[0] - 10 * Math.log10(2), 1);
  });

  // Known failure (issue 5, open): with --mains-hz 50 de-hum removes the bass's G1 (49 Hz)
  // with the hum, so the error near 50 Hz rises (-49.0 → -34.1 dBFS) instead of falling.
  // The requirement stays at 30 dB; drop `.fails` when de-hum meets it.
  it.fails('takes the error near 50 Hz down by at least 30 dB', () => {
    const f = figure('bass-hum');
    expect(f.after).toBeLessThan(f.before - 30);
  });

  it('leaves at least 20 dB less of the clicks than were there', () => {
    const f = figure('clicks');
    expect(f.after).toBeLessThan(f.before - 20);
  });

  it('rebuilds every clipped sample', () => {
    const f = figure('clipped');
    expect(f.before).toBeGreaterThan(1000);
    expect(f.after).toBe(0);
  });

  it('lowers the room noise of every take the comp plays by at least 15 dB', () => {
    const noise = demo.figures.filter((f) => f.id.startsWith('noise-'));
    expect(noise.length).toBeGreaterThan(0);
    for (const f of noise) expect(f.after, f.label).toBeLessThan(f.before - 15);
  });

  it('tunes the double: from at least 10 notes off the key to at most 2', () => {
    const f = figure('off-key');
    expect(f.before).toBeGreaterThanOrEqual(10);
    expect(f.after).toBeLessThanOrEqual(2);
  });

  it('masters to Spotify’s target within ±0.1 LU, true peak at or under the ceiling', async () => {
    const spotify = findPlatform('spotify')!;
    // Measured here, at 8× oversampling, on the file as written.
    const report = analyzeAudio(await readAudio(demo.master), { truePeakOversampling: 8 });
    expect(Math.abs(report.integratedLufs - spotify.targetLufs!)).toBeLessThanOrEqual(0.1);
    expect(report.truePeakDbtp).toBeLessThanOrEqual(spotify.ceilingDbtp);
  });
});
