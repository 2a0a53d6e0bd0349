import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import type { ByteSink } from '../../src/io/byte-sink.js';
import { type ByteSource, memorySource, openFileSource } from '../../src/io/byte-source.js';
import { ENCODE_BLOCK_FRAMES } from '../../src/io/guarded-writer.js';
import { createWriter, decodeAudioBytes, openAudio, readAudio } from '../../src/io/index.js';
import { PCM_READ_CHUNK_BYTES } from '../../src/io/pcm-reader.js';
import { openWav } from '../../src/io/wav-reader.js';
import { createWavEncoder } from '../../src/io/wav-writer.js';
import { randomPlanarCodes, useTempDir, writeFixture } from './helpers/fixtures.js';
import { aiffBytes, wavBytes } from './helpers/pcm-files.js';

const tmp = useTempDir();

/** Read a whole reader in blocks of random size (1 … maxBlock frames). */
async function readInRandomBlocks(path: string, maxBlock: number, seed: number) {
  const reader = await openAudio(path);
  const { frames, channels } = reader.info;
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const prng = new Prng(seed);
  const scratch = Array.from({ length: channels }, () => new Float32Array(maxBlock));
  let done = 0;
  let calls = 0;
  for (;;) {
    const want = 1 + Math.floor(prng.next() * maxBlock);
    const got = await reader.readInto(scratch, want);
    if (got === 0) break;
    expect(got).toBeLessThanOrEqual(want);
    for (let c = 0; c < channels; c++) out[c].set(scratch[c].subarray(0, got), done);
    done += got;
    calls++;
  }
  expect(await reader.readInto(scratch, maxBlock)).toBe(0); // still 0 after the end
  await reader.close();
  return { out, done, calls };
}

