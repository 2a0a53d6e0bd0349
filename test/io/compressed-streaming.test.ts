import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { type ByteSource, openFileSource } from '../../src/io/byte-source.js';
import { openCompressed } from '../../src/io/compressed-decoders.js';
import { COMPRESSED_READ_CHUNK_BYTES } from '../../src/io/decoded-stream.js';
import {
  type EncodeFormat,
  type EncodeOptions,
  openAudio,
  readAudio,
  type SeekableAudioReader,
  writeAudio,
} from '../../src/io/index.js';
import { multiTone, useTempDir, writeFixture } from './helpers/fixtures.js';
import { oggOpusBytes } from './helpers/ogg-opus.js';
import { aiffBytes, wavBytes } from './helpers/pcm-files.js';

/**
 * Compressed files are decoded chunk by chunk: FLAC with a length and MP3 with a LAME tag
 * stream (memory stays at one chunk), Ogg is decoded whole first. Every reader seeks.
 */

const tmp = useTempDir();

/** A file watched read by read, so a test can see how much of it a reader has touched. */
async function watchedFile(path: string) {
  const file = await openFileSource(path);
  const stats = { largestRead: 0, bytesRead: 0 };
  const source: ByteSource = {
    name: file.name,
    size: file.size,
    readAt(position, target) {
      stats.largestRead = Math.max(stats.largestRead, target.length);
      stats.bytesRead += target.length;
      return file.readAt(position, target);
    },
    close: () => file.close(),
  };
  return { source, stats };
}

async function writeTone(name: string, options: EncodeOptions, seconds: number) {
  const frames = Math.round(options.sampleRate * seconds);
  const channels = Array.from({ length: options.channels }, (_, c) =>
    multiTone(options.sampleRate, frames, c),
  );
  const path = tmp.path(name);
  await writeAudio(path, { sampleRate: options.sampleRate, channels }, options);
  return path;
}

describe.each([
  ['flac', { format: 'flac', sampleRate: 8000, channels: 1, bitDepth: 16 }, 240],
  ['mp3', { format: 'mp3', sampleRate: 32000, channels: 1, mp3Mode: 'cbr320' }, 60],
] as [EncodeFormat, EncodeOptions, number][])('a long %s file', (format, options, seconds) => {
  it('is decoded as it is read: the first block needs only the first chunks', async () => {
    const path = await writeTone(`long.${format}`, options, seconds);
    const { source, stats } = await watchedFile(path);
    expect(source.size).toBeGreaterThan(10 * COMPRESSED_READ_CHUNK_BYTES);
    const reader = await openCompressed(source, format as 'flac' | 'mp3', 0);
    expect(reader.info.frames).toBe(seconds * options.sampleRate);
    const block = Array.from({ length: options.channels }, () => new Float32Array(4096));
    expect(await reader.readInto(block, 4096)).toBe(4096);
    expect(stats.bytesRead).toBeLessThanOrEqual(3 * COMPRESSED_READ_CHUNK_BYTES);
    let total = 4096;
    for (let got = 1; got > 0; total += got) got = await reader.readInto(block, 4096);
    expect(total).toBe(reader.info.frames);
    expect(stats.largestRead).toBeLessThanOrEqual(COMPRESSED_READ_CHUNK_BYTES);
    await reader.close();
  });
});

/** Read the whole file in random-sized blocks, seeking to random places on the way. */
async function checkRandomAccess(reader: SeekableAudioReader, whole: Float32Array[], seed: number) {
  const prng = new Prng(seed);
  const { frames, channels } = reader.info;
  const scratch = Array.from({ length: channels }, () => new Float32Array(5000));
  for (let step = 0; step < 12; step++) {
    const at = Math.floor(prng.next() * frames);
    reader.seek(at);
    const want = 1 + Math.floor(prng.next() * 4999);
    const got = await reader.readInto(scratch, want);
    expect(got).toBe(Math.min(want, frames - at));
    for (let c = 0; c < channels; c++) {
      expect(scratch[c].subarray(0, got)).toEqual(whole[c].subarray(at, at + got));
    }
  }
  reader.seek(frames);
  expect(await reader.readInto(scratch, 10)).toBe(0);
  expect(() => reader.seek(frames + 1)).toThrow(/cannot seek to frame/);
  expect(() => reader.seek(-1)).toThrow(/cannot seek to frame/);
}

describe('seeking', () => {
  const rate = 44100;
  const tones = [multiTone(rate, 30_000), multiTone(rate, 30_000, 1)];
  const makers: [string, () => Promise<string>][] = [
    [
      'WAV',
      () =>
        writeFixture(
          tmp.path('s.wav'),
          wavBytes({ sampleRate: rate, bits: 32, float: true, channels: tones }),
        ),
    ],
    [
      'AIFF',
      () =>
        writeFixture(
          tmp.path('s.aiff'),
          aiffBytes({ sampleRate: rate, bits: 32, channels: tones, aifcCompression: 'fl32' }),
        ),
    ],
    [
      'FLAC (streamed)',
      () => writeTone('s.flac', { format: 'flac', sampleRate: rate, channels: 2, bitDepth: 24 }, 1),
    ],
    [
      'MP3 (streamed)',
      () => writeTone('s.mp3', { format: 'mp3', sampleRate: rate, channels: 2, mp3Mode: 'v0' }, 1),
    ],
    [
      'Ogg Vorbis (in memory)',
      () => writeTone('s.ogg', { format: 'ogg-vorbis', sampleRate: rate, channels: 2 }, 1),
    ],
    [
      'Ogg Opus (in memory)',
      () => writeFixture(tmp.path('s.opus'), oggOpusBytes([multiTone(48000, 30_000)])),
    ],
  ];

  it.each(makers)(
    '%s: any frame, forwards or backwards, reads what a whole read has there',
    async (_, make) => {
      const path = await make();
      const whole = await readAudio(path);
      const reader = await openAudio(path);
      await checkRandomAccess(reader, whole.channels, path.length);
      await reader.close();
    },
  );

  it.each(makers)('%s: many small reads give the same samples as one read', async (_, make) => {
    const path = await make();
    const whole = await readAudio(path);
    const reader = await openAudio(path);
    const { frames, channels } = reader.info;
    const out = Array.from({ length: channels }, () => new Float32Array(frames));
    const prng = new Prng(3);
    let done = 0;
    while (done < frames) {
      const got = await reader.readInto(
        out.map((channel) => channel.subarray(done)),
        Math.min(frames - done, 1 + Math.floor(prng.next() * 3000)),
      );
      expect(got).toBeGreaterThan(0);
      done += got;
    }
    expect(out).toEqual(whole.channels);
    await reader.close();
  });
});
