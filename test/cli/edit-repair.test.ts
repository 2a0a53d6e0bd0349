/**
 * `mixdown edit denoise|dehum|declick|declip|stretch` on plain files and session tracks.
 * Damage is constructed in the test (hum lines, clicks at known samples, clipping at a
 * known ceiling, noise of a known level), so each printed report can be checked against
 * what was put in; outputs are checked for shape and for sample alignment with the input.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { Prng } from '../../src/core/prng.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();
const FS = 48000;
const SECONDS = 4;
const CLICK_SECONDS = [0.5, 1.1, 1.6];
const CEILING = 0.25;

/** Stereo, the same signal on both channels: a 440 Hz sine at 0.3 plus `extra(i)`. */
function stereo(extra: (i: number) => number = () => 0): AudioData {
  const x = Float32Array.from(
    { length: SECONDS * FS },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / FS) + extra(i),
  );
  return { sampleRate: FS, channels: [x, x.slice()] };
}

const MATERIAL: Record<string, () => AudioData> = {
  // Mains hum: 50 Hz and three harmonics at 0.01 each.
  dehum: () =>
    stereo((i) =>
      [1, 2, 3, 4].reduce((a, h) => a + 0.01 * Math.sin((2 * Math.PI * 50 * h * i) / FS + h), 0),
    ),
  declick: () => {
    const samples = new Set(CLICK_SECONDS.map((t) => Math.round(t * FS)));
    return stereo((i) => (samples.has(i) ? 0.5 : 0));
  },
  declip: () => {
    const a = stereo();
    return { sampleRate: FS, channels: a.channels.map((c) => c.map((v) => clamp(v))) };
  },
  denoise: () => {
    const prng = new Prng(3);
    return stereo(() => 10 ** (-50 / 20) * prng.gaussian());
  },
  stretch: () => stereo(),
};

function clamp(v: number): number {
  return Math.max(-CEILING, Math.min(CEILING, v));
}

async function writeInput(dir: string, name: string, audio: AudioData): Promise<void> {
  await writeAudio(join(dir, name), audio, {
    format: 'wav',
    sampleRate: FS,
    channels: audio.channels.length,
    bitDepth: 32,
  });
}

/** Lag (samples, within ±`range`) at which the cross-correlation of `a` and `b` peaks. */
function peakLag(a: Float32Array, b: Float32Array, range: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let lag = -range; lag <= range; lag++) {
    let sum = 0;
    for (let i = Math.max(0, -lag); i < Math.min(a.length, b.length - lag); i++)
      sum += a[i] * b[i + lag];
    if (sum > bestValue) {
      bestValue = sum;
      best = lag;
    }
  }
  return best;
}

async function runOnFile(op: string, ...options: string[]) {
  const dir = await mkdtemp(join(tmp.dir(), `${op}-`));
  const input = MATERIAL[op]();
  await writeInput(dir, 'take.wav', input);
  const result = await cli(dir, 'edit', op, 'take.wav', '-o', 'out.wav', ...options);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const output = await readAudio(join(dir, 'out.wav'));
  expect(output.sampleRate).toBe(FS);
  expect(output.channels.length).toBe(2);
  return { input, output, stdout: result.stdout };
}

