/**
 * Tiny WAV and AIFF writers for tests, written from the specifications and independent of
 * src/io, so they can produce every variant mixdown must read — including broken ones.
 */

type Samples = ArrayLike<number>;

export interface Chunk {
  readonly id: string;
  readonly body: Uint8Array;
}

export interface WavFixture {
  readonly sampleRate: number;
  /** wBitsPerSample. */
  readonly bits: number;
  /** Integer codes (PCM) or float values (IEEE float), one array per channel. */
  readonly channels: readonly Samples[];
  readonly float?: boolean;
  /** Override wFormatTag (e.g. 0x0006 A-law); the samples are still written as PCM. */
  readonly formatTag?: number;
  readonly extensible?: { readonly validBits?: number; readonly channelMask?: number };
  readonly chunksBeforeFmt?: readonly Chunk[];
  readonly chunksBeforeData?: readonly Chunk[];
  readonly chunksAfterData?: readonly Chunk[];
  /** Write RF64 (or BW64) with a ds64 chunk and 0xFFFFFFFF in the 32-bit size fields. */
  readonly rf64?: 'RF64' | 'BW64';
  /** Lie in the data chunk's size field. */
  readonly dataSizeOverride?: number;
}

export function chunk(id: string, body: Uint8Array | string): Chunk {
  return { id, body: typeof body === 'string' ? new TextEncoder().encode(body) : body };
}

export function wavBytes(spec: WavFixture): Uint8Array {
  const channelCount = spec.channels.length;
  const frames = spec.channels[0].length;
  const bytesPerSample = Math.ceil(spec.bits / 8);
  const blockAlign = bytesPerSample * channelCount;
  const data = new Uint8Array(frames * blockAlign);
  const view = new DataView(data.buffer);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      const offset = (i * channelCount + c) * bytesPerSample;
      writeSample(view, offset, spec.channels[c][i], bytesPerSample, !!spec.float, true, 'wav');
    }
  }

  const fmt = new Uint8Array(spec.extensible ? 40 : spec.float ? 18 : 16);
  const f = new DataView(fmt.buffer);
  const tag = spec.formatTag ?? (spec.float ? 3 : 1);
  f.setUint16(0, spec.extensible ? 0xfffe : tag, true);
  f.setUint16(2, channelCount, true);
  f.setUint32(4, spec.sampleRate, true);
  f.setUint32(8, spec.sampleRate * blockAlign, true);
  f.setUint16(12, blockAlign, true);
  f.setUint16(14, spec.bits, true);
  if (spec.extensible) {
    f.setUint16(16, 22, true);
    f.setUint16(18, spec.extensible.validBits ?? spec.bits, true);
    f.setUint32(20, spec.extensible.channelMask ?? 0, true);
    // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000X-0000-0010-8000-00AA00389B71}
    f.setUint16(24, tag, true);
    fmt.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26);
  }

  const dataChunk = chunk('data', data);
  const chunks: Chunk[] = [
    ...(spec.chunksBeforeFmt ?? []),
    chunk('fmt ', fmt),
    ...(spec.chunksBeforeData ?? []),
    dataChunk,
    ...(spec.chunksAfterData ?? []),
  ];
  if (spec.rf64) chunks.unshift(chunk('ds64', new Uint8Array(28)));
  const sizeOf = (c: Chunk) => (c === dataChunk && spec.rf64 ? 0xffffffff : c.body.length);
  const body = riffChunks(chunks, sizeOf, true, (c) =>
    c === dataChunk ? spec.dataSizeOverride : undefined,
  );
  const file = concat([
    ascii(spec.rf64 ?? 'RIFF'),
    u32(4 + body.length, true),
    ascii('WAVE'),
    body,
  ]);
  if (spec.rf64) {
    // Fill ds64: RIFF size, data size, sample count (64-bit each), table length 0.
    const v = new DataView(file.buffer);
    v.setUint32(4, 0xffffffff, true);
    v.setBigUint64(20, BigInt(file.length - 8), true);
    v.setBigUint64(28, BigInt(data.length), true);
    v.setBigUint64(36, BigInt(frames), true);
  }
  return file;
}

