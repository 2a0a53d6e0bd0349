import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../../src/analysis/index.js';
import type { AudioData } from '../../../src/core/audio.js';
import { readAudio, writeAudio } from '../../../src/io/index.js';
import { cli } from '../../cli/run-cli.js';
import { useTempDir } from '../../io/helpers/fixtures.js';
import {
  audibleBand,
  fromMidSide,
  mean,
  shapedNoise,
  sideToMidDbOf,
  thirdOctaveCentres,
  thirdOctaveLevelsDb,
} from './signals.js';

/**
 * `mixdown master mix.wav --reference a.wav:2 --reference b.wav --match-eq 70 --match-width 50`
 * end to end: the weights and amounts typed on the command line reach the matcher, seen in
 * the master itself. The references are one 1.5 dB/octave brighter than a base balance
 * (weight 2) and one 3 dB/octave darker (weight 1, sampled at 44.1 kHz): weighted, they are
 * the base balance. The mix is 1 dB/octave darker than the base, so the EQ must add
 * 70 % × 1 = 0.7 dB/octave (equal weights would give 70 % × 0.25). Their widths (side/mid
 * −5 and −11 dB) weigh to −7 dB; the mix's −12 dB moves half-way, to −9.5 dB (−10 with equal
 * weights). A reference at another rate (44.1 kHz) is profiled at its own rate. The target (−20 LUFS, −1 dBTP) leaves the noise's peaks under the ceiling, so the
 * limiter is a plain gain and the measured change is the match alone. Without a loudness
 * target, the master goes --match-loudness of the way to the references' weighted loudness.
 */
const tmp = useTempDir();
const FRAMES = 2 ** 18;
const base = (f: number) => -4.5 * Math.log2(f / 1000);
const tilted = (dbPerOctave: number) =>
  audibleBand((f) => base(f) + dbPerOctave * Math.log2(f / 1000));

function stereoNoise(
  sampleRate: number,
  dbPerOctave: number,
  seed: number,
  midDb: number,
  widthDb: number,
): AudioData {
  const shape = tilted(dbPerOctave);
  return {
    sampleRate,
    channels: fromMidSide(
      shapedNoise(FRAMES, sampleRate, shape, seed, midDb),
      shapedNoise(FRAMES, sampleRate, shape, seed + 1, midDb + widthDb),
    ),
  };
}

async function write(name: string, audio: AudioData): Promise<void> {
  await writeAudio(tmp.path(name), audio, {
    format: 'wav',
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    bitDepth: 32,
  });
}

const mix = stereoNoise(48000, -1, 25, -24, -12);
const bright = stereoNoise(48000, 1.5, 21, -18, -5);
const dark = stereoNoise(44100, -3, 23, -22, -11);

beforeAll(async () => {
  await write('mix.wav', mix);
  await write('bright.wav', bright);
  await write('dark-44k1.wav', dark);
  await write('silent.wav', { sampleRate: 48000, channels: [new Float32Array(FRAMES)] });
  await write('low-16k.wav', stereoNoise(16000, 0, 27, -20, -8));
});

