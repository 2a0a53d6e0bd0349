import { createRequire } from 'node:module';
import type { ByteSink } from './byte-sink.js';
import { ENCODE_BLOCK_FRAMES, type Encoder } from './guarded-writer.js';
import { quantizeSample } from './pcm.js';

/**
 * FLAC writer on libflac.js (libFLAC compiled to JavaScript). Frames are streamed to the
 * sink as libFLAC produces them. libflac.js gives the stream encoder no seek callback, so
 * libFLAC cannot go back and complete the STREAMINFO block it wrote first (total samples,
 * frame sizes and MD5 are zero there); `end()` rewrites that block from the final values
 * libFLAC reports through its metadata callback.
 *
 * The asm.js build is used: the wasm build fetches its binary by URL, which fails in Node.
 */

export interface FlacSpec {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitDepth: 16 | 24;
}

/** libFLAC's default level, as `flac` uses: a good size/speed balance. */
const COMPRESSION_LEVEL = 5;
/** "fLaC" + the 4-byte metadata block header; STREAMINFO's 34 bytes follow. */
const STREAMINFO_OFFSET = 8;

interface StreamInfoMetadata {
  min_blocksize: number;
  max_blocksize: number;
  min_framesize: number;
  max_framesize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  total_samples: number;
  md5sum: string;
}

interface LibFlac {
  isReady(): boolean;
  on(event: 'ready', listener: () => void): void;
  create_libflac_encoder(
    sampleRate: number,
    channels: number,
    bitsPerSample: number,
    compressionLevel: number,
    totalSamples: number,
    verify: boolean,
  ): number;
  init_encoder_stream(
    encoder: number,
    write: (data: Uint8Array) => void,
    metadata: (metadata: StreamInfoMetadata | undefined) => void,
  ): number;
  FLAC__stream_encoder_process(encoder: number, channels: Int32Array[], frames: number): boolean;
  FLAC__stream_encoder_finish(encoder: number): boolean;
  FLAC__stream_encoder_delete(encoder: number): void;
  FLAC__stream_encoder_get_state(encoder: number): number;
}

let libFlac: Promise<LibFlac> | undefined;

function loadLibFlac(): Promise<LibFlac> {
  libFlac ??= new Promise((resolve) => {
    const require = createRequire(import.meta.url);
    const flac = (require('libflacjs') as () => LibFlac)();
    if (flac.isReady()) resolve(flac);
    else flac.on('ready', () => resolve(flac));
  });
  return libFlac;
}

export async function createFlacEncoder(spec: FlacSpec, sink: ByteSink): Promise<Encoder> {
  const flac = await loadLibFlac();
  const id = flac.create_libflac_encoder(
    spec.sampleRate,
    spec.channels,
    spec.bitDepth,
    COMPRESSION_LEVEL,
    0,
    false,
  );
  if (id === 0) throw new Error('libFLAC could not create an encoder');
  // libFLAC calls back synchronously while it encodes; the bytes are queued and then
  // appended to the (asynchronous) sink after each call returns.
  let pending: Uint8Array[] = [];
  let finalInfo: StreamInfoMetadata | undefined;
  const status = flac.init_encoder_stream(
    id,
    (data) => pending.push(data.slice()),
    (metadata) => {
      if (metadata) finalInfo = metadata;
    },
  );
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    flac.FLAC__stream_encoder_delete(id);
  };
  if (status !== 0) {
    release();
    throw new Error(`libFLAC refused the stream settings (init status ${status})`);
  }
  const flushPending = async () => {
    const chunks = pending;
    pending = [];
    for (const chunk of chunks) await sink.append(chunk);
  };
  await flushPending(); // the "fLaC" marker and the provisional STREAMINFO
  const integers = Array.from({ length: spec.channels }, () => new Int32Array(ENCODE_BLOCK_FRAMES));

  return {
    async encode(channels, frames) {
      for (let c = 0; c < spec.channels; c++) {
        const input = channels[c];
        const output = integers[c];
        for (let i = 0; i < frames; i++) output[i] = quantizeSample(input[i], spec.bitDepth);
      }
      const views = integers.map((channel) => channel.subarray(0, frames));
      if (!flac.FLAC__stream_encoder_process(id, views, frames)) {
        throw new Error(
          `libFLAC stopped encoding (state ${flac.FLAC__stream_encoder_get_state(id)})`,
        );
      }
      await flushPending();
    },
    async end() {
      if (!flac.FLAC__stream_encoder_finish(id)) {
        throw new Error(
          `libFLAC could not finish (state ${flac.FLAC__stream_encoder_get_state(id)})`,
        );
      }
      await flushPending();
      if (!finalInfo) throw new Error('libFLAC reported no final STREAMINFO');
      await sink.writeAt(STREAMINFO_OFFSET, encodeStreamInfo(finalInfo));
    },
    release,
  };
}

/** The 34-byte STREAMINFO body (RFC 9639 §8.2). */
export function encodeStreamInfo(info: StreamInfoMetadata): Uint8Array {
  const body = new Uint8Array(34);
  const view = new DataView(body.buffer);
  view.setUint16(0, info.min_blocksize, false);
  view.setUint16(2, info.max_blocksize, false);
  const u24 = (offset: number, value: number) => {
    body[offset] = (value >> 16) & 0xff;
    body[offset + 1] = (value >> 8) & 0xff;
    body[offset + 2] = value & 0xff;
  };
  u24(4, info.min_framesize);
  u24(7, info.max_framesize);
  // 20 bits rate, 3 bits channels−1, 5 bits bits−1, 36 bits total samples.
  const rate = info.sampleRate;
  const channels = info.channels - 1;
  const bits = info.bitsPerSample - 1;
  const total = info.total_samples;
  const totalHigh = Math.floor(total / 2 ** 32) & 0xf;
  body[10] = (rate >> 12) & 0xff;
  body[11] = (rate >> 4) & 0xff;
  body[12] = ((rate & 0xf) << 4) | (channels << 1) | (bits >> 4);
  body[13] = ((bits & 0xf) << 4) | totalHigh;
  view.setUint32(14, total >>> 0, false);
  for (let i = 0; i < 16; i++)
    body[18 + i] = Number.parseInt(info.md5sum.slice(2 * i, 2 * i + 2), 16) || 0;
  return body;
}
