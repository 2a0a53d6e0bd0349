import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { AtomicFile } from './atomic.js';
import { type ByteSink, MemorySink } from './byte-sink.js';
import { createFlacEncoder } from './flac-encoder.js';
import { type Encoder, guardWriter } from './guarded-writer.js';
import { createMp3Encoder, createVorbisEncoder } from './lossy-encoders.js';
import { MPEG_SAMPLE_RATES, mpegVersionFor } from './mpeg-audio.js';
import type { AudioWriter, EncodeOptions } from './types.js';
import { createWavEncoder } from './wav-writer.js';

/**
 * Create a streaming writer for `path`. Bytes go to a temporary file beside it, renamed to
 * `path` only by `close()`; `abort()`, or any failure, leaves nothing under `path`.
 */
export async function createWriter(path: string, options: EncodeOptions): Promise<AudioWriter> {
  checkEncodeOptions(path, options);
  const file = await AtomicFile.create(path);
  return startWriter(path, options, file);
}

/** Write `audio` to `path` in one call (atomic, like `createWriter`). */
export async function writeAudio(
  path: string,
  audio: AudioData,
  options: EncodeOptions,
): Promise<void> {
  checkAudioMatches(path, audio, options);
  const writer = await createWriter(path, options);
  await writer.write(audio.channels, audio.channels[0]?.length ?? 0);
  await writer.close();
}

/** Encode `audio` in memory and return the file's bytes. */
export async function encodeAudio(audio: AudioData, options: EncodeOptions): Promise<Uint8Array> {
  const name = `(in-memory ${options.format})`;
  checkEncodeOptions(name, options);
  checkAudioMatches(name, audio, options);
  const sink = new MemorySink();
  const writer = await startWriter(name, options, sink);
  await writer.write(audio.channels, audio.channels[0]?.length ?? 0);
  await writer.close();
  return sink.bytes();
}

async function startWriter(
  name: string,
  options: EncodeOptions,
  sink: ByteSink,
): Promise<AudioWriter> {
  let encoder: Encoder;
  try {
    encoder = await createEncoder(name, options, sink);
  } catch (error) {
    await sink.discard();
    throw error;
  }
  return guardWriter(name, options, sink, encoder);
}

function createEncoder(name: string, options: EncodeOptions, sink: ByteSink): Promise<Encoder> {
  const { sampleRate, channels } = options;
  switch (options.format) {
    case 'wav':
      return createWavEncoder(
        name,
        {
          sampleRate,
          channels,
          bitDepth: options.bitDepth ?? 24,
          ...(options.channelMask !== undefined ? { channelMask: options.channelMask } : {}),
        },
        sink,
      );
    case 'flac':
      return createFlacEncoder(
        { sampleRate, channels, bitDepth: (options.bitDepth ?? 24) as 16 | 24 },
        sink,
      );
    case 'mp3':
      return createMp3Encoder(
        { sampleRate, channels: channels as 1 | 2, mode: options.mp3Mode ?? 'cbr320' },
        sink,
      );
    case 'ogg-vorbis':
      return createVorbisEncoder(
        { sampleRate, channels: channels as 1 | 2, quality: options.vorbisQuality ?? 6 },
        sink,
      );
  }
}

/** Refuse impossible settings before any file is created, each with what to do instead. */
export function checkEncodeOptions(name: string, options: EncodeOptions): void {
  const refuse = (problem: string, remedy: string): never => {
    throw new MixdownError('invalid-argument', `${name}: ${problem}; ${remedy}.`);
  };
  const { format, sampleRate, channels, bitDepth } = options;
  if (!['wav', 'flac', 'mp3', 'ogg-vorbis'].includes(format)) {
    refuse(`'${format}' is not a format mixdown writes`, 'use wav, flac, mp3 or ogg-vorbis');
  }
  if (!Number.isInteger(sampleRate) || sampleRate < 1000 || sampleRate > 768000) {
    refuse(
      `${sampleRate} Hz is not a sample rate mixdown writes`,
      'use a whole number of hertz between 1000 and 768000',
    );
  }
  if (!Number.isInteger(channels) || channels < 1) {
    refuse(`${channels} is not a channel count`, 'use 1 or more channels');
  }
  switch (format) {
    case 'wav':
      if (channels > 65535) refuse(`WAV cannot hold ${channels} channels`, 'use fewer channels');
      if (bitDepth !== undefined && ![16, 24, 32].includes(bitDepth)) {
        refuse(`WAV cannot be written at ${bitDepth} bits`, 'use 16 or 24 (PCM) or 32 (float)');
      }
      return;
    case 'flac':
      if (channels > 8) refuse(`FLAC holds at most 8 channels, not ${channels}`, 'use WAV');
      if (bitDepth !== undefined && bitDepth !== 16 && bitDepth !== 24) {
        refuse(
          `FLAC is written at 16 or 24 bits, not ${bitDepth}`,
          'use 16 or 24, or WAV for float',
        );
      }
      if (sampleRate > 655350) refuse(`FLAC cannot carry ${sampleRate} Hz`, 'use WAV');
      return;
    case 'mp3': {
      if (channels > 2) {
        refuse(
          `MP3 holds only mono or stereo, not ${channels} channels`,
          'mix down to stereo first, or use FLAC',
        );
      }
      const mode = options.mp3Mode ?? 'cbr320';
      if (mode !== 'cbr320' && mode !== 'v0')
        refuse(`'${mode}' is not an MP3 mode`, "use 'cbr320' or 'v0'");
      const version = mpegVersionFor(sampleRate);
      if (version === undefined) {
        refuse(
          `MP3 cannot carry ${sampleRate} Hz`,
          `resample to one of ${MPEG_SAMPLE_RATES.map((r) => r / 1000).join(', ')} kHz first (44.1 or 48 for music)`,
        );
      }
      if (mode === 'cbr320' && version !== 1) {
        refuse(
          `320 kbit/s MP3 needs 32, 44.1 or 48 kHz, not ${sampleRate / 1000} kHz`,
          "resample to 44.1 or 48 kHz first, or use mode 'v0'",
        );
      }
      return;
    }
    case 'ogg-vorbis': {
      if (channels > 2) {
        refuse(
          `the Vorbis encoder takes only mono or stereo, not ${channels} channels`,
          'mix down to stereo first, or use FLAC',
        );
      }
      if (sampleRate < 8000 || sampleRate > 192000) {
        refuse(`Vorbis is encoded at 8–192 kHz, not ${sampleRate} Hz`, 'resample first');
      }
      const quality = options.vorbisQuality ?? 6;
      if (!(quality >= -1 && quality <= 10)) {
        refuse(`Vorbis quality ${quality} is outside −1…10`, 'choose a quality between −1 and 10');
      }
      return;
    }
  }
}

function checkAudioMatches(name: string, audio: AudioData, options: EncodeOptions): void {
  if (audio.sampleRate !== options.sampleRate || audio.channels.length !== options.channels) {
    throw new MixdownError(
      'invalid-argument',
      `${name}: the audio is ${audio.channels.length} channels at ${audio.sampleRate} Hz but the options say ${options.channels} at ${options.sampleRate} Hz; make them agree (mixdown never resamples or remixes silently).`,
    );
  }
}
