import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeAudioBytes, encodeAudio, openAudio, readAudio } from '../../src/io/index.js';
import {
  expectMixdownError,
  multiTone,
  randomPlanarCodes,
  useTempDir,
  writeFixture,
} from './helpers/fixtures.js';
import { aiffBytes, ascii, concat, u32, wavBytes } from './helpers/pcm-files.js';

/**
 * Every way a user can hand mixdown a bad file: each must be a MixdownError with its own
 * code and one sentence that starts with the file's name (checked by expectMixdownError).
 */

const tmp = useTempDir();

/** 3 seconds of 16-bit stereo at 8 kHz: 96 000 bytes of audio after a 44-byte header. */
function threeSecondWav(): Uint8Array {
  return wavBytes({ sampleRate: 8000, bits: 16, channels: randomPlanarCodes(16, 2, 24_000, 2) });
}

describe('files that are not there or not files', () => {
  it('a missing path is file-not-found', async () => {
    const path = tmp.path('no-such-song.wav');
    await expectMixdownError(openAudio(path), 'file-not-found', path);
  });

  it('a directory is not-a-file', async () => {
    const path = tmp.path('a-folder.wav');
    await mkdir(path);
    const error = await expectMixdownError(openAudio(path), 'not-a-file', path);
    expect(error.message).toContain('folder');
  });

  it('a 0-byte file is empty-file, from disk and from memory', async () => {
    const path = await writeFixture(tmp.path('empty.wav'), new Uint8Array(0));
    await expectMixdownError(openAudio(path), 'empty-file', path);
    await expectMixdownError(
      decodeAudioBytes(new Uint8Array(0), 'upload.wav'),
      'empty-file',
      'upload.wav',
    );
  });
});

describe('files that are not audio mixdown reads', () => {
  it('a text file named .wav is unsupported-format', async () => {
    const path = await writeFixture(
      tmp.path('notes.wav'),
      'These are my lyrics, not audio.\n'.repeat(20),
    );
    const error = await expectMixdownError(openAudio(path), 'unsupported-format', path);
    expect(error.message).toContain('not an audio file');
  });

  it('random bytes are not taken for MP3', async () => {
    const noise = new Uint8Array(20_000);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    await expectMixdownError(
      decodeAudioBytes(noise, 'noise.mp3'),
      'unsupported-format',
      'noise.mp3',
    );
  });

  it('an MP4/M4A is named as such', async () => {
    const m4a = concat([u32(24, false), ascii('ftypM4A '), new Uint8Array(200)]);
    const error = await expectMixdownError(
      decodeAudioBytes(m4a, 'song.m4a'),
      'unsupported-format',
      'song.m4a',
    );
    expect(error.message).toContain('MP4/M4A');
  });

  it.each([
    [0x0002, 'Microsoft ADPCM'],
    [0x0006, 'A-law'],
    [0x0007, 'µ-law'],
    [0x1234, 'a codec mixdown does not know'],
  ])('a WAV with format tag %i is unsupported-codec', async (formatTag, name) => {
    const bytes = wavBytes({ sampleRate: 8000, bits: 8, formatTag, channels: [[1, 2, 3, 4]] });
    const error = await expectMixdownError(
      decodeAudioBytes(bytes, 'phone.wav'),
      'unsupported-codec',
      'phone.wav',
    );
    expect(error.message).toContain(name);
    expect(error.message).toContain(`0x${formatTag.toString(16).padStart(4, '0')}`);
  });

  it("an AIFF-C with 'ulaw' compression is unsupported-codec", async () => {
    const bytes = aiffBytes({
      sampleRate: 8000,
      bits: 16,
      channels: [[1, 2]],
      aifcCompression: 'ulaw',
    });
    const error = await expectMixdownError(
      decodeAudioBytes(bytes, 'old.aifc'),
      'unsupported-codec',
      'old.aifc',
    );
    expect(error.message).toContain("'ulaw'");
  });
});

