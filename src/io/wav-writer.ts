import type { ByteSink } from './byte-sink.js';
import { ENCODE_BLOCK_FRAMES, type Encoder } from './guarded-writer.js';
import { fileError } from './io-errors.js';
import { type PcmEncoding, packPcmLittleEndian } from './pcm.js';

/**
 * WAV writer: 16/24-bit PCM or 32-bit IEEE float. The header goes out first with zero
 * sizes and is rewritten by `end()`, so audio streams straight to the sink.
 *
 * Format choice follows Microsoft's "Multiple channel audio data and WAVE files": 16-bit
 * mono/stereo PCM uses the plain WAVE_FORMAT_PCM header, which every reader knows; PCM of
 * more than 16 bits, and anything with more than 2 channels, use WAVE_FORMAT_EXTENSIBLE,
 * which carries valid bits and the speaker mask. Float mono/stereo uses WAVE_FORMAT_IEEE_FLOAT, and every float file
 * carries the `fact` chunk (sample frames) that non-PCM WAVs must have.
 */

export interface WavSpec {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitDepth: 16 | 24 | 32;
  readonly channelMask?: number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];
/** RIFF sizes are 32-bit. */
const MAX_RIFF_BYTES = 0xffffffff;
const SPEAKER_FRONT_CENTER = 0x4;
const SPEAKER_FRONT_LEFT_RIGHT = 0x3;

export function wavEncoding(bitDepth: 16 | 24 | 32): PcmEncoding {
  return bitDepth === 32
    ? { kind: 'float', bytesPerSample: 4, bigEndian: false }
    : { kind: 'int', bytesPerSample: bitDepth === 16 ? 2 : 3, bigEndian: false };
}

/** The complete header (everything before the sample bytes) for `frames` frames. */
export function buildWavHeader(spec: WavSpec, frames: number): Uint8Array {
  const isFloat = spec.bitDepth === 32;
  const bytesPerSample = spec.bitDepth / 8;
  const blockAlign = bytesPerSample * spec.channels;
  const extensible = spec.channels > 2 || spec.bitDepth === 24;
  const plainFloat = isFloat && !extensible;
  const fmtSize = extensible ? 40 : plainFloat ? 18 : 16;
  const factSize = isFloat ? 12 : 0;
  const headerBytes = 12 + 8 + fmtSize + factSize + 8;
  const dataBytes = frames * blockAlign;

  const header = new Uint8Array(headerBytes);
  const view = new DataView(header.buffer);
  let p = 0;
  const fourcc = (text: string) => {
    for (let i = 0; i < 4; i++) header[p + i] = text.charCodeAt(i);
    p += 4;
  };
  const u16 = (value: number) => {
    view.setUint16(p, value, true);
    p += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(p, value, true);
    p += 4;
  };

  fourcc('RIFF');
  // The data chunk is padded to an even length; the pad byte counts in the RIFF size.
  u32(headerBytes - 8 + dataBytes + (dataBytes % 2));
  fourcc('WAVE');
  fourcc('fmt ');
  u32(fmtSize);
  const formatTag = extensible
    ? WAVE_FORMAT_EXTENSIBLE
    : isFloat
      ? WAVE_FORMAT_IEEE_FLOAT
      : WAVE_FORMAT_PCM;
  u16(formatTag);
  u16(spec.channels);
  u32(spec.sampleRate);
  u32(spec.sampleRate * blockAlign);
  u16(blockAlign);
  u16(spec.bitDepth);
  if (extensible) {
    u16(22);
    u16(spec.bitDepth); // valid bits: all of them
    u32(spec.channelMask ?? defaultChannelMask(spec.channels));
    u16(isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM);
    header.set(SUBFORMAT_GUID_TAIL, p);
    p += SUBFORMAT_GUID_TAIL.length;
  } else if (plainFloat) {
    u16(0);
  }
  if (isFloat) {
    fourcc('fact');
    u32(4);
    u32(frames);
  }
  fourcc('data');
  u32(dataBytes);
  return header;
}

/**
 * Mono and stereo have one obvious layout; for more channels mixdown cannot know which
 * speaker each feeds, so it says so (mask 0) unless the caller gives a mask.
 */
function defaultChannelMask(channels: number): number {
  if (channels === 1) return SPEAKER_FRONT_CENTER;
  if (channels === 2) return SPEAKER_FRONT_LEFT_RIGHT;
  return 0;
}

export async function createWavEncoder(
  name: string,
  spec: WavSpec,
  sink: ByteSink,
): Promise<Encoder> {
  const encoding = wavEncoding(spec.bitDepth);
  const blockAlign = encoding.bytesPerSample * spec.channels;
  const headerBytes = buildWavHeader(spec, 0).length;
  const scratch = new Uint8Array(ENCODE_BLOCK_FRAMES * blockAlign);
  let frames = 0;
  await sink.append(buildWavHeader(spec, 0));

  return {
    async encode(channels, count) {
      if (headerBytes + (frames + count) * blockAlign + 1 > MAX_RIFF_BYTES) {
        throw fileError(
          'write-failed',
          name,
          'the audio is too long for a WAV file, whose sizes stop at 4 GiB',
          'write FLAC instead, or split the audio',
        );
      }
      const bytes = scratch.subarray(0, count * blockAlign);
      packPcmLittleEndian(channels, 0, count, encoding, bytes);
      await sink.append(bytes);
      frames += count;
    },
    async end() {
      if ((frames * blockAlign) % 2 === 1) await sink.append(new Uint8Array(1));
      await sink.writeAt(0, buildWavHeader(spec, frames));
    },
  };
}
