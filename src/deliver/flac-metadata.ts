import type { ReleaseTags } from './tags.js';
import { readVendor, vorbisCommentBody } from './vorbis-comment.js';

/**
 * Tags for FLAC deliverables: the VORBIS_COMMENT metadata block (RFC 9639 §8.6) is replaced —
 * libFLAC writes one holding only its vendor string — or added after STREAMINFO. Each metadata
 * block has a 4-byte header: bit 7 "last block", 7 bits type (0 STREAMINFO, 1 PADDING,
 * 4 VORBIS_COMMENT), 24-bit big-endian length (RFC 9639 §8.1). The encoder's vendor string is
 * kept: it names the library that encoded the audio.
 */

const BLOCK_VORBIS_COMMENT = 4;
const LAST_BLOCK = 0x80;
const MAX_BLOCK_BYTES = 0xffffff;

interface MetadataBlock {
  readonly type: number;
  readonly body: Uint8Array;
}

export function embedFlacTags(flac: Uint8Array, tags: ReleaseTags): Uint8Array {
  if (String.fromCharCode(...flac.subarray(0, 4)) !== 'fLaC') {
    throw new Error('the FLAC encoder produced no "fLaC" marker');
  }
  const blocks: MetadataBlock[] = [];
  let p = 4;
  for (;;) {
    const header = flac[p];
    const length = (flac[p + 1] << 16) | (flac[p + 2] << 8) | flac[p + 3];
    blocks.push({ type: header & 0x7f, body: flac.subarray(p + 4, p + 4 + length) });
    p += 4 + length;
    if (header & LAST_BLOCK) break;
  }
  const audio = flac.subarray(p);
  const existing = blocks.findIndex((b) => b.type === BLOCK_VORBIS_COMMENT);
  const vendor = existing >= 0 ? readVendor(blocks[existing].body) : 'mixdown';
  const comment: MetadataBlock = {
    type: BLOCK_VORBIS_COMMENT,
    body: vorbisCommentBody(vendor, tags),
  };
  if (comment.body.length > MAX_BLOCK_BYTES) throw new Error('the FLAC tags are too long');
  if (existing >= 0) blocks[existing] = comment;
  else blocks.splice(1, 0, comment); // STREAMINFO must stay first

  const size = 4 + blocks.reduce((sum, b) => sum + 4 + b.body.length, 0) + audio.length;
  const out = new Uint8Array(size);
  out.set(flac.subarray(0, 4), 0);
  let q = 4;
  blocks.forEach((block, i) => {
    const length = block.body.length;
    out[q] = block.type | (i === blocks.length - 1 ? LAST_BLOCK : 0);
    out[q + 1] = (length >> 16) & 0xff;
    out[q + 2] = (length >> 8) & 0xff;
    out[q + 3] = length & 0xff;
    out.set(block.body, q + 4);
    q += 4 + length;
  });
  out.set(audio, q);
  return out;
}
