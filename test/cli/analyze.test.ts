import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { ascii, concat, u32, wavBytes } from '../io/helpers/pcm-files.js';
import { cli as runFrom } from './run-cli.js';

const tmp = useTempDir();

/** The CLI run from the test's temporary folder. */
const cli = (...args: string[]) => runFrom(tmp.dir(), ...args);

/** Stereo 1 kHz sine at `peakDbfs` per channel: reads `peakDbfs` + 0.007 LUFS (loudness.md §1.2). */
async function toneFile(name: string, peakDbfs: number, seconds = 6): Promise<string> {
  const fs = 48000;
  const a = 10 ** (peakDbfs / 20);
  const data = Float32Array.from(
    { length: fs * seconds },
    (_, i) => a * Math.sin((2 * Math.PI * 1000 * i) / fs),
  );
  const path = tmp.path(name);
  await writeAudio(
    path,
    { sampleRate: fs, channels: [data, data.slice()] },
    { format: 'wav', sampleRate: fs, channels: 2, bitDepth: 32 },
  );
  return path;
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/Error:/);
}

describe('mixdown analyze', () => {
  it('prints a table with the integrated loudness of a calibrated tone', async () => {
    const path = await toneFile('tone.wav', -23);
    const r = await cli('analyze', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/integrated/);
    expect(r.stdout).toContain('-23.0');
    expect(r.stdout).toContain('true peak per channel');
  });

  it('writes stable JSON with units in the field names, and platform predictions', async () => {
    const path = await toneFile('loud.wav', -10);
    const r = await cli('analyze', '--json', '--platforms', 'spotify,youtube', path);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.command).toBe('analyze');
    const file = json.files[0];
    expect(file.ok).toBe(true);
    expect(file.report.integratedLufs).toBeCloseTo(-9.993, 2);
    expect(file.report.truePeakDbtp).toBeCloseTo(-10, 1);
    expect(file.info.sampleRate).toBe(48000);
    const spotify = file.platforms.find((p: { platform: string }) => p.platform === 'spotify');
    expect(spotify.gainDb).toBeCloseTo(-4.007, 2);
    expect(spotify.summary).toBe('Spotify (Normal) will turn this down by 4.0 dB.');
  });

  it('reports silence as null loudness in JSON and -inf in the table, never NaN', async () => {
    const path = tmp.path('silence.wav');
    await writeAudio(
      path,
      { sampleRate: 48000, channels: [new Float32Array(48000 * 3)] },
      { format: 'wav', sampleRate: 48000, channels: 1, bitDepth: 16 },
    );
    const json = JSON.parse((await cli('analyze', '--json', path)).stdout);
    expect(json.files[0].report.integratedLufs).toBeNull();
    const table = await cli('analyze', path);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('-inf');
    expect(table.stdout).not.toContain('NaN');
  });

  it('analyses many files on worker threads, prints them in input order, and lists the bad ones last', async () => {
    const a = await toneFile('a.wav', -20, 3);
    const b = await toneFile('b.wav', -30, 3);
    const missing = tmp.path('missing.wav');
    const c = await toneFile('c.wav', -14, 3);
    const r = await cli('analyze', '--jobs', '2', a, missing, b, c);
    expect(r.code).toBe(1);
    const files = [a, missing, b, c];
    const rows = r.stdout.split('\n').filter((l) => files.some((f) => l.startsWith(`${f} `)));
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(files);
    expect(r.stdout).toContain('-20.0');
    expect(r.stdout).toContain('-30.0');
    expect(r.stderr).toContain('1 file could not be analysed');
    expect(r.stderr).toContain(missing);
    expectNoStackTrace(r.stderr);
  });

  it('shows help and refuses a wrong command line with exit code 2', async () => {
    const help = await cli('analyze', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--platforms');
    const bad = await cli('analyze', '--no-such-option', 'x.wav');
    expect(bad.code).toBe(2);
    const platform = await cli(
      'analyze',
      '--platforms',
      'napster',
      await toneFile('p.wav', -20, 1),
    );
    expect(platform.code).toBe(2);
    expect(platform.stderr).toContain('Unknown platform "napster"');
    expect((await cli('analyze')).code).toBe(2);
  });
});

