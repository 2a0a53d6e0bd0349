import { describe, expect, it } from 'vitest';
import { memorySource } from '../../src/io/byte-source.js';
import { detectFormat } from '../../src/io/detect.js';
import { decodeAudioBytes, encodeAudio, readAudio } from '../../src/io/index.js';
import { isMpegFrameChain, parseMpegFrameHeader } from '../../src/io/mpeg-audio.js';
import { multiTone, useTempDir, writeFixture } from './helpers/fixtures.js';
import { oggOpusBytes } from './helpers/ogg-opus.js';
import { aiffBytes, ascii, concat, wavBytes } from './helpers/pcm-files.js';

/** Format detection looks at content only; names and extensions are ignored. */

const tmp = useTempDir();
const audio = { sampleRate: 44100, channels: [multiTone(44100, 20_000)] };
const detect = (bytes: Uint8Array) => detectFormat(memorySource(bytes, 'x'));

/** An ID3v2.4 tag of `size` body bytes (synchsafe size), optionally with a footer. */
function id3v2(size: number, footer = false): Uint8Array {
  const tag = new Uint8Array(10 + size + (footer ? 10 : 0));
  tag.set(ascii('ID3'));
  tag[3] = 4;
  tag[5] = footer ? 0x10 : 0;
  for (let i = 0; i < 4; i++) tag[9 - i] = (size >> (7 * i)) & 0x7f;
  if (footer) tag.set(ascii('3DI'), 10 + size);
  return tag;
}

describe('detection by content', () => {
  it('recognises every readable container', async () => {
    const mp3 = await encodeAudio(audio, { format: 'mp3', sampleRate: 44100, channels: 1 });
    const cases: [Uint8Array, string][] = [
      [wavBytes({ sampleRate: 8000, bits: 16, channels: [[1]] }), 'wav'],
      [wavBytes({ sampleRate: 8000, bits: 16, channels: [[1]], rf64: 'RF64' }), 'wav'],
      [aiffBytes({ sampleRate: 8000, bits: 16, channels: [[1]] }), 'aiff'],
      [aiffBytes({ sampleRate: 8000, bits: 16, channels: [[1]], aifcCompression: 'sowt' }), 'aiff'],
      [await encodeAudio(audio, { format: 'flac', sampleRate: 44100, channels: 1 }), 'flac'],
      [mp3, 'mp3'],
      [
        await encodeAudio(audio, { format: 'ogg-vorbis', sampleRate: 44100, channels: 1 }),
        'ogg-vorbis',
      ],
      [oggOpusBytes([multiTone(48000, 4800)]), 'ogg-opus'],
    ];
    for (const [bytes, format] of cases) {
      expect(await detect(bytes)).toEqual({ kind: 'supported', format, audioOffset: 0 });
    }
  });

  it('reads an MP3 named .wav as MP3, and a WAV named .mp3 as WAV', async () => {
    const mp3 = await encodeAudio(audio, { format: 'mp3', sampleRate: 44100, channels: 1 });
    const fake = await readAudio(await writeFixture(tmp.path('really-an-mp3.wav'), mp3));
    expect(fake.info.format).toBe('mp3');
    expect(fake.info.frames).toBe(20_000);
    const wav = await encodeAudio(audio, { format: 'wav', sampleRate: 44100, channels: 1 });
    expect(
      (await readAudio(await writeFixture(tmp.path('really-a-wav.mp3'), wav))).info.format,
    ).toBe('wav');
  });

  it('finds MP3 and FLAC after an ID3v2 tag, footer or not, and decodes them unchanged', async () => {
    for (const format of ['mp3', 'flac'] as const) {
      const plain = await encodeAudio(audio, { format, sampleRate: 44100, channels: 1 });
      const expected = await decodeAudioBytes(plain, 'plain');
      for (const tag of [id3v2(1000), id3v2(300, true)]) {
        const tagged = concat([tag, plain]);
        expect(await detect(tagged)).toEqual({
          kind: 'supported',
          format,
          audioOffset: tag.length,
        });
        const decoded = await decodeAudioBytes(tagged, 'tagged');
        expect(decoded.channels).toEqual(expected.channels);
      }
    }
  });

  it('does not take a lone frame header followed by junk for MP3', async () => {
    const header = Uint8Array.from([0xff, 0xfb, 0x90, 0x64]); // MPEG-1 L3 128k 44.1k
    expect(parseMpegFrameHeader(header, 0)?.frameBytes).toBe(417);
    const lone = concat([
      header,
      new Uint8Array(413).fill(0x55),
      ascii('not another frame'),
      new Uint8Array(2000),
    ]);
    expect(isMpegFrameChain(lone, 0, 3)).toBe(false);
    expect(await detect(lone)).toEqual({ kind: 'unknown' });
  });

  it('refuses reserved and free-format MPEG headers', () => {
    expect(parseMpegFrameHeader(Uint8Array.from([0xff, 0xfb, 0x00, 0x64]), 0)).toBeUndefined(); // free format
    expect(parseMpegFrameHeader(Uint8Array.from([0xff, 0xfb, 0xf0, 0x64]), 0)).toBeUndefined(); // bad bitrate
    expect(parseMpegFrameHeader(Uint8Array.from([0xff, 0xfb, 0x9c, 0x64]), 0)).toBeUndefined(); // reserved rate
    expect(parseMpegFrameHeader(Uint8Array.from([0xff, 0xeb, 0x90, 0x64]), 0)).toBeUndefined(); // reserved version
  });

  it('names formats it recognises but does not read', async () => {
    expect(
      await detect(
        concat([
          ascii('OggS'),
          new Uint8Array(22),
          Uint8Array.of(1, 30),
          ascii('\x7fFLAC'),
          new Uint8Array(40),
        ]),
      ),
    ).toEqual({
      kind: 'known-unsupported',
      description: 'an Ogg FLAC file',
    });
    expect((await detect(concat([ascii('caff'), new Uint8Array(60)]))).kind).toBe(
      'known-unsupported',
    );
    expect(
      (await detect(concat([ascii('RIFF'), new Uint8Array(4), ascii('AVI '), new Uint8Array(60)])))
        .kind,
    ).toBe('known-unsupported');
  });
});
