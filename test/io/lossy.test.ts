import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  decodeAudioBytes,
  type EncodeOptions,
  encodeAudio,
  readAudio,
  writeAudio,
} from '../../src/io/index.js';
import { MP3_DECODER_DELAY, readLameTag } from '../../src/io/lame-tag.js';
import { LAME_ENCODER_DELAY } from '../../src/io/lossy-encoders.js';
import { parseMpegFrameHeader } from '../../src/io/mpeg-audio.js';
import { bestLag, multiTone, snrDb, useTempDir } from './helpers/fixtures.js';
import { OPUS_PRE_SKIP, oggOpusBytes } from './helpers/ogg-opus.js';

/**
 * Lossy round trips: a two-second multi-tone is encoded, decoded back, and compared.
 * Alignment is measured by cross-correlation (±1500 samples); SNR is over the whole signal,
 * every channel, edges included. Each bound sits a few dB under the value measured when it
 * was written (noted beside it), so a real regression fails and encoder noise does not.
 */

const tmp = useTempDir();

async function roundTrip(options: EncodeOptions, seconds = 2) {
  const frames = Math.round(options.sampleRate * seconds);
  const channels = Array.from({ length: options.channels }, (_, c) =>
    multiTone(options.sampleRate, frames, c),
  );
  const bytes = await encodeAudio({ sampleRate: options.sampleRate, channels }, options);
  const decoded = await decodeAudioBytes(bytes, 'lossy');
  const lag = bestLag(channels[0], decoded.channels[0], 1500);
  const snr = Math.min(
    ...channels.map((channel, c) => snrDb(channel, decoded.channels[c], 0, frames)),
  );
  return { frames, channels, bytes, decoded, lag, snr };
}

describe.each([
  // [mode, sample rate, channels, SNR bound dB] — measured: see the comment on each row
  ['cbr320', 44100, 2, 65], // measured 69.6 dB
  ['cbr320', 48000, 2, 65], // measured 68.4 dB
  ['cbr320', 44100, 1, 65], // measured 74.0 dB
  ['v0', 44100, 2, 52], // measured 55.0 dB
  ['v0', 48000, 2, 52], // measured 58.4 dB
  ['v0', 22050, 2, 37], // MPEG-2 Layer III; measured 39.6 dB
] as const)('MP3 %s at %i Hz, %i channel(s)', (mp3Mode, sampleRate, channels, snrBound) => {
  it(`decodes to the original length, aligned to the sample, SNR ≥ ${snrBound} dB`, async () => {
    const result = await roundTrip({ format: 'mp3', sampleRate, channels, mp3Mode });
    expect(result.decoded.info).toMatchObject({ format: 'mp3', sampleRate, channels });
    expect(result.decoded.info.frames).toBe(result.frames);
    expect(result.lag).toBe(0);
    expect(result.snr).toBeGreaterThanOrEqual(snrBound);
  });
});

