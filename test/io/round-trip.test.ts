import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import {
  decodeAudioBytes,
  type EncodeOptions,
  encodeAudio,
  readAudio,
  writeAudio,
} from '../../src/io/index.js';
import { codesToFloat, randomPlanarCodes, useTempDir } from './helpers/fixtures.js';

const tmp = useTempDir();

const RATES = [8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000];
const CHANNEL_COUNTS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Audio already on the n-bit grid, so a lossless round trip must return it exactly. */
function gridAudio(bits: number, channels: number, frames: number, sampleRate: number, seed = 1) {
  const codes = randomPlanarCodes(bits, channels, frames, seed);
  return { codes, audio: { sampleRate, channels: codes.map((c) => codesToFloat(c, bits)) } };
}

describe.each([
  ['wav', 16],
  ['wav', 24],
  ['flac', 16],
  ['flac', 24],
] as const)('%s %i-bit round trip is bit-exact', (format, bits) => {
  const options = (sampleRate: number, channels: number): EncodeOptions => ({
    format,
    sampleRate,
    channels,
    bitDepth: bits,
  });

  it.each(CHANNEL_COUNTS)('with %i channels', async (channelCount) => {
    const { codes, audio } = gridAudio(bits, channelCount, 3001, 48000, channelCount);
    const decoded = await decodeAudioBytes(
      await encodeAudio(audio, options(48000, channelCount)),
      'x',
    );
    expect(decoded.info).toMatchObject({
      format,
      channels: channelCount,
      frames: 3001,
      bitDepth: bits,
    });
    decoded.channels.forEach((channel, c) => {
      expect(channel).toEqual(audio.channels[c]);
      expect(Int32Array.from(channel, (x) => x * 2 ** (bits - 1))).toEqual(codes[c]);
    });
  });

  it.each(RATES)('at %i Hz', async (rate) => {
    const { audio } = gridAudio(bits, 2, 1500, rate, rate);
    const decoded = await decodeAudioBytes(await encodeAudio(audio, options(rate, 2)), 'x');
    expect(decoded.info.sampleRate).toBe(rate);
    expect(decoded.channels).toEqual(audio.channels);
  });

  it('through a file, longer than one encode block', async () => {
    const { audio } = gridAudio(bits, 2, 40_000, 44100, 3);
    const path = tmp.path(`long-${bits}.${format}`);
    await writeAudio(path, audio, options(44100, 2));
    const decoded = await readAudio(path);
    expect(decoded.channels).toEqual(audio.channels);
  });
});

describe('PCM quantisation when writing', () => {
  it('rounds to nearest and clamps; +1.0 becomes the largest positive code', async () => {
    const scale = 32768;
    const input = Float32Array.from([1, -1, 1.5, -1.5, 1.4 / scale, 1.6 / scale, -1.6 / scale, 0]);
    const bytes = await encodeAudio(
      { sampleRate: 44100, channels: [input] },
      { format: 'wav', sampleRate: 44100, channels: 1, bitDepth: 16 },
    );
    const { channels } = await decodeAudioBytes(bytes, 'q.wav');
    expect(Array.from(channels[0], (x) => x * scale)).toEqual([
      32767, -32768, 32767, -32768, 1, 2, -2, 0,
    ]);
  });

  it('writes 32-bit float bit-exactly, values beyond ±1 included', async () => {
    const prng = new Prng(5);
    const channels = [0, 1, 2].map(() =>
      Float32Array.from({ length: 2000 }, () => prng.uniform(-4, 4)),
    );
    channels[0][0] = 1e-38;
    channels[1][0] = -0;
    const audio = { sampleRate: 96000, channels };
    const decoded = await decodeAudioBytes(
      await encodeAudio(audio, { format: 'wav', sampleRate: 96000, channels: 3, bitDepth: 32 }),
      'f.wav',
    );
    expect(decoded.channels).toEqual(channels);
    expect(Object.is(decoded.channels[1][0], -0)).toBe(true);
    expect(decoded.info).toMatchObject({
      sampleFormat: 'float',
      codec: 'IEEE float 32-bit (extensible)',
    });
  });

  it('chooses the WAV header the spec calls for', async () => {
    const header = async (channels: number, bitDepth: 16 | 24 | 32) => {
      const audio = {
        sampleRate: 48000,
        channels: Array.from({ length: channels }, () => new Float32Array(4)),
      };
      const bytes = await encodeAudio(audio, {
        format: 'wav',
        sampleRate: 48000,
        channels,
        bitDepth,
      });
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const hasFact = Buffer.from(bytes).includes('fact');
      return {
        tag: view.getUint16(20, true),
        hasFact,
        mask: view.getUint16(20, true) === 0xfffe ? view.getUint32(40, true) : undefined,
      };
    };
    expect(await header(2, 16)).toEqual({ tag: 1, hasFact: false, mask: undefined });
    expect(await header(2, 24)).toEqual({ tag: 0xfffe, hasFact: false, mask: 0x3 });
    expect(await header(1, 24)).toEqual({ tag: 0xfffe, hasFact: false, mask: 0x4 });
    expect(await header(6, 16)).toEqual({ tag: 0xfffe, hasFact: false, mask: 0 });
    expect(await header(2, 32)).toEqual({ tag: 3, hasFact: true, mask: undefined });
    expect(await header(4, 32)).toEqual({ tag: 0xfffe, hasFact: true, mask: 0 });
  });

  it('keeps a channel mask given in the options', async () => {
    const audio = {
      sampleRate: 48000,
      channels: Array.from({ length: 6 }, () => new Float32Array(8)),
    };
    const bytes = await encodeAudio(audio, {
      format: 'wav',
      sampleRate: 48000,
      channels: 6,
      bitDepth: 24,
      channelMask: 0x60f,
    });
    expect((await decodeAudioBytes(bytes, 'm.wav')).info.channelMask).toBe(0x60f);
  });
});

describe('FLAC STREAMINFO written by mixdown', () => {
  it('records the total samples and the MD5 of the audio (rewritten after encoding)', async () => {
    const bits = 24;
    const { codes, audio } = gridAudio(bits, 2, 12_345, 44100, 8);
    const path = tmp.path('info.flac');
    await writeAudio(path, audio, {
      format: 'flac',
      sampleRate: 44100,
      channels: 2,
      bitDepth: bits,
    });
    const bytes = await readFile(path);
    const streamInfo = bytes.subarray(8, 42);
    const totalSamples = (streamInfo[13] & 0xf) * 2 ** 32 + streamInfo.readUInt32BE(14);
    expect(totalSamples).toBe(12_345);
    // RFC 9639: MD5 of the interleaved samples, little-endian, bits/8 bytes each.
    const pcm = Buffer.alloc(12_345 * 2 * 3);
    for (let i = 0; i < 12_345; i++) {
      for (let c = 0; c < 2; c++) pcm.writeIntLE(codes[c][i], (i * 2 + c) * 3, 3);
    }
    expect(Buffer.from(streamInfo.subarray(18, 34)).toString('hex')).toBe(
      createHash('md5').update(pcm).digest('hex'),
    );
  });
});
