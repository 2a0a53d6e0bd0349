import { describe, expect, it } from 'vitest';
import { readExtended } from '../../src/io/aiff-reader.js';
import { decodeAudioBytes, readAudio } from '../../src/io/index.js';
import { randomPlanarCodes, useTempDir, writeFixture } from './helpers/fixtures.js';
import { aiffBytes, chunk, extended80, wavBytes } from './helpers/pcm-files.js';

/**
 * What a reader must return for integer `codes` stored at `bits` bits: code / 2^(bits−1),
 * exact up to 24 bits; 32-bit codes round to the nearest float32 (24-bit mantissa).
 */
function expectCodes(decoded: Float32Array[], codes: ArrayLike<number>[], bits: number) {
  expect(decoded.length).toBe(codes.length);
  const scale = 2 ** (bits - 1);
  for (let c = 0; c < codes.length; c++) {
    expect(decoded[c]).toEqual(Float32Array.from(codes[c], (code) => code / scale));
    if (bits <= 24) expect(Array.from(decoded[c], (x) => x * scale)).toEqual(Array.from(codes[c]));
  }
}

describe('WAV decoding', () => {
  const tmp = useTempDir();

  it.each([8, 16, 24, 32])('reads %i-bit PCM exactly', async (bits) => {
    const codes = randomPlanarCodes(bits, 2, 1000, bits);
    const path = await writeFixture(
      tmp.path(`pcm${bits}.wav`),
      wavBytes({ sampleRate: 44100, bits, channels: codes }),
    );
    const { channels, info } = await readAudio(path);
    expectCodes(channels, codes, bits);
    expect(info).toMatchObject({
      format: 'wav',
      sampleRate: 44100,
      channels: 2,
      frames: 1000,
      bitDepth: bits,
      sampleFormat: 'int',
    });
    expect(info.codec).toBe(`PCM ${bits}-bit${bits === 8 ? ' unsigned' : ''}`);
  });

  it('reads 8-bit WAV as unsigned: byte 128 is silence, 0 is −1, 255 is 127/128', async () => {
    const bytes = wavBytes({ sampleRate: 8000, bits: 8, channels: [[0, -128, 127]] });
    expect(Array.from(bytes.subarray(-4, -1))).toEqual([128, 0, 255]); // then the pad byte
    const { channels } = await decodeAudioBytes(bytes, 'u8.wav');
    expect(Array.from(channels[0])).toEqual([0, -1, 127 / 128]);
  });

  it('reads 32-bit float exactly, including values beyond ±1', async () => {
    const values = [Float32Array.from([0, 0.5, -1, 1, 1.5, -2.25, 1e-30, -3.0e-8])];
    const bytes = wavBytes({ sampleRate: 48000, bits: 32, float: true, channels: values });
    const { channels, info } = await decodeAudioBytes(bytes, 'f32.wav');
    expect(channels[0]).toEqual(values[0]);
    expect(info).toMatchObject({ codec: 'IEEE float 32-bit', sampleFormat: 'float', bitDepth: 32 });
  });

  it('reads 64-bit float, rounding each value to the nearest float32', async () => {
    const values = [Float64Array.from([0.1, -0.3333333333333333, 0.7])];
    const bytes = wavBytes({ sampleRate: 96000, bits: 64, float: true, channels: values });
    const { channels, info } = await decodeAudioBytes(bytes, 'f64.wav');
    expect(channels[0]).toEqual(Float32Array.from(values[0]));
    expect(info.codec).toBe('IEEE float 64-bit');
  });

  it('reads WAVE_FORMAT_EXTENSIBLE PCM and keeps the channel mask', async () => {
    const codes = randomPlanarCodes(24, 6, 300, 7);
    const bytes = wavBytes({
      sampleRate: 48000,
      bits: 24,
      channels: codes,
      extensible: { validBits: 24, channelMask: 0x3f },
    });
    const { channels, info } = await decodeAudioBytes(bytes, 'surround.wav');
    expectCodes(channels, codes, 24);
    expect(info).toMatchObject({
      channels: 6,
      channelMask: 0x3f,
      codec: 'PCM 24-bit (extensible)',
    });
  });

  it('reads extensible float and reports valid bits of a left-justified 20-in-24 file', async () => {
    const floats = [Float32Array.from([0.25, -0.5]), Float32Array.from([1, -1])];
    const f = await decodeAudioBytes(
      wavBytes({
        sampleRate: 44100,
        bits: 32,
        float: true,
        channels: floats,
        extensible: { channelMask: 3 },
      }),
      'ext-float.wav',
    );
    expect(f.channels).toEqual(floats);
    expect(f.info).toMatchObject({
      sampleFormat: 'float',
      codec: 'IEEE float 32-bit (extensible)',
    });

    // 20 valid bits in a 24-bit container: samples are left-justified (low 4 bits zero).
    const codes = [Int32Array.from([16, -16, 0x7ffff0])];
    const p = await decodeAudioBytes(
      wavBytes({ sampleRate: 44100, bits: 24, channels: codes, extensible: { validBits: 20 } }),
      'twenty.wav',
    );
    expectCodes(p.channels, codes, 24);
    expect(p.info.bitDepth).toBe(20);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads %i channels', async (count) => {
    const codes = randomPlanarCodes(16, count, 64, count);
    const { channels, info } = await decodeAudioBytes(
      wavBytes({
        sampleRate: 44100,
        bits: 16,
        channels: codes,
        extensible: count > 2 ? {} : undefined,
      }),
      `ch${count}.wav`,
    );
    expect(info.channels).toBe(count);
    expectCodes(channels, codes, 16);
  });

  it.each([8000, 11025, 22050, 44100, 48000, 88200, 96000, 176400, 192000])(
    'reads a sample rate of %i Hz',
    async (rate) => {
      const { info } = await decodeAudioBytes(
        wavBytes({ sampleRate: rate, bits: 16, channels: [[1, 2, 3]] }),
        'rate.wav',
      );
      expect(info.sampleRate).toBe(rate);
    },
  );

  it('skips unknown chunks, odd-sized ones with their pad byte, before and after fmt', async () => {
    const codes = randomPlanarCodes(16, 2, 101, 3);
    const bytes = wavBytes({
      sampleRate: 44100,
      bits: 16,
      channels: codes,
      chunksBeforeFmt: [chunk('JUNK', new Uint8Array(28)), chunk('bext', 'odd-sized bext body')],
      chunksBeforeData: [
        chunk('LIST', 'INFOISFT\x05\x00\x00\x00odd!\x00'),
        chunk('fact', new Uint8Array(4)),
        chunk('iXML', '<x/>'),
      ],
      chunksAfterData: [chunk('id3 ', 'trailing')],
    });
    const { channels, info } = await decodeAudioBytes(bytes, 'chunky.wav');
    expect(info.frames).toBe(101);
    expectCodes(channels, codes, 16);
  });

  it.each(['RF64', 'BW64'] as const)('reads %s, taking sizes from the ds64 chunk', async (id) => {
    const codes = randomPlanarCodes(24, 2, 500, 9);
    const bytes = wavBytes({
      sampleRate: 48000,
      bits: 24,
      channels: codes,
      rf64: id,
      extensible: {},
    });
    const { channels, info } = await decodeAudioBytes(bytes, 'big.wav');
    expect(info.frames).toBe(500);
    expectCodes(channels, codes, 24);
  });
});