describe('mixdown edit repairs on a plain file', () => {
  for (const op of ['denoise', 'dehum', 'declick', 'declip']) {
    it(`${op}: same length, rate and channels, lined up with the input (correlation peaks at lag 0)`, async () => {
      const { input, output } = await runOnFile(op);
      output.channels.forEach((c, ch) => {
        expect(c.length).toBe(input.channels[ch].length);
        expect(peakLag(input.channels[ch], c, 48)).toBe(0);
      });
    });
  }

  for (const mains of [[], ['--mains-hz', '50']]) {
    it(`dehum ${mains.join(' ') || '(auto)'} names the hum: 50 Hz with 3 harmonics above the fundamental`, async () => {
      // Named, the 440 Hz tone was once taken for a 9th harmonic at 450 Hz.
      const { stdout } = await runOnFile('dehum', ...mains);
      expect(stdout).toContain('Hum at 50.00 Hz with 3 harmonics (up to 200 Hz)');
    });
  }

  it('declick counts each stereo click once and names the times it repaired', async () => {
    const { stdout } = await runOnFile('declick');
    expect(stdout).toContain(`Repaired ${CLICK_SECONDS.length} clicks (`);
    expect(stdout).toContain(`at ${CLICK_SECONDS.map((t) => t.toFixed(3)).join(', ')} s.`);
  });

  it('declick on a file without clicks nulls against the input exactly', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'clean-'));
    const input = stereo();
    await writeInput(dir, 'take.wav', input);
    const result = await cli(dir, 'edit', 'declick', 'take.wav', '-o', 'out.wav');
    expect(result.stdout).toContain('No clicks found');
    const output = await readAudio(join(dir, 'out.wav'));
    output.channels.forEach((c, ch) => {
      let residual = 0;
      for (let i = 0; i < c.length; i++)
        residual = Math.max(residual, Math.abs(c[i] - input.channels[ch][i]));
      expect(residual).toBe(0);
    });
  });

  it('declip reports the clipped share the test constructed', async () => {
    const { input, stdout } = await runOnFile('declip');
    // Clipped means within the default tolerance (0.01 dB) of the ceiling: the samples set
    // to the ceiling and the few the sine brings that close on its own.
    const near = CEILING * 10 ** (-0.01 / 20);
    let clipped = 0;
    let total = 0;
    for (const c of input.channels)
      for (const v of c) {
        total++;
        if (Math.abs(v) >= near) clipped++;
      }
    expect(stdout).toContain(
      `Rebuilt ${clipped} clipped samples (${((100 * clipped) / total).toFixed(2)} %)`,
    );
  });

  it('denoise reports the noise floor of the noise it was given, within 0.5 dB', async () => {
    const { stdout } = await runOnFile('denoise');
    const floor = Number(/Noise floor (-?[\d.]+) dBFS/.exec(stdout)?.[1]);
    expect(Math.abs(floor - -50)).toBeLessThan(0.5);
  });

  it('stretch by 1.5 makes the file 1.5 times as long and finds no onsets in a steady tone', async () => {
    const { input, output, stdout } = await runOnFile('stretch', '--ratio', '1.5');
    for (const c of output.channels)
      expect(c.length).toBe(Math.round(1.5 * input.channels[0].length));
    expect(stdout).toContain('0 of 0 onsets held rigid');
  });
});

describe('mixdown edit repairs on a session track', () => {
  it('each adds its operation to session.json', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'session-'));
    const project = await makeProject(dir, { vox: MATERIAL.declick() });
    const ops = ['denoise', 'dehum', 'declick', 'declip', 'stretch'];
    for (const op of ops) {
      const r = await cli(dir, 'edit', op, project, '--track', 'take vox');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const doc = JSON.parse(await readFile(join(project, 'session.json'), 'utf8'));
    expect(doc.tracks[0].clips[0].edits.map((e: { op: string }) => e.op)).toEqual(ops);
  });
});

describe('mixdown edit repairs refuse bad input in one sentence', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['declick', 'missing.wav', '-o', 'out.wav'], /missing\.wav: no such file/],
    [
      'a value out of range',
      ['declick', 'take.wav', '-o', 'out.wav', '--sensitivity', '500'],
      /--sensitivity must be at most 100, got 500\./,
    ],
    [
      'an unknown choice',
      ['dehum', 'take.wav', '-o', 'out.wav', '--mains-hz', '55'],
      /--mains-hz must be one of/,
    ],
    [
      'a word for a number',
      ['stretch', 'take.wav', '-o', 'out.wav', '--ratio', 'fast'],
      /--ratio must be a number/,
    ],
    [
      'a bad profile choice',
      ['denoise', 'take.wav', '-o', 'out.wav', '--profile', 'guess'],
      /--profile must be one of/,
    ],
    [
      'clipping tolerance out of range',
      ['declip', 'take.wav', '-o', 'out.wav', '--tolerance-db', '-1'],
      /--tolerance-db must be/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const dir = await mkdtemp(join(tmp.dir(), 'bad-'));
      await writeInput(dir, 'take.wav', stereo());
      const r = await cli(dir, 'edit', ...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      // One line, no stack trace.
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
