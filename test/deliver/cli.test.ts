import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { sine } from './helpers/spectrum.js';

/**
 * `mixdown deliver` in process: help, a mono delivery, and every refusal — one plain
 * sentence on stderr, a non-zero exit, and nothing left behind (no output folder, or an empty
 * one: no files under final names and no temporary files).
 */

const tmp = useTempDir();

async function cli(...args: string[]) {
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

/** stderr is exactly one line, "mixdown: <one sentence>." */
function expectOneSentence(stderr: string, mentions: string | RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  const message = lines[0].replace(/^mixdown: /, '');
  expect(message).toMatch(mentions);
  expect(message.endsWith('.')).toBe(true);
  expect(message.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/);
}

async function leftovers(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  return readdir(folder, { recursive: true });
}

beforeAll(async () => {
  const FS = 44100;
  await writeAudio(
    tmp.path('mono.wav'),
    { sampleRate: FS, channels: [sine(FS, FS, 1000, 0.5)] },
    {
      format: 'wav',
      sampleRate: FS,
      channels: 1,
      bitDepth: 24,
    },
  );
  const six = Array.from({ length: 6 }, () => sine(4410, FS, 440, 0.1));
  await writeAudio(
    tmp.path('surround.wav'),
    { sampleRate: FS, channels: six },
    {
      format: 'wav',
      sampleRate: FS,
      channels: 6,
      bitDepth: 24,
    },
  );
  await writeFile(tmp.path('blocker'), 'a file where a folder should be');
});

describe('mixdown deliver', () => {
  it('--help lists the platforms, the tag options and examples', async () => {
    const r = await cli('deliver', '--help');
    expect(r.code).toBe(0);
    for (const text of [
      'spotify, apple',
      '--isrc <code>',
      'Examples:',
      'mixdown deliver master.wav --platforms spotify,apple,cd -o release/',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it('delivers a mono master as mono, prints the compliance per file, writes the manifest', async () => {
    const r = await cli(
      'deliver',
      'mono.wav',
      '--platforms',
      'cd',
      '-o',
      'out-mono',
      '--title',
      'Tone',
      '--isrc',
      'USABC2400001',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Delivered 1 file for CD / club to out-mono/');
    expect(r.stdout).toMatch(
      /cd\/mono-16bit-44k1\.wav: delivered true peak -6\.0\d dBTP, 5\.\d\d dB under the -1\.0 ceiling, after 1 pass\./,
    );
    const manifest = JSON.parse(await readFile(tmp.path('out-mono/manifest.json'), 'utf8'));
    expect(manifest.files[0]).toMatchObject({
      channels: 1,
      bitDepth: 16,
      tags: { title: 'Tone', isrc: 'USABC2400001' },
    });
  });

  it('--json prints the manifest exactly as written to the folder', async () => {
    const r = await cli('deliver', 'mono.wav', '--platforms', 'cd', '-o', 'out-json', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await readFile(tmp.path('out-json/manifest.json'), 'utf8'));
  });

  it.each<[string, string[], number, RegExp, string]>([
    [
      'an unknown platform',
      ['mono.wav', '--platforms', 'spotify,napster'],
      2,
      /^Unknown platform "napster"; deliver to one of: spotify, apple/,
      'out-a',
    ],
    [
      'a playback setting',
      ['mono.wav', '--platforms', 'spotify-loud'],
      2,
      /is a playback setting, not a destination/,
      'out-b',
    ],
    ['a missing master', ['missing.wav', '--platforms', 'cd'], 1, /missing\.wav/, 'out-c'],
    [
      'a multichannel master',
      ['surround.wav', '--platforms', 'cd'],
      1,
      /surround\.wav: the master has 6 channels, but deliverables are mono or stereo; fold it down/,
      'out-d',
    ],
    [
      'a bad ISRC',
      ['mono.wav', '--platforms', 'cd', '--isrc', 'GB-12-24-1'],
      2,
      /^"GB-12-24-1" is not an ISRC; an ISRC is CC-XXX-YY-NNNNN/,
      'out-e',
    ],
    [
      'a bad year',
      ['mono.wav', '--platforms', 'cd', '--year', '99'],
      2,
      /^The year must be four digits/,
      'out-f',
    ],
    [
      'a bad seed',
      ['mono.wav', '--platforms', 'cd', '--seed', '-3'],
      2,
      /^--seed must be a whole number/,
      'out-g',
    ],
    [
      'an unknown noise shaping',
      ['mono.wav', '--platforms', 'cd', '--noise-shaping', 'gesemann'],
      2,
      /^Unknown noise shaping "gesemann"/,
      'out-h',
    ],
    [
      'a thread count of zero',
      ['mono.wav', '--platforms', 'cd', '--threads', '0'],
      2,
      /^--threads must be a whole number ≥ 1, got "0"\.$/,
      'out-i',
    ],
  ])(
    'refuses %s with one sentence and writes nothing',
    async (_, args, exitCode, message, folder) => {
      const r = await cli('deliver', ...args, '-o', folder);
      expect(r.code).toBe(exitCode);
      expectOneSentence(r.stderr, message);
      expect(r.stdout).toBe('');
      expect(existsSync(tmp.path(folder))).toBe(false);
    },
  );

  it('refuses an unwritable folder (its path runs through a file) with one sentence', async () => {
    const r = await cli('deliver', 'mono.wav', '--platforms', 'cd', '-o', 'blocker/release');
    expect(r.code).toBe(1);
    expectOneSentence(
      r.stderr,
      /^Cannot write deliverables to .*blocker\/release: part of its path is a file, not a folder; choose another output folder\.$/,
    );
  });

  it('refuses a folder that is a file', async () => {
    const r = await cli('deliver', 'mono.wav', '--platforms', 'cd', '-o', 'blocker');
    expect(r.code).toBe(1);
    expectOneSentence(r.stderr, /blocker: it is a file, not a folder/);
  });

  it('requires --platforms or --formats', async () => {
    const r = await cli('deliver', 'mono.wav');
    expect(r.code).toBe(2);
    expectOneSentence(r.stderr, /^Name what to deliver with --platforms .* or --formats/);
  });

  it('leaves an existing folder as it was when the input is refused', async () => {
    await mkdir(tmp.path('kept'), { recursive: true });
    await writeFile(tmp.path('kept/notes.txt'), 'mine');
    const r = await cli('deliver', 'surround.wav', '--platforms', 'cd,apple', '-o', 'kept');
    expect(r.code).toBe(1);
    expect(await leftovers(tmp.path('kept'))).toEqual(['notes.txt']);
  });
});