describe('MP3 gapless tag', () => {
  it('records LAME delay and padding that add up to whole frames', async () => {
    const { bytes, frames } = await roundTrip(
      { format: 'mp3', sampleRate: 44100, channels: 2, mp3Mode: 'cbr320' },
      1,
    );
    const tag = readLameTag(bytes, 0);
    const first = parseMpegFrameHeader(bytes, 0)!;
    expect(tag).toMatchObject({ vbr: false, encoderDelay: LAME_ENCODER_DELAY });
    expect(tag!.frames! * first.samplesPerFrame).toBe(
      frames + tag!.encoderDelay! + tag!.encoderPadding!,
    );
    expect(Buffer.from(bytes.subarray(0, first.frameBytes)).includes('LAME3.100')).toBe(true);
    const vbr = await roundTrip(
      { format: 'mp3', sampleRate: 48000, channels: 2, mp3Mode: 'v0' },
      1,
    );
    expect(readLameTag(vbr.bytes, 0)).toMatchObject({ vbr: true });
  });

  it('without the tag, decodes untrimmed: LAME delay + decoder delay late, whole frames long', async () => {
    const { bytes, channels, frames } = await roundTrip(
      { format: 'mp3', sampleRate: 44100, channels: 2, mp3Mode: 'cbr320' },
      1,
    );
    const tagFrame = parseMpegFrameHeader(bytes, 0)!.frameBytes;
    const tag = readLameTag(bytes, 0)!;
    const untagged = await decodeAudioBytes(bytes.subarray(tagFrame), 'untagged.mp3');
    expect(untagged.info.frames).toBe(tag.frames! * 1152);
    // The documented residual offset of a tagless MP3: 576 + 529 = 1105 samples.
    expect(bestLag(channels[0], untagged.channels[0], 1500)).toBe(
      LAME_ENCODER_DELAY + MP3_DECODER_DELAY,
    );
    expect(untagged.info.frames - frames).toBe(tag.encoderDelay! + tag.encoderPadding!);
  });

  it.skipIf(!hasFfmpeg())(
    'is honoured by ffmpeg too: it decodes the same number of samples',
    async () => {
      const path = tmp.path('gapless.mp3');
      const frames = 44100 + 123;
      await writeAudio(
        path,
        { sampleRate: 44100, channels: [multiTone(44100, frames), multiTone(44100, frames, 1)] },
        { format: 'mp3', sampleRate: 44100, channels: 2, mp3Mode: 'v0' },
      );
      const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-']);
      expect(pcm.length / 8).toBe(frames);
      expect((await readAudio(path)).info.frames).toBe(frames);
    },
  );

  it('refuses channel counts and sample rates MP3 cannot carry, before creating a file', async () => {
    const audio = (rate: number, channels: number) => ({
      sampleRate: rate,
      channels: Array.from({ length: channels }, () => new Float32Array(10)),
    });
    await expect(
      encodeAudio(audio(96000, 2), { format: 'mp3', sampleRate: 96000, channels: 2 }),
    ).rejects.toThrow(/MP3 cannot carry 96000 Hz; resample to one of .* kHz first/);
    await expect(
      encodeAudio(audio(48000, 6), { format: 'mp3', sampleRate: 48000, channels: 6 }),
    ).rejects.toThrow(
      /MP3 holds only mono or stereo, not 6 channels; mix down to stereo first, or use FLAC\./,
    );
    await expect(
      encodeAudio(audio(22050, 2), { format: 'mp3', sampleRate: 22050, channels: 2 }),
    ).rejects.toThrow(/320 kbit\/s MP3 needs 32, 44\.1 or 48 kHz/);
  });
});

describe.each([
  [44100, 2, 37], // measured 40.3 dB
  [48000, 1, 37], // measured 39.5 dB
] as const)('Ogg Vorbis quality 6 at %i Hz, %i channel(s)', (sampleRate, channels, snrBound) => {
  it(`decodes to the original length, aligned, SNR ≥ ${snrBound} dB`, async () => {
    const result = await roundTrip({ format: 'ogg-vorbis', sampleRate, channels });
    expect(result.decoded.info).toMatchObject({
      format: 'ogg-vorbis',
      sampleRate,
      channels,
      frames: result.frames,
    });
    expect(result.lag).toBe(0);
    expect(result.snr).toBeGreaterThanOrEqual(snrBound);
  });
});

describe('Ogg Vorbis encoding', () => {
  it('is deterministic: the same audio gives the same bytes', async () => {
    const options = { format: 'ogg-vorbis', sampleRate: 44100, channels: 1 } as const;
    const audio = { sampleRate: 44100, channels: [multiTone(44100, 20000)] };
    expect(await encodeAudio(audio, options)).toEqual(await encodeAudio(audio, options));
  });
});

describe('Ogg Opus decoding', () => {
  it.each([1, 2])(
    'decodes %i channel(s) at 48 kHz with pre-skip removed, aligned, SNR ≥ 28 dB',
    async (count) => {
      const frames = 96_077;
      const channels = Array.from({ length: count }, (_, c) => multiTone(48000, frames, c));
      const decoded = await decodeAudioBytes(oggOpusBytes(channels), 'test.opus');
      expect(decoded.info).toMatchObject({
        format: 'ogg-opus',
        sampleRate: 48000,
        channels: count,
        frames,
      });
      expect(decoded.info.codec).toContain('decoded at 48 kHz');
      expect(bestLag(channels[0], decoded.channels[0], 1500)).toBe(0);
      // measured 34.8 dB mono, 31.2 dB stereo at 128 kbit/s
      for (let c = 0; c < count; c++)
        expect(snrDb(channels[c], decoded.channels[c], 0, frames)).toBeGreaterThanOrEqual(28);
    },
  );

  it('really depends on the pre-skip: a file claiming none decodes 312 samples early', async () => {
    const channels = [multiTone(48000, 48000)];
    const bytes = oggOpusBytes(channels);
    const noSkip = bytes.slice();
    // Pre-skip lives at offset 10 of OpusHead, which starts at byte 28 of the first page;
    // the page CRC is not checked by the decoder.
    new DataView(noSkip.buffer).setUint16(28 + 10, 0, true);
    const decoded = await decodeAudioBytes(noSkip, 'noskip.opus');
    expect(bestLag(channels[0], decoded.channels[0], 1500)).toBe(OPUS_PRE_SKIP);
  });
});

function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
