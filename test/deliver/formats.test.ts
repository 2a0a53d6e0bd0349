import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ManifestFile } from '../../src/deliver/index.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { cli } from '../cli/run-cli.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { hotMaster } from './helpers/master.js';
import {
  flacBlocks,
  id3v2,
  infoFields,
  oggPackets,
  oggPages,
  riffChunks,
  vorbisComments,
} from './helpers/tag-parsers.js';
import { truePeakDbtp } from './helpers/true-peak.js';

/**
 * `mixdown deliver --formats`: every format the issue names — WAV 16/24/32-bit float, FLAC,
 * MP3 320 and V0, Ogg Vorbis — from one hot 48 kHz master (its true peak pushed to −1 dBTP,
 * where codecs overshoot), held to --ceiling −1.5 dBTP. Each file: its manifest entry, its
 * true peak decoded and measured here at 8× under the ceiling, its tags read back by the
 * independent parsers, and the encoding asked for (float samples, variable MP3 bit rate).
 */
const tmp = useTempDir();
const CEILING = -1.5;
const FORMATS = 'wav16,wav24,wav32f,flac24,mp3-320,mp3-v0,ogg';
const EXPECTED: Record<string, { format: string; sampleRate: number; bitDepth: number | null }> = {
  'formats/master-16bit-48k.wav': { format: 'wav', sampleRate: 48000, bitDepth: 16 },
  'formats/master-24bit-48k.wav': { format: 'wav', sampleRate: 48000, bitDepth: 24 },
  'formats/master-32float-48k.wav': { format: 'wav', sampleRate: 48000, bitDepth: 32 },
  'formats/master-24bit-48k.flac': { format: 'flac', sampleRate: 48000, bitDepth: 24 },
  'formats/master-320k-44k1.mp3': { format: 'mp3', sampleRate: 44100, bitDepth: null },
  'formats/master-v0-44k1.mp3': { format: 'mp3', sampleRate: 44100, bitDepth: null },
  'formats/master-q6-44k1.ogg': { format: 'ogg-vorbis', sampleRate: 44100, bitDepth: null },
};

let manifest: { platforms: { id: string; ceilingDbtp: number }[]; files: ManifestFile[] };