export interface AiffFixture {
  readonly sampleRate: number;
  readonly bits: number;
  /** Integer codes, or float values for fl32/fl64. */
  readonly channels: readonly Samples[];
  /** Write AIFF-C with this compression type ('NONE', 'sowt', 'fl32', 'FL64' …). */
  readonly aifcCompression?: string;
  readonly ssndOffset?: number;
  readonly extraChunks?: readonly Chunk[];
}

export function aiffBytes(spec: AiffFixture): Uint8Array {
  const channelCount = spec.channels.length;
  const frames = spec.channels[0].length;
  const compression = spec.aifcCompression;
  const isFloat = compression?.toLowerCase().startsWith('fl') ?? false;
  const bytesPerSample = isFloat ? (compression?.endsWith('64') ? 8 : 4) : Math.ceil(spec.bits / 8);
  const littleEndian = compression === 'sowt';
  const offset = spec.ssndOffset ?? 0;
  const ssnd = new Uint8Array(8 + offset + frames * channelCount * bytesPerSample);
  const view = new DataView(ssnd.buffer);
  view.setUint32(0, offset, false);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      const at = 8 + offset + (i * channelCount + c) * bytesPerSample;
      writeSample(view, at, spec.channels[c][i], bytesPerSample, isFloat, littleEndian, 'aiff');
    }
  }
  const comm = new Uint8Array(compression ? 18 + 4 + 2 : 18);
  const cv = new DataView(comm.buffer);
  cv.setUint16(0, channelCount, false);
  cv.setUint32(2, frames, false);
  cv.setUint16(6, spec.bits, false);
  comm.set(extended80(spec.sampleRate), 8);
  if (compression) comm.set(ascii(compression.padEnd(4, ' ')), 18); // empty pstring name follows
  const chunks = [
    ...(compression ? [chunk('FVER', u32(0xa2805140, false))] : []),
    chunk('COMM', comm),
    ...(spec.extraChunks ?? []),
    chunk('SSND', ssnd),
  ];
  const body = riffChunks(
    chunks,
    (c) => c.body.length,
    false,
    () => undefined,
  );
  return concat([
    ascii('FORM'),
    u32(4 + body.length, false),
    ascii(compression ? 'AIFC' : 'AIFF'),
    body,
  ]);
}

/** 80-bit IEEE extended for a positive whole number (how AIFF stores its sample rate). */
export function extended80(value: number): Uint8Array {
  const out = new Uint8Array(10);
  const view = new DataView(out.buffer);
  const exponent = Math.floor(Math.log2(value));
  view.setUint16(0, 16383 + exponent, false);
  // Normalised mantissa: the integer bit at the top of 64 bits.
  view.setUint32(2, value * 2 ** (31 - exponent), false);
  view.setUint32(6, 0, false);
  return out;
}

function writeSample(
  view: DataView,
  offset: number,
  value: number,
  bytes: number,
  isFloat: boolean,
  littleEndian: boolean,
  container: 'wav' | 'aiff',
): void {
  if (isFloat) {
    if (bytes === 8) view.setFloat64(offset, value, littleEndian);
    else view.setFloat32(offset, value, littleEndian);
    return;
  }
  if (bytes === 1) {
    // WAV 8-bit is unsigned with 128 as silence; AIFF 8-bit is two's complement.
    view.setUint8(offset, container === 'wav' ? value + 128 : value & 0xff);
    return;
  }
  // Two's complement by hand: a negative code wraps to 2^(8·bytes) + code.
  const unsigned = value < 0 ? 2 ** (8 * bytes) + value : value;
  for (let b = 0; b < bytes; b++) {
    const byte = Math.floor(unsigned / 256 ** b) % 256;
    view.setUint8(littleEndian ? offset + b : offset + bytes - 1 - b, byte);
  }
}

function riffChunks(
  chunks: readonly Chunk[],
  sizeOf: (c: Chunk) => number,
  littleEndian: boolean,
  override: (c: Chunk) => number | undefined,
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const c of chunks) {
    parts.push(ascii(c.id), u32(override(c) ?? sizeOf(c), littleEndian), c.body);
    if (c.body.length % 2 === 1) parts.push(new Uint8Array(1)); // pad byte
  }
  return concat(parts);
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

export function u32(value: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, littleEndian);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
