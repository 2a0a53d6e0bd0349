/**
 * Ogg pages (RFC 3533 §6): enough to rewrite the header packets of a stream and renumber the
 * pages after them. A page is "OggS", version 0, flags (0x01 continued packet, 0x02 first
 * page, 0x04 last page), granule position (64-bit LE), serial number, page sequence number,
 * CRC (all 32-bit LE), the number of segments and the lacing values, then the body. A packet
 * is a run of segments ending with one shorter than 255 bytes.
 */

export const FLAG_CONTINUED = 0x01;
const HEADER_BYTES = 27;
const MAX_SEGMENTS = 255;

export interface OggPage {
  readonly flags: number;
  /** The granule position's 8 bytes as stored (−1, "no packet ends here", is all ones). */
  readonly granule: Uint8Array;
  readonly serial: number;
  readonly sequence: number;
  readonly lacing: Uint8Array;
  readonly body: Uint8Array;
}

export function parseOggPages(bytes: Uint8Array): OggPage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: OggPage[] = [];
  let p = 0;
  while (p < bytes.length) {
    if (
      p + HEADER_BYTES > bytes.length ||
      String.fromCharCode(...bytes.subarray(p, p + 4)) !== 'OggS'
    ) {
      throw new Error(`no Ogg page at byte ${p}`);
    }
    const segments = bytes[p + 26];
    const lacing = bytes.subarray(p + HEADER_BYTES, p + HEADER_BYTES + segments);
    const bodyLength = lacing.reduce((sum, v) => sum + v, 0);
    const bodyStart = p + HEADER_BYTES + segments;
    pages.push({
      flags: bytes[p + 5],
      granule: bytes.subarray(p + 6, p + 14),
      serial: view.getUint32(p + 14, true),
      sequence: view.getUint32(p + 18, true),
      lacing,
      body: bytes.subarray(bodyStart, bodyStart + bodyLength),
    });
    p = bodyStart + bodyLength;
  }
  return pages;
}

/** One page's bytes, CRC included. */
export function buildOggPage(page: OggPage): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + page.lacing.length + page.body.length);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
  out[4] = 0;
  out[5] = page.flags;
  out.set(page.granule, 6);
  view.setUint32(14, page.serial, true);
  view.setUint32(18, page.sequence, true);
  out[26] = page.lacing.length;
  out.set(page.lacing, HEADER_BYTES);
  out.set(page.body, HEADER_BYTES + page.lacing.length);
  view.setUint32(22, oggCrc32(out), true);
  return out;
}

/**
 * Whole packets from the start of a stream, as many as `count`, and how many pages they
 * occupy (the next packet must start a fresh page, as Vorbis requires of its first audio
 * packet).
 */
export function leadingPackets(
  pages: readonly OggPage[],
  count: number,
): { packets: Uint8Array[]; pages: number } {
  const packets: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  for (let index = 0; index < pages.length; index++) {
    const page = pages[index];
    let offset = 0;
    let start = 0;
    for (let s = 0; s < page.lacing.length; s++) {
      offset += page.lacing[s];
      if (page.lacing[s] < 255) {
        current.push(page.body.subarray(start, offset));
        packets.push(concat(current));
        current = [];
        start = offset;
        if (packets.length === count) {
          if (s !== page.lacing.length - 1) throw new Error('audio shares a page with the headers');
          return { packets, pages: index + 1 };
        }
      }
    }
    current.push(page.body.subarray(start, offset));
  }
  throw new Error(`the stream holds fewer than ${count} packets`);
}

/** Lay `packets` out on pages numbered from `firstSequence`, granule 0 where a packet ends. */
export function paginate(
  packets: readonly Uint8Array[],
  serial: number,
  firstSequence: number,
): OggPage[] {
  const pages: OggPage[] = [];
  let lacing: number[] = [];
  let parts: Uint8Array[] = [];
  let flags = 0;
  let packetEnded = false;
  const flush = (continues: boolean) => {
    pages.push({
      flags,
      // −1 where no packet ends on the page (RFC 3533 §6), else 0 for header pages.
      granule: new Uint8Array(8).fill(packetEnded ? 0 : 0xff),
      serial,
      sequence: firstSequence + pages.length,
      lacing: Uint8Array.from(lacing),
      body: concat(parts),
    });
    lacing = [];
    parts = [];
    flags = continues ? FLAG_CONTINUED : 0;
    packetEnded = false;
  };
  for (const packet of packets) {
    let offset = 0;
    for (;;) {
      if (lacing.length === MAX_SEGMENTS) flush(offset > 0);
      const size = Math.min(255, packet.length - offset);
      lacing.push(size);
      parts.push(packet.subarray(offset, offset + size));
      offset += size;
      if (size < 255) break;
    }
    packetEnded = true;
  }
  if (lacing.length > 0) flush(false);
  return pages;
}

const CRC_TABLE = (() => {
  // Polynomial 0x04C11DB7, MSB first, initial value 0, no final XOR (RFC 3533 §6).
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let r = n << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[n] = r >>> 0;
  }
  return table;
})();

/** CRC of a page whose CRC field is zero. */
export function oggCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++)
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]) & 0xff]) >>> 0;
  return crc;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