describe('truncated and lying WAV files', () => {
  it.each([6, 12, 30, 44])(
    'a WAV cut inside its header (%i bytes) is truncated-file',
    async (keep) => {
      const path = await writeFixture(
        tmp.path(`cut-header-${keep}.wav`),
        threeSecondWav().subarray(0, keep),
      );
      const error = await expectMixdownError(openAudio(path), 'truncated-file', path);
      expect(error.message).toMatch(/ends inside its header|ends after 0\.0 s/);
    },
  );

  it('a WAV cut inside its data is truncated-file, saying how much is there', async () => {
    const whole = threeSecondWav();
    const path = await writeFixture(tmp.path('cut-data.wav'), whole.subarray(0, 44 + 38_400)); // 1.2 s
    const error = await expectMixdownError(openAudio(path), 'truncated-file', path);
    expect(error.message).toBe(
      `${path}: the file ends after 1.2 s of the 3.0 s its header declares (truncated); re-export or re-copy it.`,
    );
  });

  it('long durations read as minutes and seconds', async () => {
    // Header of a 3:04 16-bit stereo 44.1 kHz WAV, with only 1.2 s of audio present.
    const header = wavBytes({ sampleRate: 44100, bits: 16, channels: [[0], [0]] }).slice(0, 44);
    const view = new DataView(header.buffer);
    const declared = 184 * 44100 * 4;
    view.setUint32(4, 36 + declared, true);
    view.setUint32(40, declared, true);
    const bytes = concat([header, new Uint8Array(Math.round(1.2 * 44100) * 4)]);
    const error = await expectMixdownError(
      decodeAudioBytes(bytes, 'song.wav'),
      'truncated-file',
      'song.wav',
    );
    expect(error.message).toBe(
      'song.wav: the file ends after 1.2 s of the 3:04 its header declares (truncated); re-export or re-copy it.',
    );
  });

  it('a WAV whose data size is larger than the file (RIFF size intact) is corrupt-file', async () => {
    const bytes = wavBytes({
      sampleRate: 8000,
      bits: 16,
      channels: randomPlanarCodes(16, 1, 8000, 4),
      dataSizeOverride: 10 * 8000 * 2,
    });
    const path = await writeFixture(tmp.path('liar.wav'), bytes);
    const error = await expectMixdownError(openAudio(path), 'corrupt-file', path);
    expect(error.message).toContain(
      'its header declares 10.0 s of audio but the file holds only 1.0 s',
    );
  });

  it('a file that shrinks while it is read is truncated-file at that point', async () => {
    const { truncate } = await import('node:fs/promises');
    const path = await writeFixture(tmp.path('shrinks.wav'), threeSecondWav());
    const reader = await openAudio(path);
    const buffers = [new Float32Array(8000), new Float32Array(8000)];
    expect(await reader.readInto(buffers, 8000)).toBe(8000);
    await truncate(path, 44 + 12_000 * 4); // 1.5 s of the 3 s remain
    const error = await expectMixdownError(reader.readInto(buffers, 8000), 'truncated-file', path);
    expect(error.message).toContain('ends after 1.5 s of the 3.0 s');
    await reader.close();
  });

  it('a valid WAV with an empty data chunk is no-audio', async () => {
    const path = await writeFixture(
      tmp.path('silent.wav'),
      wavBytes({ sampleRate: 44100, bits: 16, channels: [[]] }),
    );
    const error = await expectMixdownError(openAudio(path), 'no-audio', path);
    expect(error.message).toContain('data chunk is empty');
  });

  it('an AIFF declaring 0 frames is no-audio', async () => {
    const bytes = aiffBytes({ sampleRate: 44100, bits: 16, channels: [[]] });
    await expectMixdownError(decodeAudioBytes(bytes, 'silent.aiff'), 'no-audio', 'silent.aiff');
  });
});

