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
  const step = encoding.bytesPerSample;
  const stride = channels.length * step;
  for (let c = 0; c < channels.length; c++) {
    const out = channels[c].subarray(outOffset, outOffset + frames);
    unpackChannel(bytes, encoding, c * step, stride, out);
  }
}

/**
 * One channel, every `stride` bytes from `first`, into `out`, with a loop per layout. A
 * reader function called per sample (one per layout) turned polymorphic once a process
 * read more than one layout, and V8 then called it instead of inlining it. Integers are
 * assembled from bytes, the byte order folded into loop-invariant offsets; the integer and
 * its division by a power of two are exact, so the floats are the same as before.
 */
function unpackChannel(
  bytes: Uint8Array,
  encoding: PcmEncoding,
  first: number,
  stride: number,
  out: Float32Array,
): void {
  const n = out.length;
  const { kind, bytesPerSample: width, bigEndian } = encoding;
  if (kind === 'float') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const le = !bigEndian;
    if (width === 8) {
      for (let i = 0, o = first; i < n; i++, o += stride) out[i] = view.getFloat64(o, le);
    } else {
      for (let i = 0, o = first; i < n; i++, o += stride) out[i] = view.getFloat32(o, le);
    }
    return;
  }
  if (kind === 'uint') {
    for (let i = 0, o = first; i < n; i++, o += stride) out[i] = (bytes[o] - 128) / 128;
    return;
  }
  // Offsets of the least to most significant byte within a sample.
  const b0 = bigEndian ? width - 1 : 0;
  const b1 = bigEndian ? width - 2 : 1;
  const b2 = bigEndian ? width - 3 : 2;
  const b3 = bigEndian ? width - 4 : 3;
  switch (width) {
    case 1:
      // << 24 >> 24 sign-extends the byte.
      for (let i = 0, o = first; i < n; i++, o += stride) out[i] = ((bytes[o] << 24) >> 24) / 128;
      return;
    case 2:
      for (let i = 0, o = first; i < n; i++, o += stride) {
        out[i] = (((bytes[o + b1] << 24) >> 16) | bytes[o + b0]) / 32768;
      }
      return;
    case 3:
      for (let i = 0, o = first; i < n; i++, o += stride) {
        out[i] = (((bytes[o + b2] << 24) >> 8) | (bytes[o + b1] << 8) | bytes[o + b0]) / 8388608;
      }
      return;
    default:
      for (let i = 0, o = first; i < n; i++, o += stride) {
        const v =
          (bytes[o + b3] << 24) | (bytes[o + b2] << 16) | (bytes[o + b1] << 8) | bytes[o + b0];
        out[i] = v / 2147483648;
      }
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
