import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { type DeliveryResult, deliverMaster } from '../../src/deliver/deliver.js';
import type { ManifestFile } from '../../src/deliver/manifest.js';
import { readAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { writeHotMaster48k } from './helpers/master.js';

/**
 * End to end: a hot 48 kHz master delivered for Spotify, Apple Music and CD. Every file the
 * manifest lists is read back from disk and analysed here — decoded by mixdown's readers,
 * measured by the BS.1770 analyser at the manifest's 8× — and hashed with node:crypto; the
 * manifest must agree (loudness ±0.01 LU, peaks ±0.01 dB, SHA-256 exactly). ffmpeg's ebur128
 * filter, a second loudness implementation, cross-checks the integrated loudness when present
 * (it prints one decimal and reads a histogram: ±0.15 LU). Then the whole delivery is run
 * again into another folder and must produce identical bytes.
 */

const tmp = useTempDir();
const TAGS = {
  title: 'Night Drive',
  artist: 'The Testers',
  album: 'Fixtures',
  isrc: 'GB-ABC-24-00012',
  year: '2024',
  track: '1/9',
};
let first: DeliveryResult;
let firstDir = '';
let masterPath = '';

const ffmpegPresent = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function deliverTo(folder: string): Promise<DeliveryResult> {
  return deliverMaster({
    master: masterPath,
    outputDir: folder,
    platforms: ['spotify', 'apple', 'cd'],
    tags: TAGS,
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

beforeAll(async () => {
  masterPath = tmp.path('night-drive.wav');
  await writeHotMaster48k(masterPath);
  firstDir = tmp.path('release-a');
  first = await deliverTo(firstDir);
});

describe('deliver: the manifest describes the files as written', () => {
  it('lists exactly the files in the folder (no temporary files left), plus itself', async () => {
    const paths = first.manifest.files.map((f) => f.path);
    expect(paths).toEqual([
      'spotify/night-drive-24bit-44k1.flac',
      'spotify/night-drive-q9-44k1.ogg',
      'apple/night-drive-24bit-48k.wav',
      'apple/night-drive-320k-44k1.mp3',
      'cd/night-drive-16bit-44k1.wav',
    ]);
    expect(await listFiles(firstDir)).toEqual([...paths, 'manifest.json'].sort());
  });

  it('the manifest file on disk is the manifest returned', async () => {
    expect(JSON.parse(await readFile(join(firstDir, 'manifest.json'), 'utf8'))).toMatchObject({
      manifestVersion: 1,
      tags: { isrc: 'GBABC2400012', track: '1/9' },
      files: first.manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    });
  });

  it('master figures equal a re-analysis of the master file', async () => {
    const bytes = await readFile(masterPath);
    const audio = await readAudio(masterPath);
    const report = analyzeAudio(audio, { truePeakOversampling: 8 });
    const m = first.manifest.master;
    expect(m.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(m.frames).toBe(report.frames);
    expect(Math.abs(m.integratedLufs! - report.integratedLufs)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(m.truePeakDbtp! - report.truePeakDbtp)).toBeLessThanOrEqual(0.01);
  });

  it.each([0, 1, 2, 3, 4])(
    'file %i: every figure equals an independent re-analysis',
    async (index) => {
      const entry: ManifestFile = first.manifest.files[index];
      const path = join(firstDir, ...entry.path.split('/'));
      const bytes = await readFile(path);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.bytes).toBe(bytes.length);
      const audio = await readAudio(path);
      expect(audio.info.format).toBe(entry.format);
      expect(audio.info.bitDepth ?? null).toBe(entry.bitDepth);
      const report = analyzeAudio(audio, { truePeakOversampling: 8 });
      expect({ rate: report.sampleRate, channels: report.channels, frames: report.frames }).toEqual(
        {
          rate: entry.sampleRate,
          channels: entry.channels,
          frames: entry.frames,
        },
      );
      expect(Math.abs(entry.integratedLufs! - report.integratedLufs)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(entry.truePeakDbtp! - report.truePeakDbtp)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(entry.samplePeakDbfs! - report.samplePeakDbfs)).toBeLessThanOrEqual(0.01);
      // Compliance: at or under the ceiling, with the margin it claims.
      expect(report.truePeakDbtp).toBeLessThanOrEqual(entry.compliance.ceilingDbtp);
      expect(
        Math.abs(entry.compliance.marginDb - (entry.compliance.ceilingDbtp - report.truePeakDbtp)),
      ).toBeLessThanOrEqual(0.01);
      // Same length as the master, at the file's rate (conversion keeps the duration).
      expect(entry.frames).toBe(
        Math.round(first.manifest.master.frames * (entry.sampleRate / 48000)),
      );
      if (ffmpegPresent) {
        const log = spawnSync(
          'ffmpeg',
          ['-nostats', '-i', path, '-af', 'ebur128', '-f', 'null', '-'],
          {
            encoding: 'utf8',
          },
        ).stderr;
        const summary = log.slice(log.lastIndexOf('Integrated loudness:'));
        const ffmpegLufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]);
        expect(Math.abs(ffmpegLufs - entry.integratedLufs!)).toBeLessThanOrEqual(0.15);
      }
    },
  );

  it('the loud master met Spotify’s stricter −2 dBTP, Apple and CD −1 dBTP; some file needed the loop', () => {
    const ceilings = Object.fromEntries(first.manifest.platforms.map((p) => [p.id, p.ceilingDbtp]));
    expect(ceilings).toEqual({ spotify: -2, apple: -1, cd: -1 });
    expect(first.manifest.files.some((f) => f.compliance.action === 're-limited')).toBe(true);
    const cd = first.manifest.files.find((f) => f.platform === 'cd')!;
    expect(cd.codec.dither).toMatchObject({ type: 'tpdf', noiseShaping: 'lipshitz' });
    expect(cd.compliance.sampleRateConversion).toEqual({ fromHz: 48000, toHz: 44100 });
  });
});

describe('deliver: determinism', () => {
  it('delivering the same master again gives byte-identical files and manifest', async () => {
    const secondDir = tmp.path('release-b');
    await deliverTo(secondDir);
    const files = await listFiles(firstDir);
    expect(await listFiles(secondDir)).toEqual(files);
    for (const file of files) {
      const a = await readFile(join(firstDir, file));
      const b = await readFile(join(secondDir, file));
      expect(a.equals(b), file).toBe(true);
    }
  });
});
