import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';
import { type AudioData, createAudio, sliceAudio } from '../../src/core/audio.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { loadProject } from '../../src/session/index.js';
import { programme } from '../fixtures/programmes.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession, sha256 } from '../mix/project-helpers.js';

/**
 * `mixdown master`, run in-process: a plain file, presets, explicit targets, the chain file
 * round trip (same bytes), session mastering, and every bad input refused in one sentence
 * with a non-zero exit and nothing partial left behind.
 */

const tmp = useTempDir();

async function cli(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** 4 s of the generated rock programme: short, loud and peaky enough to need limiting. */
function mix(): AudioData {
  return sliceAudio(programme('dense rock'), 0, 4 * 48000);
}

async function folderWith(files: Record<string, AudioData>): Promise<string> {
  const dir = await mkdtemp(join(tmp.dir(), 'master-'));
  for (const [name, audio] of Object.entries(files)) {
    await writeAudio(join(dir, name), audio, {
      format: 'wav',
      sampleRate: audio.sampleRate,
      channels: audio.channels.length,
      bitDepth: 32,
    });
  }
  return dir;
}

async function measured(path: string) {
  return analyzeAudio(await readAudio(path), { truePeakOversampling: 8 });
}

describe('mixdown master: a mix file', () => {
  it('plain form with a preset: within 0.1 LU of Spotify’s −14 LUFS, true peak ≤ −1 dBTP, chain written beside it', async () => {
    const dir = await folderWith({ 'mix.wav': mix() });
    const r = await cli(dir, 'master', 'mix.wav', '--target', 'spotify', '-o', 'master.wav');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Mastered mix\.wav → master\.wav \(48 kHz, stereo, wav24\)/);
    expect(r.stdout).toMatch(
      /target +Spotify \(Normal\) \(spotify\): -14\.0 LUFS, ceiling -1\.0 dBTP/,
    );
    expect(r.stdout).toMatch(/\d\. limiter: true-peak ceiling -1\.0 dBTP, drive [+-][\d.]+ dB/);
    expect(r.stdout).toMatch(/loudness +-1[34]\.\d\d LUFS \(target -14\.0, [+-]0\.0\d LU\)/);
    expect(r.stdout).toMatch(/true peak +-[\d.]+ dBTP at 8× \(ceiling -1\.0/);
    expect(r.stdout).toMatch(/limiting +(peak [\d.]+ dB|none)/);
    expect(r.stdout).toContain('chain written to master.wav.chain.json');
    const check = await measured(join(dir, 'master.wav'));
    expect(Math.abs(check.integratedLufs + 14)).toBeLessThanOrEqual(0.1);
    expect(check.truePeakDbtp).toBeLessThanOrEqual(-1);
    const chain = JSON.parse(await readFile(join(dir, 'master.wav.chain.json'), 'utf8'));
    expect(chain.format).toBe('mixdown-chain');
    expect(chain.target).toEqual({ platform: 'spotify', lufs: -14, ceilingDbtp: -1 });
    expect(chain.chain.at(-1).type).toBe('limiter');
    expect(chain.notes.length).toBeGreaterThan(0);
  });

  it('--chain round trip: the written chain file, used again, gives identical bytes', async () => {
    const dir = await folderWith({ 'mix.wav': mix() });
    expect((await cli(dir, 'master', 'mix.wav', '--lufs', '-12', '-o', 'a.wav')).code).toBe(0);
    const again = await cli(dir, 'master', 'mix.wav', '--chain', 'a.wav.chain.json', '-o', 'b.wav');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Chain given: ');
    expect(await sha256(join(dir, 'b.wav'))).toBe(await sha256(join(dir, 'a.wav')));
    expect(await readFile(join(dir, 'b.wav.chain.json'), 'utf8')).toBe(
      await readFile(join(dir, 'a.wav.chain.json'), 'utf8'),
    );
  });

  it('explicit --lufs and --ceiling, and a convention preset (club −7 / −0.5, uncertain)', async () => {
    const dir = await folderWith({ 'mix.wav': mix() });
    const explicit = await cli(dir, 'master', 'mix.wav', '--lufs', '-16', '--ceiling', '-2');
    expect(explicit.code).toBe(0);
    const e = await measured(join(dir, 'mix-master.wav'));
    expect(Math.abs(e.integratedLufs + 16)).toBeLessThanOrEqual(0.1);
    expect(e.truePeakDbtp).toBeLessThanOrEqual(-2);

    const club = await cli(dir, 'master', 'mix.wav', '--target', 'club', '-o', 'club.flac');
    expect(club.code).toBe(0);
    expect(club.stdout).toContain('(uncertain figures)');
    expect(club.stdout).toContain('Club does not normalise loudness');
    const c = await measured(join(dir, 'club.flac'));
    expect(Math.abs(c.integratedLufs + 7)).toBeLessThanOrEqual(0.1);
    expect(c.truePeakDbtp).toBeLessThanOrEqual(-0.5);
  });

  it('a mono mix is mastered as mono', async () => {
    const mono = { sampleRate: 48000, channels: [mix().channels[0].slice()] };
    const dir = await folderWith({ 'mono.wav': mono });
    const r = await cli(dir, 'master', 'mono.wav', '--lufs', '-16');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mono mix: mastered as mono');
    const out = await readAudio(join(dir, 'mono-master.wav'));
    expect(out.channels.length).toBe(1);
  });
});

describe('mixdown master: a session', () => {
  it('renders, masters, and writes the chain into the session’s mastering section; mastering again from it gives the same bytes', async () => {
    const project = await makeProject(tmp.dir(), {
      mix: sliceAudio(programme('dense rock'), 0, 3 * 48000),
    });
    const r = await cli(tmp.dir(), 'master', project, '--target', 'apple');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const master = join(project, 'renders', 'master.wav');
    const check = await measured(master);
    expect(Math.abs(check.integratedLufs + 16)).toBeLessThanOrEqual(0.1);
    expect(check.truePeakDbtp).toBeLessThanOrEqual(-1);
    const session = await readSession(project);
    expect(session.mastering.target).toEqual({ platform: 'apple', lufs: -16, ceilingDbtp: -1 });
    expect(session.mastering.chain.at(-1).type).toBe('limiter');
    await loadProject(project); // still a valid session
    const first = await sha256(master);

    const again = await cli(tmp.dir(), 'master', project, '-o', join(project, 'again.wav'));
    expect(again.code).toBe(0);
    expect(await sha256(join(project, 'again.wav'))).toBe(first);
  });
});

describe('mixdown master: bad input, refused in one sentence, nothing left behind', () => {
  const six = createAudio(48000, 6, 48000);
  for (const data of six.channels) data.fill(0.1);
  const cases: [string, Record<string, AudioData>, string[], number, RegExp][] = [
    [
      'more than two channels',
      { 'surround.wav': six },
      ['surround.wav', '-o', 'out.wav'],
      1,
      /^mixdown: surround\.wav has 6 channels; mixdown masters mono or stereo mixes, so fold it down to stereo first\.\n$/,
    ],
    [
      'a silent file',
      { 'silent.wav': createAudio(48000, 2, 96000) },
      ['silent.wav', '-o', 'out.wav'],
      1,
      /^mixdown: silent\.wav is silent \(below the −70 LUFS gate\): there is nothing to master\.\n$/,
    ],
    [
      'a file too short to measure',
      { 'blip.wav': sliceAudio(programme('very short'), 0, 9600) },
      ['blip.wav', '-o', 'out.wav'],
      1,
      /^mixdown: blip\.wav is 0\.20 s long; mastering needs at least 0\.4 s \(one loudness gating block\)\.\n$/,
    ],
    [
      'a target louder than −3 LUFS',
      { 'mix.wav': mix() },
      ['mix.wav', '--lufs', '-2', '-o', 'out.wav'],
      2,
      /^mixdown: --lufs must be between -40 and -3 LUFS \(louder than that is only distortion\), got -2\.\n$/,
    ],
    [
      'a target quieter than −40 LUFS',
      { 'mix.wav': mix() },
      ['mix.wav', '--lufs', '-50', '-o', 'out.wav'],
      2,
      /^mixdown: --lufs must be between -40 and -3 LUFS, got -50\.\n$/,
    ],
    [
      'a ceiling above 0 dBTP',
      { 'mix.wav': mix() },
      ['mix.wav', '--lufs', '-14', '--ceiling', '0.5', '-o', 'out.wav'],
      2,
      /^mixdown: --ceiling must be between -12 and 0 dBTP \(a true peak above full scale clips on playback\), got 0\.5\.\n$/,
    ],
    [
      'an unknown platform',
      { 'mix.wav': mix() },
      ['mix.wav', '--target', 'spotifi', '-o', 'out.wav'],
      2,
      /^mixdown: --target: unknown platform "spotifi"; choose from .*; did you mean "spotify"\?\n$/,
    ],
    [
      'an output folder that does not exist',
      { 'mix.wav': mix() },
      ['mix.wav', '-o', 'no/such/folder/out.wav'],
      1,
      /^mixdown: .*out\.wav.*the folder to write into does not exist.*\n$/,
    ],
    [
      'a chain file with a parameter out of range',
      { 'mix.wav': mix() },
      ['mix.wav', '--chain', 'bad.chain.json', '-o', 'out.wav'],
      1,
      /^mixdown: bad\.chain\.json has a problem: chain\[0\]\.ceilingDbtp: must be at most 0, got 3\.\n$/,
    ],
    [
      'a chain file naming an unknown platform',
      { 'mix.wav': mix() },
      ['mix.wav', '--chain', 'odd-target.chain.json', '-o', 'out.wav'],
      1,
      /^mixdown: odd-target\.chain\.json: target\.platform: unknown platform "spotifyy"; choose from .*; did you mean "spotify"\?\n$/,
    ],
    [
      'a target out of reach within the limiting budget',
      { 'mix.wav': mix() },
      ['mix.wav', '--lufs', '-4', '--max-limiting', '3', '-o', 'out.wav'],
      3,
      /^mixdown: mix\.wav could not be mastered to the target: -4\.0 LUFS needs more than the allowed 3\.0 dB of peak limiting: .* Nothing was written; allow more limiting with --max-limiting, or choose a quieter target or a chain that compresses more\.\n$/,
    ],
  ];
  for (const [name, files, args, exit, message] of cases) {
    it(`${name}: exit ${exit}`, async () => {
      const dir = await folderWith(files);
      await writeFile(
        join(dir, 'bad.chain.json'),
        JSON.stringify({
          format: 'mixdown-chain',
          version: 1,
          chain: [{ type: 'limiter', ceilingDbtp: 3 }],
        }),
      );
      await writeFile(
        join(dir, 'odd-target.chain.json'),
        JSON.stringify({ format: 'mixdown-chain', version: 1, target: { platform: 'spotifyy' } }),
      );
      const before = (await readdir(dir)).sort();
      const r = await cli(dir, 'master', ...args);
      expect(r.code).toBe(exit);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      // Nothing partial: no master, no chain file, no temporary file.
      expect((await readdir(dir)).sort()).toEqual(before);
      expect(existsSync(join(dir, 'out.wav'))).toBe(false);
    });
  }
});