beforeAll(async () => {
  const master = hotMaster(48000, 4);
  await writeAudio(tmp.path('master.wav'), master, {
    format: 'wav',
    sampleRate: 48000,
    channels: 2,
    bitDepth: 32,
  });
  const r = await cli(
    tmp.dir(),
    'deliver',
    'master.wav',
    '--formats',
    FORMATS,
    '--ceiling',
    String(CEILING),
    '--title',
    'Brücke',
    '--artist',
    'Band',
    '--isrc',
    'GB-ABC-24-00012',
    '-o',
    'out',
    '--no-report',
    '--no-progress',
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  manifest = JSON.parse(await readFile(tmp.path('out/manifest.json'), 'utf8'));
});

/** Bit rates (kbit/s) of the MPEG-1 Layer III frames after the ID3v2 tag. */
function mp3FrameBitrates(file: Uint8Array): number[] {
  const KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const rates: number[] = [];
  let p = id3v2(file).size;
  while (p + 4 <= file.length && file[p] === 0xff && (file[p + 1] & 0xfe) === 0xfa) {
    const kbps = KBPS[file[p + 2] >> 4];
    const sampleRate = [44100, 48000, 32000][(file[p + 2] >> 2) & 3];
    const padding = (file[p + 2] >> 1) & 1;
    rates.push(kbps);
    p += Math.floor((144000 * kbps) / sampleRate) + padding;
  }
  return rates;
}

describe('mixdown deliver --formats', () => {
  it('writes one manifest entry per format, under the formats destination and its ceiling', () => {
    expect(manifest.platforms).toEqual([
      expect.objectContaining({ id: 'formats', ceilingDbtp: CEILING }),
    ]);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const file of manifest.files) {
      expect(file).toMatchObject({ platform: 'formats', channels: 2, ...EXPECTED[file.path] });
      expect(file.compliance.ceilingDbtp).toBe(CEILING);
    }
  });

  it('every file, decoded and measured here at 8×, is under the ceiling, as the manifest says', async () => {
    for (const file of manifest.files) {
      const decoded = await readAudio(tmp.path(`out/${file.path}`));
      const peak = truePeakDbtp(decoded);
      expect(peak, file.path).toBeLessThanOrEqual(CEILING);
      expect(Math.abs(peak - file.truePeakDbtp!), file.path).toBeLessThan(1e-3);
    }
  });

  it('the 32-bit float WAV is float (format tag 3), undithered', async () => {
    const file = manifest.files.find((f) => f.path.endsWith('32float-48k.wav'))!;
    expect(file.codec).toMatchObject({ sampleFormat: 'float', bitDepth: 32, dither: null });
    const bytes = new Uint8Array(await readFile(tmp.path(`out/${file.path}`)));
    const fmt = riffChunks(bytes).find((c) => c.id === 'fmt ')!.body;
    const tag = fmt[0] | (fmt[1] << 8);
    // WAVE_FORMAT_IEEE_FLOAT, directly or as the EXTENSIBLE sub-format.
    expect(tag === 0xfffe ? fmt[24] | (fmt[25] << 8) : tag).toBe(3);
    expect(fmt[14] | (fmt[15] << 8)).toBe(32);
    // The 16-bit file, for contrast, is dithered.
    const sixteen = manifest.files.find((f) => f.path.endsWith('16bit-48k.wav'))!;
    expect(sixteen.codec.dither).toMatchObject({ type: 'tpdf' });
  });

  it('the V0 MP3 varies its frame bit rate; the 320 one does not', async () => {
    const read = async (suffix: string) => {
      const file = manifest.files.find((f) => f.path.endsWith(suffix))!;
      return mp3FrameBitrates(new Uint8Array(await readFile(tmp.path(`out/${file.path}`))));
    };
    const v0 = await read('v0-44k1.mp3');
    const cbr = await read('320k-44k1.mp3');
    // 4 s at 1152 samples per frame is about 153 frames.
    expect(v0.length).toBeGreaterThan(140);
    expect(new Set(v0).size).toBeGreaterThan(1);
    expect(new Set(cbr.slice(1))).toEqual(new Set([320]));
    expect(manifest.files.find((f) => f.path.endsWith('v0-44k1.mp3'))!.codec.mp3Mode).toBe('v0');
  });

  it('carries the tags in every format', async () => {
    const bytes = async (suffix: string) =>
      new Uint8Array(await readFile(tmp.path(`out/formats/master-${suffix}`)));
    for (const suffix of ['32float-48k.wav', '16bit-48k.wav', '24bit-48k.wav']) {
      const info = infoFields(riffChunks(await bytes(suffix)));
      expect(info, suffix).toMatchObject({ INAM: 'Brücke', IART: 'Band' });
      expect(riffChunks(await bytes(suffix)).some((c) => c.id === 'bext')).toBe(true);
    }
    for (const suffix of ['v0-44k1.mp3', '320k-44k1.mp3']) {
      expect(id3v2(await bytes(suffix)).frames, suffix).toMatchObject({
        TIT2: 'Brücke',
        TPE1: 'Band',
        TSRC: 'GBABC2400012',
      });
    }
    const flac = flacBlocks(await bytes('24bit-48k.flac')).find((b) => b.type === 4)!;
    expect(vorbisComments(flac.body).comments).toEqual(
      expect.arrayContaining(['TITLE=Brücke', 'ARTIST=Band', 'ISRC=GBABC2400012']),
    );
    const [, comment] = oggPackets(oggPages(await bytes('q6-44k1.ogg')), 3);
    expect(vorbisComments(comment.subarray(7, comment.length - 1)).comments).toEqual(
      expect.arrayContaining(['TITLE=Brücke', 'ARTIST=Band', 'ISRC=GBABC2400012']),
    );
  });
});

describe('mixdown deliver --formats: refusals', () => {
  it.each<[string, string[], RegExp]>([
    [
      'an unknown format',
      ['--formats', 'wav32f,aiff'],
      /^Unknown format "aiff"; choose from wav16,/,
    ],
    ['--ceiling without --formats', ['--platforms', 'cd', '--ceiling', '-1'], /add --formats/],
    ['a ceiling out of range', ['--formats', 'wav24', '--ceiling', '3'], /from -12 to 0/],
    ['nothing to deliver', [], /Name what to deliver with --platforms/],
  ])('%s: one sentence, exit 2, nothing written', async (_name, args, message) => {
    const r = await cli(tmp.dir(), 'deliver', 'master.wav', ...args, '-o', 'refused');
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0].replace(/^mixdown: /, '')).toMatch(message);
    expect(existsSync(tmp.path('refused/manifest.json'))).toBe(false);
  });
});