describe('streaming reads', () => {
  it.each([
    [
      '24-bit WAV',
      'w.wav',
      () =>
        wavBytes({ sampleRate: 48000, bits: 24, channels: randomPlanarCodes(24, 2, 30_003, 1) }),
    ],
    [
      '32-bit float WAV',
      'f.wav',
      () =>
        wavBytes({
          sampleRate: 44100,
          bits: 32,
          float: true,
          channels: [Float32Array.from({ length: 20_001 }, (_, i) => Math.sin(i / 7))],
        }),
    ],
    [
      '16-bit AIFF',
      'a.aiff',
      () =>
        aiffBytes({ sampleRate: 44100, bits: 16, channels: randomPlanarCodes(16, 3, 25_001, 2) }),
    ],
  ])('%s: many small readInto calls give the same samples as one read', async (_, name, make) => {
    const path = await writeFixture(tmp.path(name), make());
    const whole = await readAudio(path);
    // Block sizes below and above the reader's 64 KiB chunk; each file spans several chunks.
    for (const maxBlock of [5, 37, 4096, 100_000]) {
      const { out, done, calls } = await readInRandomBlocks(path, maxBlock, maxBlock);
      expect(done).toBe(whole.info.frames);
      expect(out).toEqual(whole.channels);
      expect(calls).toBeGreaterThan(maxBlock === 100_000 ? 0 : 1);
    }
  });

  it('readInto with 0 frames reads nothing and keeps the position', async () => {
    const codes = randomPlanarCodes(16, 1, 10, 3);
    const reader = await openAudio(
      await writeFixture(
        tmp.path('zero.wav'),
        wavBytes({ sampleRate: 8000, bits: 16, channels: codes }),
      ),
    );
    const buffer = [new Float32Array(10)];
    expect(await reader.readInto(buffer, 0)).toBe(0);
    expect(await reader.readInto(buffer, 10)).toBe(10);
    expect(buffer[0][0] * 32768).toBe(codes[0][0]);
    await reader.close();
  });

  it('refuses a readInto with the wrong number of channel arrays or short arrays', async () => {
    const reader = await openAudio(
      await writeFixture(
        tmp.path('two.wav'),
        wavBytes({ sampleRate: 8000, bits: 16, channels: [[1], [2]] }),
      ),
    );
    await expect(reader.readInto([new Float32Array(4)], 4)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(
      reader.readInto([new Float32Array(2), new Float32Array(2)], 4),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await reader.close();
    await expect(
      reader.readInto([new Float32Array(4), new Float32Array(4)], 4),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});

describe('a 10-minute file', () => {
  const sampleRate = 8000;
  const frames = 10 * 60 * sampleRate;
  /** A deterministic, non-repeating test tone: sample i of it. */
  const tone = (i: number) =>
    Math.round(12000 * Math.sin(i * 0.0123) + 3000 * Math.sin(i * 0.00037)) / 32768;

  it('is written and read back in bounded blocks, every sample intact', async () => {
    const path = tmp.path('ten-minutes.wav');
    const writer = await createWriter(path, {
      format: 'wav',
      sampleRate,
      channels: 1,
      bitDepth: 16,
    });
    const block = new Float32Array(48_000);
    for (let start = 0; start < frames; start += block.length) {
      for (let i = 0; i < block.length; i++) block[i] = tone(start + i);
      await writer.write([block], block.length);
    }
    await writer.close();

    // Watch every read the WAV reader makes of the file.
    const file = await openFileSource(path);
    expect(file.size).toBe(44 + frames * 2);
    let largestRead = 0;
    let totalRead = 0;
    const watched: ByteSource = {
      name: file.name,
      size: file.size,
      readAt: (position, target) => {
        largestRead = Math.max(largestRead, target.length);
        totalRead += target.length;
        return file.readAt(position, target);
      },
      close: () => file.close(),
    };
    const reader = await openWav(watched);
    expect(reader.info.frames).toBe(frames);
    // The caller asks for big blocks; the reader still fetches at most one chunk at a time.
    const buffer = [new Float32Array(200_000)];
    let position = 0;
    let mismatches = 0;
    for (;;) {
      const got = await reader.readInto(buffer, buffer[0].length);
      if (got === 0) break;
      for (let i = 0; i < got; i++) if (buffer[0][i] !== tone(position + i)) mismatches++;
      position += got;
    }
    await reader.close();
    expect(position).toBe(frames);
    expect(mismatches).toBe(0);
    expect(largestRead).toBeLessThanOrEqual(PCM_READ_CHUNK_BYTES);
    expect(totalRead).toBeLessThan(file.size + 64); // each byte read once (plus headers)
  });

  it('is written to the sink in bounded pieces', async () => {
    let largestAppend = 0;
    let length = 0;
    const sink: ByteSink = {
      get length() {
        return length;
      },
      append: async (bytes) => {
        largestAppend = Math.max(largestAppend, bytes.length);
        length += bytes.length;
      },
      writeAt: async () => {},
      finish: async () => {},
      discard: async () => {},
    };
    const encoder = await createWavEncoder(
      'sink.wav',
      { sampleRate, channels: 2, bitDepth: 24 },
      sink,
    );
    const block = [new Float32Array(ENCODE_BLOCK_FRAMES), new Float32Array(ENCODE_BLOCK_FRAMES)];
    for (let i = 0; i < 50; i++) await encoder.encode(block, ENCODE_BLOCK_FRAMES);
    await encoder.end();
    expect(largestAppend).toBe(ENCODE_BLOCK_FRAMES * 6);
    expect(length).toBe(68 + 50 * ENCODE_BLOCK_FRAMES * 6);
  });
});

describe('decodeAudioBytes', () => {
  it('reads the same samples from memory as from disk', async () => {
    const bytes = wavBytes({
      sampleRate: 44100,
      bits: 24,
      channels: randomPlanarCodes(24, 2, 5000, 9),
    });
    const path = await writeFixture(tmp.path('same.wav'), bytes);
    const fromDisk = await readAudio(path);
    const fromMemory = await decodeAudioBytes(bytes, 'same.wav');
    expect(fromMemory.channels).toEqual(fromDisk.channels);
    expect(fromMemory.info).toEqual({ ...fromDisk.info, path: 'same.wav' });
  });

  it('does not depend on the byte offset of the array it is given', async () => {
    const bytes = wavBytes({
      sampleRate: 44100,
      bits: 16,
      channels: randomPlanarCodes(16, 1, 100, 9),
    });
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const a = await decodeAudioBytes(bytes, 'a.wav');
    const b = await decodeAudioBytes(padded.subarray(3), 'b.wav');
    expect(b.channels).toEqual(a.channels);
    expect((await openWav(memorySource(padded.subarray(3), 'c.wav'))).info.frames).toBe(100);
  });
});
