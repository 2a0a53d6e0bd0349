import type { ByteSink } from './byte-sink.js';
import type { Encoder } from './guarded-writer.js';
import { buildLameTagFrame, crc16, type LameTagSpec, lameTagFrameBytes } from './lame-tag.js';
import { parseMpegFrameHeader } from './mpeg-audio.js';

/**
 * MP3 (LAME) and Ogg Vorbis (libvorbis) writers on wasm-media-encoders. Both stream: every
 * `encode` hands its bytes to the sink at once. The encoders' output arrays belong to the
 * encoder and are overwritten by its next call, so they are copied before any await.
 */

interface MediaEncoder {
  configure(options: Record<string, number>): void;
  encode(samples: Float32Array[]): Uint8Array;
  finalize(): Uint8Array;
}

export interface Mp3Spec {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly mode: 'cbr320' | 'v0';
}

/**
 * Samples LAME puts before the audio (lame_get_encoder_delay: ENCDELAY = 576 in LAME
 * 3.100). wasm-media-encoders does not expose it; the MP3 round-trip test measures the
 * alignment and fails if this is wrong.
 */
export const LAME_ENCODER_DELAY = 576;

/**
 * LAME writes no Xing/Info frame here (wasm-media-encoders cannot rewrite the start of a
 * file), so without help players could not trim LAME's delay and padding. This writer
 * reserves a frame at the start and, in `end()`, fills it with an Info (CBR) or Xing (VBR)
 * tag and a LAME extension holding delay, padding, frame count and seek table. Decoders
 * that honour it (mpg123, ffmpeg, and mixdown's own reader) return exactly the input.
 */
export async function createMp3Encoder(spec: Mp3Spec, sink: ByteSink): Promise<Encoder> {
  const { createMp3Encoder: createLame } = await import('wasm-media-encoders');
  const lame = (await createLame()) as unknown as MediaEncoder;
  const vbr = spec.mode === 'v0';
  lame.configure({
    sampleRate: spec.sampleRate,
    channels: spec.channels,
    // Never let LAME resample: the output rate is the input rate.
    outputSampleRate: spec.sampleRate,
    ...(vbr ? { vbrQuality: 0 } : { bitrate: 320 }),
  });
  const tagSpec: LameTagSpec = {
    sampleRate: spec.sampleRate,
    channels: spec.channels,
    vbr,
    ...(vbr ? { vbrQuality: 0 } : { cbrBitrateKbps: 320 }),
  };
  const tagBytes = lameTagFrameBytes(tagSpec);
  await sink.append(new Uint8Array(tagBytes)); // filled in by end()
  const frames = new MpegFrameTally();
  let inputFrames = 0;

  const emit = async (output: Uint8Array) => {
    if (output.length === 0) return;
    const copy = output.slice();
    frames.add(copy);
    await sink.append(copy);
  };

  return {
    async encode(channels, count) {
      await emit(lame.encode(channels.map((channel) => channel.subarray(0, count))));
      inputFrames += count;
    },
    async end() {
      await emit(lame.finalize());
      const samplesPerFrame = frames.samplesPerFrame ?? 1152;
      const padding = frames.count * samplesPerFrame - LAME_ENCODER_DELAY - inputFrames;
      const tag = buildLameTagFrame(tagSpec, {
        frames: frames.count,
        totalBytes: tagBytes + frames.bytes,
        frameLengths: frames.lengths(),
        encoderDelay: LAME_ENCODER_DELAY,
        encoderPadding: Math.max(0, padding),
        musicCrc: frames.crc,
      });
      await sink.writeAt(0, tag);
    },
  };
}

/**
 * Follows the MPEG frames in a byte stream that arrives in arbitrary pieces: counts them,
 * keeps each one's length (two bytes a frame, ~150 KB an hour, for the seek table), and
 * the CRC-16 of all of them.
 */
class MpegFrameTally {
  count = 0;
  bytes = 0;
  crc = 0;
  samplesPerFrame: number | undefined;
  private frameLengths = new Uint16Array(1024);
  /** Bytes still to skip to reach the next frame header. */
  private remainingInFrame = 0;
  /** A header split across two pieces. */
  private partialHeader = new Uint8Array(4);
  private partialLength = 0;

  add(piece: Uint8Array): void {
    this.crc = crc16(piece, this.crc);
    this.bytes += piece.length;
    let p = 0;
    while (p < piece.length) {
      if (this.remainingInFrame > 0) {
        const skip = Math.min(this.remainingInFrame, piece.length - p);
        this.remainingInFrame -= skip;
        p += skip;
        continue;
      }
      const take = Math.min(4 - this.partialLength, piece.length - p);
      this.partialHeader.set(piece.subarray(p, p + take), this.partialLength);
      this.partialLength += take;
      p += take;
      if (this.partialLength < 4) break;
      this.partialLength = 0;
      const header = parseMpegFrameHeader(this.partialHeader, 0);
      if (!header) throw new Error('LAME produced bytes that are not an MPEG frame');
      this.samplesPerFrame = header.samplesPerFrame;
      this.record(header.frameBytes);
      this.remainingInFrame = header.frameBytes - 4;
    }
  }

  lengths(): Uint16Array {
    return this.frameLengths.subarray(0, this.count);
  }

  private record(length: number): void {
    if (this.count === this.frameLengths.length) {
      const grown = new Uint16Array(this.frameLengths.length * 2);
      grown.set(this.frameLengths);
      this.frameLengths = grown;
    }
    this.frameLengths[this.count++] = length;
  }
}

export interface VorbisSpec {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  /** −1 … 10. */
  readonly quality: number;
}

export async function createVorbisEncoder(spec: VorbisSpec, sink: ByteSink): Promise<Encoder> {
  const { createOggEncoder } = await import('wasm-media-encoders');
  const vorbis = (await createOggEncoder()) as unknown as MediaEncoder;
  vorbis.configure({
    sampleRate: spec.sampleRate,
    channels: spec.channels,
    vbrQuality: spec.quality,
    // A fixed stream serial number keeps encoding deterministic (DESIGN.md: same input,
    // same bytes); the library would otherwise pick a random one.
    oggSerialNo: 0x6d697864, // "mixd"
  });
  const emit = async (output: Uint8Array) => {
    if (output.length > 0) await sink.append(output.slice());
  };
  return {
    async encode(channels, count) {
      await emit(vorbis.encode(channels.map((channel) => channel.subarray(0, count))));
    },
    async end() {
      await emit(vorbis.finalize());
    },
  };
}
