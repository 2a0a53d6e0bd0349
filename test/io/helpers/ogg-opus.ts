import OpusScript from 'opusscript';

/**
 * An Ogg Opus file for tests: libopus (via opusscript, a devDependency) makes the packets,
 * and the minimal Ogg muxer below (RFC 3533 pages, RFC 7845 headers) wraps them, one packet
 * per page. Pre-skip is libopus's look-ahead at 48 kHz for the AUDIO application:
 * 2.5 ms + 4 ms = 312 samples.
 */
export const OPUS_PRE_SKIP = 312;
const FRAME = 960; // 20 ms at 48 kHz
const SERIAL = 0x4f707573;

export function oggOpusBytes(channels: readonly Float32Array[], bitrate = 128_000): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0].length;
  const encoder = new OpusScript(48000, channelCount, OpusScript.Application.AUDIO);
  encoder.setBitrate(bitrate);
  const pages: Uint8Array[] = [];
  let sequence = 0;
  pages.push(oggPage(opusHead(channelCount), 0n, sequence++, 0x02));
  pages.push(oggPage(opusTags(), 0n, sequence++, 0));

  // Encode enough frames that the pre-skip plus all the audio come out of the decoder.
  const packets = Math.ceil((frames + OPUS_PRE_SKIP) / FRAME);
  const pcm = Buffer.alloc(FRAME * channelCount * 2);
  for (let p = 0; p < packets; p++) {
    for (let i = 0; i < FRAME; i++) {
      for (let c = 0; c < channelCount; c++) {
        const index = p * FRAME + i;
        const value = index < frames ? channels[c][index] : 0;
        pcm.writeInt16LE(
          Math.max(-32768, Math.min(32767, Math.round(value * 32768))),
          (i * channelCount + c) * 2,
        );
      }
    }
    const packet = new Uint8Array(encoder.encode(pcm, FRAME));
    const last = p === packets - 1;
    // Granule: samples decoded through this page, pre-skip included; the last page's
    // granule also tells the decoder where the audio ends (RFC 7845 §4.4).
    const granule = last ? BigInt(OPUS_PRE_SKIP + frames) : BigInt((p + 1) * FRAME);
    pages.push(oggPage(packet, granule, sequence++, last ? 0x04 : 0));
  }
  encoder.delete();
  return concatBytes(pages);
}

function opusHead(channels: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(Buffer.from('OpusHead', 'latin1'));
  head[8] = 1; // version
  head[9] = channels;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, 48000, true); // input sample rate (informational)
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family 0: mono or stereo
  return head;
}

function opusTags(): Uint8Array {
  const vendor = Buffer.from('mixdown tests', 'latin1');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(Buffer.from('OpusTags', 'latin1'));
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true);
  return tags;
}

function oggPage(packet: Uint8Array, granule: bigint, sequence: number, flags: number): Uint8Array {
  // Lacing: 255s then the remainder (a multiple of 255 ends with a 0).
  const lacing: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  const page = new Uint8Array(27 + lacing.length + packet.length);
  const view = new DataView(page.buffer);
  page.set(Buffer.from('OggS', 'latin1'));
  page[4] = 0;
  page[5] = flags;
  view.setBigUint64(6, granule, true);
  view.setUint32(14, SERIAL, true);
  view.setUint32(18, sequence, true);
  page[26] = lacing.length;
  page.set(lacing, 27);
  page.set(packet, 27 + lacing.length);
  view.setUint32(22, oggCrc(page), true);
  return page;
}

const CRC_TABLE = (() => {
  // Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final xor.
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let r = n << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[n] = r >>> 0;
  }
  return table;
})();

function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++)
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]) & 0xff]) >>> 0;
  return crc;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