describe('AIFF and AIFF-C decoding', () => {
  it.each([8, 16, 24, 32])('reads %i-bit big-endian AIFF exactly', async (bits) => {
    const codes = randomPlanarCodes(bits, 2, 500, 20 + bits);
    const { channels, info } = await decodeAudioBytes(
      aiffBytes({ sampleRate: 44100, bits, channels: codes }),
      `a${bits}.aiff`,
    );
    expectCodes(channels, codes, bits);
    expect(info).toMatchObject({ format: 'aiff', sampleRate: 44100, frames: 500, bitDepth: bits });
  });

  it.each(['NONE', 'twos', 'sowt'])("reads AIFF-C '%s' 24-bit PCM", async (compression) => {
    const codes = randomPlanarCodes(24, 2, 300, 5);
    const { channels, info } = await decodeAudioBytes(
      aiffBytes({ sampleRate: 96000, bits: 24, channels: codes, aifcCompression: compression }),
      'c.aifc',
    );
    expectCodes(channels, codes, 24);
    expect(info.codec).toContain(compression === 'sowt' ? 'little-endian' : 'big-endian');
  });

  it.each(['fl32', 'FL32', 'fl64', 'FL64'])("reads AIFF-C '%s' float", async (compression) => {
    const values = [Float32Array.from([0, 0.5, -0.75, 1.25]), Float32Array.from([1, -1, 0.125, 0])];
    const { channels, info } = await decodeAudioBytes(
      aiffBytes({ sampleRate: 48000, bits: 32, channels: values, aifcCompression: compression }),
      'float.aifc',
    );
    expect(channels).toEqual(values);
    expect(info.sampleFormat).toBe('float');
  });

  it('honours the SSND offset field and skips other chunks', async () => {
    const codes = randomPlanarCodes(16, 1, 50, 4);
    const { channels } = await decodeAudioBytes(
      aiffBytes({
        sampleRate: 22050,
        bits: 16,
        channels: codes,
        ssndOffset: 6,
        extraChunks: [chunk('NAME', 'odd'), chunk('ANNO', 'notes')],
      }),
      'offset.aiff',
    );
    expectCodes(channels, codes, 16);
  });

  it.each([8000, 11025, 44100, 48000, 88200, 96000, 192000])(
    'decodes a %i Hz 80-bit extended sample rate',
    async (rate) => {
      expect(readExtended(new DataView(extended80(rate).buffer), 0)).toBe(rate);
      const { info } = await decodeAudioBytes(
        aiffBytes({ sampleRate: rate, bits: 16, channels: [[1, 2]] }),
        'r.aiff',
      );
      expect(info.sampleRate).toBe(rate);
    },
  );

  it('reads 80-bit extended values with fractions and signs', () => {
    // 0x400E AC44 0000 0000 0000 is 44100 as written by Apple's tools.
    const bytes = Uint8Array.from([0x40, 0x0e, 0xac, 0x44, 0, 0, 0, 0, 0, 0]);
    expect(readExtended(new DataView(bytes.buffer), 0)).toBe(44100);
    // 0.5: exponent −1, mantissa with only the integer bit set.
    const half = Uint8Array.from([0x3f, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect(readExtended(new DataView(half.buffer), 0)).toBe(0.5);
    const negative = Uint8Array.from([0xc0, 0x00, 0xc0, 0, 0, 0, 0, 0, 0, 0]);
    expect(readExtended(new DataView(negative.buffer), 0)).toBe(-3);
  });
});