/** Least-squares slope (dB per octave) of `levels` against log2 of the band centres. */
function slopePerOctave(centres: readonly number[], levels: readonly number[]): number {
  const x = centres.map((f) => Math.log2(f / 1000));
  const mx = mean(x);
  const my = mean(levels);
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (levels[i] - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

async function master(output: string, ...references: string[]) {
  return cli(
    tmp.dir(),
    'master',
    'mix.wav',
    ...references.flatMap((r) => ['--reference', r]),
    '--match-eq',
    '70',
    '--match-width',
    '50',
    '--lufs',
    '-20',
    '--ceiling',
    '-1',
    '--no-report',
    '--no-progress',
    '-o',
    output,
  );
}

describe('mixdown master --reference (weights and amounts through the command line)', () => {
  // Above the 20 Hz subsonic high-pass's reach, below the top octave.
  const centres = thirdOctaveCentres(50, 16000);
  const results = new Map<string, { slope: number; widthDb: number; stdout: string }>();

  beforeAll(async () => {
    const mixLevels = thirdOctaveLevelsDb(mix.channels, 48000, centres);
    for (const [output, refs] of [
      ['weighted.wav', ['bright.wav:2', 'dark-44k1.wav']],
      ['equal.wav', ['bright.wav', 'dark-44k1.wav:1']],
    ] as const) {
      const r = await master(output, ...refs);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = await readAudio(tmp.path(output));
      const levels = thirdOctaveLevelsDb(out.channels, 48000, centres);
      results.set(output, {
        slope: slopePerOctave(
          centres,
          levels.map((v, i) => v - mixLevels[i]),
        ),
        widthDb: sideToMidDbOf(out.channels[0], out.channels[1]),
        stdout: r.stdout,
      });
    }
  });

  it('the chain is the match and the limiter alone (nothing else moves tone or width)', async () => {
    const chain = JSON.parse(await readFile(tmp.path('weighted.wav.chain.json'), 'utf8'));
    expect(chain.chain.map((i: { type: string }) => i.type)).toEqual(['eq', 'match-eq', 'limiter']);
    expect(chain.chain[0].bands).toMatchObject([{ type: 'highpass', freqHz: 20 }]);
    expect(results.get('weighted.wav')!.stdout).toMatch(/limiting +none/);
  });

  it('tilts the master by 70 % of the way to the weighted references (0.7 dB/octave)', () => {
    // Measured: 0.689 dB/octave weighted, 0.163 with equal weights (widths −9.55 and −10.03 dB).
    expect(Math.abs(results.get('weighted.wav')!.slope - 0.7)).toBeLessThan(0.05);
    expect(Math.abs(results.get('equal.wav')!.slope - 0.7 * 0.25)).toBeLessThan(0.05);
  });

  it('moves the width half-way to the weighted references (−12 → −9.5 dB side/mid)', () => {
    expect(sideToMidDbOf(mix.channels[0], mix.channels[1])).toBeCloseTo(-12, 1);
    expect(Math.abs(results.get('weighted.wav')!.widthDb + 9.5)).toBeLessThan(0.25);
    expect(Math.abs(results.get('equal.wav')!.widthDb + 10)).toBeLessThan(0.25);
  });

  it('says what it matched, at the amounts given', () => {
    const { stdout } = results.get('weighted.wav')!;
    expect(stdout).toMatch(/Spectrum matched at 70 %/);
    expect(stdout).toMatch(/Width: side\/mid -12\.0 dB against the reference's -7\.0 dB; at 50 %/);
  });
});

describe('mixdown master --reference without a loudness target', () => {
  it('masters to --match-loudness of the way to the weighted references’ loudness', async () => {
    // The weighted mean is taken in LUFS (2 : 1); targeting lands within its ±0.1 LU.
    const [m, a, b] = [mix, bright, dark].map((x) => analyzeAudio(x).integratedLufs);
    const expected = m + 0.4 * ((2 * a + b) / 3 - m);
    expect(Math.abs(expected - m)).toBeGreaterThan(1); // a move worth measuring
    const r = await cli(
      tmp.dir(),
      'master',
      'mix.wav',
      '--reference',
      'bright.wav:2',
      '--reference',
      'dark-44k1.wav',
      '--match-loudness',
      '40',
      '--no-report',
      '--no-progress',
      '-o',
      'loudness.wav',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/target +the references: -\d+\.\d LUFS, ceiling -1\.0 dBTP/);
    expect(r.stdout).toMatch(/No loudness target given: 40 % of the way from the mix's/);
    const out = analyzeAudio(await readAudio(tmp.path('loudness.wav'))).integratedLufs;
    expect(Math.abs(out - expected)).toBeLessThanOrEqual(0.1);
    const chain = JSON.parse(await readFile(tmp.path('loudness.wav.chain.json'), 'utf8'));
    expect(Math.abs(chain.target.lufs - expected)).toBeLessThanOrEqual(0.1);
    expect(chain.target.platform).toBeUndefined();
  });
});

describe('mixdown master --reference: references that cannot be used', () => {
  /** stderr is one line, "mixdown: <one sentence>.", and nothing is written. */
  function expectRefusal(r: { code: number; stderr: string }, mentions: RegExp, output: string) {
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^mixdown: /);
    expect(lines[0]).toMatch(mentions);
    expect(lines[0].endsWith('.')).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(tmp.path(output))).toBe(false);
  }

  it('a missing file', async () => {
    const r = await master('missing.wav', 'bright.wav', 'nowhere.wav:2');
    expect(r.code).toBe(1);
    expectRefusal(r, /nowhere\.wav/, 'missing.wav');
  });

  it('a silent file', async () => {
    const r = await master('silent-out.wav', 'silent.wav');
    expect(r.code).toBe(1);
    expectRefusal(r, /silent\.wav is silent/, 'silent-out.wav');
  });

  it('a file sampled too low to speak for the top octaves (16 kHz)', async () => {
    const r = await master('low-out.wav', 'bright.wav', 'low-16k.wav');
    expect(r.code).toBe(1);
    expectRefusal(r, /only reaches 7\.2 kHz.*32 kHz or more/, 'low-out.wav');
  });

  it('a weight that is not above 0', async () => {
    const r = await master('zero.wav', 'bright.wav:0');
    expect(r.code).toBe(2);
    expectRefusal(r, /--reference bright\.wav:0: the weight must be above 0/, 'zero.wav');
  });
});
