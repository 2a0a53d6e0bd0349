/**
 * MPEG-1/2/2.5 audio frame headers (ISO/IEC 11172-3, 13818-3; "2.5" is the Fraunhofer
 * extension). Used to recognise MP3 by content, to find the Xing/LAME tag, and by the MP3
 * writer to count the frames it produces.
 */

export interface MpegFrameHeader {
  /** 1 for MPEG-1, 2 for MPEG-2, 2.5 for MPEG-2.5. */
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
  readonly bitrateKbps: number;
  readonly sampleRate: number;
  readonly padding: boolean;
  readonly channels: 1 | 2;
  /** Whole frame length in bytes, header included. */
  readonly frameBytes: number;
  readonly samplesPerFrame: number;
  /** Layer III side information length, which precedes a Xing tag. */
  readonly sideInfoBytes: number;
}

const BITRATES_KBPS: Record<string, readonly number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const SAMPLE_RATES: Record<number, readonly number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/** The nine sample rates MPEG audio can carry (MPEG-1, then 2, then 2.5). */
export const MPEG_SAMPLE_RATES: readonly number[] = [
  ...SAMPLE_RATES[1],
  ...SAMPLE_RATES[2],
  ...SAMPLE_RATES[2.5],
];

export function mpegVersionFor(sampleRate: number): 1 | 2 | 2.5 | undefined {
  for (const version of [1, 2, 2.5] as const) {
    if (SAMPLE_RATES[version].includes(sampleRate)) return version;
  }
  return undefined;
}

/** Bitrates (kbit/s) a Layer III frame of this MPEG version can declare, index 1…14. */
export function layer3Bitrates(version: 1 | 2 | 2.5): readonly number[] {
  return BITRATES_KBPS[version === 1 ? '1-3' : '2-3'];
}

/**
 * Parse the 4-byte header at `offset`. Returns undefined for anything that is not a valid,
 * fixed-bitrate header (free-format and reserved values are refused, which is what keeps
 * random bytes from passing for MP3).
 */
export function parseMpegFrameHeader(
  bytes: Uint8Array,
  offset: number,
): MpegFrameHeader | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const b1 = bytes[offset + 1];
  const b2 = bytes[offset + 2];
  const b3 = bytes[offset + 3];
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 0x3;
  const layerBits = (b1 >> 1) & 0x3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0x3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) {
    return undefined;
  }
  if (rateIndex === 3 || (b3 & 0x3) === 2) return undefined;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrateKbps = BITRATES_KBPS[`${version === 1 ? 1 : 2}-${layer}`][bitrateIndex];
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 & 0x2) !== 0;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const frameBytes =
    layer === 1
      ? (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + (padding ? 1 : 0)) * 4
      : Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + (padding ? 1 : 0);
  const sideInfoBytes = version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return {
    version,
    layer,
    bitrateKbps,
    sampleRate,
    padding,
    channels,
    frameBytes,
    samplesPerFrame,
    sideInfoBytes,
  };
}

/**
 * Whether a run of `minFrames` consecutive, mutually consistent frames starts at `offset`
 * (a run that ends exactly at the end of `bytes`, or at an ID3v1 "TAG", also counts).
 */
export function isMpegFrameChain(bytes: Uint8Array, offset: number, minFrames: number): boolean {
  const first = parseMpegFrameHeader(bytes, offset);
  if (!first) return false;
  let position = offset;
  for (let count = 0; count < minFrames; count++) {
    const header = parseMpegFrameHeader(bytes, position);
    if (!header) return count > 0 && endsHere(bytes, position);
    if (
      header.version !== first.version ||
      header.layer !== first.layer ||
      header.sampleRate !== first.sampleRate
    ) {
      return false;
    }
    position += header.frameBytes;
  }
  return true;
}

function endsHere(bytes: Uint8Array, position: number): boolean {
  if (position === bytes.length) return true;
  return bytes[position] === 0x54 && bytes[position + 1] === 0x41 && bytes[position + 2] === 0x47;
}

/** Size of an ID3v2 tag at `offset` (header and footer included), or 0 if none is there. */
export function id3v2Size(bytes: Uint8Array, offset: number): number {
  if (offset + 10 > bytes.length) return 0;
  if (bytes[offset] !== 0x49 || bytes[offset + 1] !== 0x44 || bytes[offset + 2] !== 0x33) return 0;
  // Tag size is "synchsafe": four 7-bit bytes.
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const b = bytes[offset + i];
    if (b & 0x80) return 0;
    size = size * 128 + b;
  }
  const hasFooter = (bytes[offset + 5] & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}
