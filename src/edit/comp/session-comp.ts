import type { CompRegion } from './types.js';

/**
 * The comp as the session stores it: `tracks[i].comp = { crossfadeMs, regions: [{ take,
 * start, end }] }` with positions in seconds. Returns a new document; the caller saves it
 * (atomically, after validation, with `saveSession`).
 */
export function withComp<D extends { tracks?: unknown[] }>(
  document: D,
  trackIndex: number,
  regions: readonly CompRegion[],
  crossfadeMs: number,
): D {
  const copy = structuredClone(document);
  const track = (copy.tracks as Record<string, unknown>[])[trackIndex];
  track.comp = {
    crossfadeMs,
    regions: regions.map((r) => ({ take: r.take, start: r.startSeconds, end: r.endSeconds })),
  };
  return copy;
}
