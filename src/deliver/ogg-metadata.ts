import { buildOggPage, leadingPackets, paginate, parseOggPages } from './ogg-pages.js';
import type { ReleaseTags } from './tags.js';
import { readVendor, vorbisCommentBody } from './vorbis-comment.js';

/**
 * Tags for Ogg Vorbis deliverables. A Vorbis stream opens with three header packets —
 * identification, comment, setup (Vorbis I specification §4.2) — the first alone on its page,
 * the other two on the pages after it, with audio starting on a fresh page. The comment packet
 * ("\x03vorbis", the comment structure, a framing bit) is rebuilt with the tags; the comment
 * and setup packets are laid out on new pages; every later page is renumbered and its CRC
 * recomputed. Audio pages are otherwise untouched, so the decoded audio is unchanged.
 */

const COMMENT_PACKET_TYPE = 0x03;
const VORBIS = [0x76, 0x6f, 0x72, 0x62, 0x69, 0x73];

export function embedOggVorbisTags(ogg: Uint8Array, tags: ReleaseTags): Uint8Array {
  const pages = parseOggPages(ogg);
  const { packets, pages: headerPages } = leadingPackets(pages, 3);
  const [identification, comment, setup] = packets;
  if (comment[0] !== COMMENT_PACKET_TYPE || VORBIS.some((b, i) => comment[1 + i] !== b)) {
    throw new Error('the second Ogg packet is not a Vorbis comment header');
  }
  const vendor = readVendor(comment.subarray(7));
  const body = vorbisCommentBody(vendor, tags);
  const newComment = new Uint8Array(7 + body.length + 1);
  newComment.set([COMMENT_PACKET_TYPE, ...VORBIS], 0);
  newComment.set(body, 7);
  newComment[newComment.length - 1] = 0x01; // framing bit

  const first = pages[0];
  if (first.body.length !== identification.length) {
    throw new Error('the Vorbis identification header does not sit alone on the first page');
  }
  const rebuilt = [first, ...paginate([newComment, setup], first.serial, 1)];
  const rest = pages
    .slice(headerPages)
    .map((page, i) => ({ ...page, sequence: rebuilt.length + i }));
  const out = [...rebuilt, ...rest].map(buildOggPage);
  const result = new Uint8Array(out.reduce((sum, b) => sum + b.length, 0));
  let p = 0;
  for (const page of out) {
    result.set(page, p);
    p += page.length;
  }
  return result;
}
