/**
 * Uncompressed sample layouts and the one place that converts between their bytes and
 * Float32. WAV and AIFF readers, and the WAV writer, all go through here.
 *
 * Integer convention (the common one, used by libsndfile and most DAWs): an n-bit sample s
 * maps to s / 2^(n−1), so −2^(n−1) is exactly −1.0 and the largest positive code is
 * 1 − 2^(1−n). Writing inverts it with round-to-nearest and a clamp, so every integer
 * survives a read → write trip unchanged and +1.0 becomes the largest positive code.
 */

export interface PcmEncoding {
  /** 'uint' is WAV's 8-bit offset binary (128 = silence); 'int' is two's complement. */
  readonly kind: 'int' | 'uint' | 'float';
  /** Container size of one sample; integer samples narrower than this are left-justified. */
  readonly bytesPerSample: 1 | 2 | 3 | 4 | 8;
  readonly bigEndian: boolean;
}

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader(encoding: PcmEncoding): SampleReader {
  const le = !encoding.bigEndian;
  const { kind, bytesPerSample } = encoding;
  if (kind === 'float') {
    return bytesPerSample === 8
      ? (view, offset) => view.getFloat64(offset, le)
      : (view, offset) => view.getFloat32(offset, le);
  }
  if (kind === 'uint') return (view, offset) => (view.getUint8(offset) - 128) / 128;
  switch (bytesPerSample) {
    case 1:
      return (view, offset) => view.getInt8(offset) / 128;
    case 2:
      return (view, offset) => view.getInt16(offset, le) / 32768;
    case 3:
      // Assemble 24 bits with the top byte sign-extended through getInt8.
      return le
        ? (view, offset) =>
            (view.getInt8(offset + 2) * 65536 +
              view.getUint8(offset + 1) * 256 +
              view.getUint8(offset)) /
            8388608
        : (view, offset) =>
            (view.getInt8(offset) * 65536 +
              view.getUint8(offset + 1) * 256 +
              view.getUint8(offset + 2)) /
            8388608;
    default:
      return (view, offset) => view.getInt32(offset, le) / 2147483648;
  }
}

/**
 * De-interleave `frames` frames of `channels.length` channels from `bytes` into
 * `channels[c][outOffset …]`.
 */
export function unpackPcm(
  bytes: Uint8Array,
  encoding: PcmEncoding,
  frames: number,
  channels: Float32Array[],
  outOffset: number,
): void {
  const read = sampleReader(encoding);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channelCount = channels.length;
  const step = encoding.bytesPerSample;
  for (let c = 0; c < channelCount; c++) {
    const out = channels[c];
    let offset = c * step;
    const stride = channelCount * step;
    for (let i = 0; i < frames; i++, offset += stride) out[outOffset + i] = read(view, offset);
  }
}

/** The integer code for `value` at `bits` bits: round to nearest, clamp to the range. */
export function quantizeSample(value: number, bits: number): number {
  const scale = 2 ** (bits - 1);
  const q = Math.round(value * scale);
  if (q >= scale) return scale - 1;
  if (q < -scale) return -scale;
  return q;
}

/**
 * Interleave `frames` frames starting at `start` of `channels` into `target` as
 * little-endian 16/24-bit integers or 32-bit floats (what the WAV writer produces).
 * No dither: quantisation here is plain rounding; dither belongs to the delivery stage,
 * which hands this function samples already on the target grid.
 */
export function packPcmLittleEndian(
  channels: readonly Float32Array[],
  start: number,
  frames: number,
  encoding: PcmEncoding,
  target: Uint8Array,
): void {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  const channelCount = channels.length;
  const step = encoding.bytesPerSample;
  const stride = channelCount * step;
  for (let c = 0; c < channelCount; c++) {
    const input = channels[c];
    let offset = c * step;
    if (encoding.kind === 'float') {
      for (let i = 0; i < frames; i++, offset += stride) {
        view.setFloat32(offset, input[start + i], true);
      }
    } else if (step === 2) {
      for (let i = 0; i < frames; i++, offset += stride) {
        view.setInt16(offset, quantizeSample(input[start + i], 16), true);
      }
    } else {
      for (let i = 0; i < frames; i++, offset += stride) {
        const q = quantizeSample(input[start + i], 24);
        target[offset] = q & 0xff;
        target[offset + 1] = (q >> 8) & 0xff;
        target[offset + 2] = (q >> 16) & 0xff;
      }
    }
  }
}

/** Index and channel of the first NaN or ±Infinity in frames [start, start+frames), if any. */
export function findNonFinite(
  channels: readonly Float32Array[],
  start: number,
  frames: number,
): { frame: number; channel: number; value: number } | undefined {
  let found: { frame: number; channel: number; value: number } | undefined;
  for (let c = 0; c < channels.length; c++) {
    const data = channels[c];
    const end = found ? found.frame : start + frames;
    for (let i = start; i < end; i++) {
      const v = data[i];
      // v - v is 0 for finite numbers and NaN for NaN and ±Infinity: one cheap test.
      if (v - v !== 0) {
        found = { frame: i, channel: c, value: v };
        break;
      }
    }
  }
  return found;
}

/** "NaN", "+Infinity", "-Infinity", for messages. */
export function describeNonFinite(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Infinity' : '-Infinity';
}
