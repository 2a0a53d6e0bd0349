import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { sliceAudio } from '../../src/core/audio.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { cli } from '../cli/run-cli.js';
import { programme } from '../fixtures/programmes.js';
import { useTempDir } from '../io/helpers/fixtures.js';

/**
 * The reports the commands write, as a user finds them: `mixdown master` puts
 * `<output>-report.html` beside the master and `mixdown deliver` puts `report.html` in its
 * folder. Each must open offline (nothing fetched, no script) and show the figures measured
 * here, independently, on the files that were written.
 */

const tmp = useTempDir();

/** How the report prints a level: one decimal, a typographic minus. */
const shown = (value: number) => value.toFixed(1).replace('-', '\u2212');

function expectSelfContained(html: string): void {
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|@import|@font-face/i);
  expect(html).not.toMatch(/\s(src|href)=/i);
  // url() only points at clip paths inside the page.
  for (const [, target] of html.matchAll(/url\(([^)]*)\)/g))
    expect(target.startsWith('#')).toBe(true);
}

describe('the commands write their reports', () => {
  beforeAll(async () => {
    const mix = sliceAudio(programme('dense rock'), 0, 4 * 48000);
    await writeAudio(join(tmp.dir(), 'mix.wav'), mix, {
      format: 'wav',
      sampleRate: 48000,
      channels: 2,
      bitDepth: 32,
    });
  });

  it('mixdown master writes <output>-report.html, self-contained, with the master’s figures', async () => {
    const r = await cli(tmp.dir(), 'master', 'mix.wav', '--target', 'spotify', '-o', 'song.wav');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('report     song-report.html');
    const html = await readFile(join(tmp.dir(), 'song-report.html'), 'utf8');
    expectSelfContained(html);
    const master = analyzeAudio(await readAudio(join(tmp.dir(), 'song.wav')));
    const mix = analyzeAudio(await readAudio(join(tmp.dir(), 'mix.wav')));
    expect(html).toContain(`${shown(master.integratedLufs)} LUFS`);
    expect(html).toContain(`${shown(master.truePeakDbtp)} dBTP`);
    expect(html).toContain(`was ${shown(mix.integratedLufs)}`);
    expect(html).toContain('Input: mix.wav');
    expect(html).toContain('Master: song.wav');
    for (const figure of ['waveform', 'loudness', 'spectrum', 'gain-reduction']) {
      expect(html).toContain(`id="figure-${figure}"`);
      expect(existsSync(join(tmp.dir(), `song-report-${figure}.svg`)), figure).toBe(true);
    }
    expect(html).toContain('id="mono"');
  }, 60_000);

  it('mixdown deliver writes report.html in its folder, self-contained, naming each file and its levels', async () => {
    const r = await cli(tmp.dir(), 'deliver', 'song.wav', '--platforms', 'cd', '-o', 'release');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Report: release/report.html');
    const html = await readFile(join(tmp.dir(), 'release', 'report.html'), 'utf8');
    expectSelfContained(html);
    const manifest = JSON.parse(
      await readFile(join(tmp.dir(), 'release', 'manifest.json'), 'utf8'),
    );
    expect(manifest.files.length).toBeGreaterThan(0);
    for (const file of manifest.files as { path: string; sha256: string }[]) {
      expect(html).toContain(file.path);
      expect(html).toContain(file.sha256);
      // Re-measured here from the delivered file itself.
      const delivered = analyzeAudio(await readAudio(join(tmp.dir(), 'release', file.path)));
      expect(html).toContain(`${shown(delivered.integratedLufs)} LUFS`);
    }
    expect(html).toContain('Delivery of song.wav');
  }, 60_000);
});