describe('mixdown analyze: each bad input gets one sentence and exit code 1', () => {
  const threeSeconds = () =>
    wavBytes({
      sampleRate: 8000,
      bits: 16,
      channels: [new Int32Array(24000), new Int32Array(24000)],
    });
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['a missing path', async () => tmp.path('nope.wav'), /no such file|not found|does not exist/i],
    [
      'a directory',
      async () => {
        const p = tmp.path('dir.wav');
        await mkdir(p);
        return p;
      },
      /folder/i,
    ],
    [
      'an empty file',
      async () => {
        const p = tmp.path('empty.wav');
        await writeFile(p, new Uint8Array(0));
        return p;
      },
      /empty/i,
    ],
    [
      'a truncated WAV',
      async () => {
        const p = tmp.path('cut.wav');
        await writeFile(p, threeSeconds().subarray(0, 30));
        return p;
      },
      /truncated|cut|ends/i,
    ],
    [
      'a WAV whose header lies about its data size',
      async () => {
        const bytes = threeSeconds();
        const p = tmp.path('liar.wav');
        await writeFile(p, bytes.subarray(0, 44 + 20000));
        return p;
      },
      /header|declares|ends/i,
    ],
    [
      'a text file named .wav',
      async () => {
        const p = tmp.path('lyrics.wav');
        await writeFile(p, 'la la la\n'.repeat(50));
        return p;
      },
      /not an audio file/i,
    ],
    [
      'an unsupported codec',
      async () => {
        // WAVE with format tag 2 (MS ADPCM).
        const fmt = concat([
          ascii('fmt '),
          u32(16, true),
          new Uint8Array([2, 0, 1, 0]),
          u32(8000, true),
          u32(4000, true),
          new Uint8Array([1, 0, 4, 0]),
        ]);
        const data = concat([ascii('data'), u32(100, true), new Uint8Array(100)]);
        const bytes = concat([
          ascii('RIFF'),
          u32(4 + fmt.length + data.length, true),
          ascii('WAVE'),
          fmt,
          data,
        ]);
        const p = tmp.path('adpcm.wav');
        await writeFile(p, bytes);
        return p;
      },
      /ADPCM|codec|format/i,
    ],
    [
      'zero-length audio',
      async () => {
        const p = tmp.path('zero.wav');
        await writeFile(
          p,
          wavBytes({ sampleRate: 48000, bits: 16, channels: [new Int32Array(0)] }),
        );
        return p;
      },
      /no audio|0 samples|holds no/i,
    ],
    [
      'NaN samples in a float WAV',
      async () => {
        const data = new Float32Array(48000);
        data[12345] = Number.NaN;
        const p = tmp.path('nan.wav');
        await writeAudio(
          p,
          { sampleRate: 48000, channels: [data] },
          { format: 'wav', sampleRate: 48000, channels: 1, bitDepth: 32 },
        ).catch(async () => {
          // The writer may refuse NaN itself; write the bytes by hand then.
          const bytes = new Uint8Array(data.buffer);
          const fmt = concat([
            ascii('fmt '),
            u32(16, true),
            new Uint8Array([3, 0, 1, 0]),
            u32(48000, true),
            u32(192000, true),
            new Uint8Array([4, 0, 32, 0]),
          ]);
          const body = concat([ascii('data'), u32(bytes.length, true), bytes]);
          await writeFile(
            p,
            concat([
              ascii('RIFF'),
              u32(4 + fmt.length + body.length, true),
              ascii('WAVE'),
              fmt,
              body,
            ]),
          );
        });
        return p;
      },
      /NaN|not a playable/i,
    ],
  ];

  for (const [label, make, pattern] of cases) {
    it(label, async () => {
      const path = await make();
      const r = await cli('analyze', path);
      expect(r.code).toBe(1);
      const lines = r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.trim().length > 0);
      // A heading line and the one-sentence reason naming the file.
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(path);
      expect(lines[1]).toMatch(pattern);
      expectNoStackTrace(r.stderr);
    });
  }
});

describe('the mixdown bin', () => {
  it('exits non-zero with one sentence and no stack trace, as a real process', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../scripts/mixdown-dev.ts'),
        'analyze',
        tmp.path('absent.wav'),
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expectNoStackTrace(result.stderr);
    expect(result.stderr).toContain('absent.wav');
  });
});
