import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readAudio, writeAudio } from '../../src/io/index.js';
import {
  bestLag,
  codesToFloat,
  multiTone,
  randomPlanarCodes,
  useTempDir,
} from './helpers/fixtures.js';

/**
 * Cross-checks against ffmpeg, a second implementation of every format, when it is
 * installed (it is a comparison baseline, never a requirement: DESIGN.md "Dependencies").
 * Files ffmpeg writes must read exactly; files mixdown writes must decode in ffmpeg exactly.
 */

const ffmpegPresent = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tmp = useTempDir();

function ffmpeg(...args: string[]): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });
}

/** Interleaved little-endian integers of `bytes` bytes each. */
function interleave(codes: Int32Array[], bytes: number): Buffer {
  const frames = codes[0].length;
  const out = Buffer.alloc(frames * codes.length * bytes);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < codes.length; c++)
      out.writeIntLE(codes[c][i], (i * codes.length + c) * bytes, bytes);
  }
  return out;
}

describe.skipIf(!ffmpegPresent)('ffmpeg interoperability', () => {
  const codes = randomPlanarCodes(24, 2, 20_000, 77);
  const expected = codes.map((c) => codesToFloat(c, 24));

  it.each([
    ['wav', ['-c:a', 'pcm_s24le']],
    ['aiff', ['-c:a', 'pcm_s24be']],
    ['flac', ['-c:a', 'flac']],
  ])('reads a 24-bit %s written by ffmpeg exactly', async (ext, codecArgs) => {
    const raw = tmp.path(`in-${ext}.raw`);
    await writeFile(raw, interleave(codes, 3));
    const out = tmp.path(`by-ffmpeg.${ext}`);
    ffmpeg('-f', 's24le', '-ar', '48000', '-ac', '2', '-i', raw, ...codecArgs, out);
    const decoded = await readAudio(out);
    expect(decoded.info).toMatchObject({ sampleRate: 48000, channels: 2, frames: 20_000 });
    expect(decoded.channels).toEqual(expected);
  });

  it.each([16, 24] as const)(
    'ffmpeg decodes mixdown %i-bit FLAC and WAV to the same integers',
    async (bits) => {
      const source = randomPlanarCodes(bits, 2, 20_000, bits);
      const audio = { sampleRate: 44100, channels: source.map((c) => codesToFloat(c, bits)) };
      const format = bits === 16 ? 's16le' : 's32le'; // ffmpeg widens 24-bit to 32 on output
      const shift = bits === 16 ? 1 : 256;
      for (const ext of ['flac', 'wav'] as const) {
        const path = tmp.path(`by-mixdown-${bits}.${ext}`);
        await writeAudio(path, audio, {
          format: ext,
          sampleRate: 44100,
          channels: 2,
          bitDepth: bits,
        });
        const pcm = ffmpeg('-i', path, '-f', format, '-');
        const bytes = bits === 16 ? 2 : 4;
        expect(pcm.length).toBe(20_000 * 2 * bytes);
        for (const i of [0, 1, 2, 999, 19_999]) {
          for (let c = 0; c < 2; c++)
            expect(pcm.readIntLE((i * 2 + c) * bytes, bytes) / shift).toBe(source[c][i]);
        }
      }
    },
  );

  it("reads ffmpeg's LAME MP3 gaplessly: original length, aligned to the sample", async () => {
    const frames = 44100 + 321;
    const tone = multiTone(44100, frames);
    const raw = tmp.path('tone.f32');
    await writeFile(raw, Buffer.from(tone.buffer));
    const mp3 = tmp.path('by-ffmpeg.mp3');
    ffmpeg(
      '-f',
      'f32le',
      '-ar',
      '44100',
      '-ac',
      '1',
      '-i',
      raw,
      '-c:a',
      'libmp3lame',
      '-b:a',
      '192k',
      mp3,
    );
    const decoded = await readAudio(mp3);
    expect(decoded.info.frames).toBe(frames);
    expect(bestLag(tone, decoded.channels[0], 1500)).toBe(0);
    expect((await readFile(mp3)).includes('LAME')).toBe(true);
  });
});
