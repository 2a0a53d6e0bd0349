import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { delayedNoisePair } from '../master/compare/signals.js';

const tmp = useTempDir();

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: tmp.dir(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Two 32-bit float WAV files: a, and a copy 37.3 samples later and 1.5 dB quieter. */
async function pair(): Promise<void> {
  const fs = 48000;
  const l = delayedNoisePair(2 ** 17, fs, 37.3, -1.5, 91);
  const r = delayedNoisePair(2 ** 17, fs, 37.3, -1.5, 92);
  const format = { format: 'wav', sampleRate: fs, channels: 2, bitDepth: 32 } as const;
  await writeAudio(tmp.path('a.wav'), { sampleRate: fs, channels: [l.a, r.a] }, format);
  await writeAudio(tmp.path('b.wav'), { sampleRate: fs, channels: [l.b, r.b] }, format);
}

describe('mixdown compare', () => {
  it('prints the figures, the band table and the null test', async () => {
    await pair();
    const r = await cli('compare', 'a.wav', 'b.wav');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/integrated loudness\s+LUFS\s+-\d+\.\d\s+-\d+\.\d\s+-1\.5/);
    expect(r.stdout).toMatch(
      /spectrum, b − a in dB after matching b's loudness to a \(\+1\.5 dB\)/,
    );
    expect(r.stdout).toMatch(/null test: offset \+37\.30 samples \(\+0\.777 ms\), gain \+1\.50 dB/);
    expect(r.stdout).toMatch(/residual -1\d\d\.\d dB re a/);
    expect(r.stdout).toMatch(/• Null test: b is 37\.30 samples/);
  });

  it('writes JSON with units in the names and no NaN or Infinity', async () => {
    await pair();
    const r = await cli('compare', '--json', '--bands', 'third', 'a.wav', 'b.wav');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.command).toBe('compare');
    expect(json.nullTest.offsetSamples).toBeCloseTo(37.3, 3);
    expect(json.a.integratedLufs - json.b.integratedLufs).toBeCloseTo(1.5, 2);
    expect(json.thirdOctaveBands).toHaveLength(31);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('says plainly when a file is missing, and when an option is wrong', async () => {
    const missing = await cli('compare', 'nope.wav', 'b.wav');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^mixdown: .*nope\.wav/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    await pair();
    const wrong = await cli('compare', '--bands', 'quarter', 'a.wav', 'b.wav');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--bands must be octave or third, got "quarter"/);
  });
});