describe('NaN and infinity in float files', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])(
    '%s is invalid-samples, naming channel and time; audio before it streams',
    async (bad, word) => {
      const frames = 48_000;
      const left = new Float32Array(frames).fill(0.25);
      const right = new Float32Array(frames).fill(-0.25);
      right[30_000] = bad; // 0.625 s
      const path = await writeFixture(
        tmp.path(`bad-${word}.wav`),
        wavBytes({ sampleRate: 48000, bits: 32, float: true, channels: [left, right] }),
      );
      const reader = await openAudio(path);
      const buffers = [new Float32Array(10_000), new Float32Array(10_000)];
      for (let block = 0; block < 3; block++)
        expect(await reader.readInto(buffers, 10_000)).toBe(10_000);
      const error = await expectMixdownError(
        reader.readInto(buffers, 10_000),
        'invalid-samples',
        path,
      );
      expect(error.message).toContain(`channel 2 holds ${word} at 0.625000 s (sample frame 30000)`);
      await reader.close();
    },
  );

  it('64-bit float files are checked too', async () => {
    const values = Float64Array.from([0, 0.5, Number.NaN]);
    const bytes = wavBytes({ sampleRate: 44100, bits: 64, float: true, channels: [values] });
    await expectMixdownError(decodeAudioBytes(bytes, 'f64.wav'), 'invalid-samples', 'f64.wav');
  });
});

describe('damaged compressed files', () => {
  const audio = {
    sampleRate: 44100,
    channels: [multiTone(44100, 44100), multiTone(44100, 44100, 1)],
  };

  it('a FLAC cut in half is truncated-file', async () => {
    const flac = await encodeAudio(audio, {
      format: 'flac',
      sampleRate: 44100,
      channels: 2,
      bitDepth: 16,
    });
    const path = await writeFixture(tmp.path('half.flac'), flac.subarray(0, flac.length >> 1));
    const error = await expectMixdownError(readAudio(path), 'truncated-file', path);
    expect(error.message).toContain('of the 1.0 s its header declares');
  });

  it('a FLAC with garbage over its frames is corrupt-file', async () => {
    const flac = await encodeAudio(audio, {
      format: 'flac',
      sampleRate: 44100,
      channels: 2,
      bitDepth: 16,
    });
    const damaged = flac.slice();
    for (let i = 2000; i < 12_000; i++) damaged[i] = (i * 7919) & 0xff;
    const error = await expectMixdownError(
      decodeAudioBytes(damaged, 'damaged.flac'),
      'corrupt-file',
      'damaged.flac',
    );
    expect(error.message).toContain('FLAC data is damaged');
  });

  it('an MP3 cut short is truncated-file (its LAME tag says how long it was)', async () => {
    const mp3 = await encodeAudio(audio, { format: 'mp3', sampleRate: 44100, channels: 2 });
    await expectMixdownError(
      decodeAudioBytes(mp3.subarray(0, mp3.length >> 1), 'cut.mp3'),
      'truncated-file',
      'cut.mp3',
    );
  });

  it('an MP3 with garbage over its frames is corrupt-file', async () => {
    const mp3 = await encodeAudio(audio, { format: 'mp3', sampleRate: 44100, channels: 2 });
    const damaged = mp3.slice();
    for (let i = 20_000; i < 40_000; i++) damaged[i] = (i * 7919) & 0xff;
    const error = await expectMixdownError(
      decodeAudioBytes(damaged, 'damaged.mp3'),
      'corrupt-file',
      'damaged.mp3',
    );
    expect(error.message).toContain('MP3 data is damaged');
  });

  it('an Ogg Vorbis cut short is truncated-file (no end-of-stream page)', async () => {
    const ogg = await encodeAudio(audio, { format: 'ogg-vorbis', sampleRate: 44100, channels: 2 });
    const error = await expectMixdownError(
      decodeAudioBytes(ogg.subarray(0, Math.floor(ogg.length * 0.6)), 'cut.ogg'),
      'truncated-file',
      'cut.ogg',
    );
    expect(error.message).toContain('end-of-stream');
  });

  it('an Ogg whose codec header is garbage is an error sentence, not a stack trace', async () => {
    const ogg = await encodeAudio(audio, { format: 'ogg-vorbis', sampleRate: 44100, channels: 2 });
    const damaged = ogg.slice();
    for (let i = 200; i < damaged.length - 200; i++) damaged[i] = (i * 131) & 0xff;
    const error = await expectMixdownError(
      decodeAudioBytes(damaged, 'bad.ogg'),
      'corrupt-file',
      'bad.ogg',
    );
    expect(error.message).toContain('Vorbis');
  });
});
