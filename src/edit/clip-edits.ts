import { MixdownError } from '../core/errors.js';
import { type Position, positionToSeconds, type Tempo } from '../session/positions.js';

/**
 * Clip edits as changes to the session document: trim, split, move, clip gain, fades and
 * reverse. They change the clip's own fields (start, offset, length, gain, fades, reverse),
 * so every one is visible in session.json and undone by editing the field back. Positions
 * land on the session's sample grid, so a split clip renders exactly like the whole one.
 */

type Json = Record<string, unknown>;

export interface ClipRef {
  readonly track: string;
  readonly clip: number;
}

export interface ClipContext {
  readonly sampleRate: number;
  readonly tempo: Tempo;
  /** Length of the clip's source in seconds (for trims and splits past its end). */
  readonly sourceSeconds: (sourceId: string) => number;
}

interface ClipFields {
  source: string;
  start?: Position;
  offsetSeconds?: number;
  lengthSeconds?: number;
  gainDb?: number;
  fadeIn?: Json;
  fadeOut?: Json;
  reverse?: boolean;
  edits?: Json[];
}

function locate(
  document: Json,
  ref: ClipRef,
): { clips: ClipFields[]; clip: ClipFields; path: string } {
  const tracks = (document.tracks ?? []) as Json[];
  const t = tracks.findIndex((track) => track.name === ref.track);
  if (t < 0) throw new MixdownError('invalid-argument', `No track is named "${ref.track}".`);
  const clips = (tracks[t].clips ?? []) as ClipFields[];
  if (!Number.isInteger(ref.clip) || ref.clip < 0 || ref.clip >= clips.length) {
    throw new MixdownError(
      'invalid-argument',
      `Track "${ref.track}" has ${clips.length} clip(s); choose --clip 0 to ${clips.length - 1}, got ${ref.clip}.`,
    );
  }
  return { clips, clip: clips[ref.clip], path: `tracks[${t}].clips[${ref.clip}]` };
}

/** Seconds snapped to the session's sample grid. */
function onGrid(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate) / sampleRate;
}

/** Where the clip sits, in seconds: start, offset, length (defaulting like the engine does). */
function span(
  clip: ClipFields,
  context: ClipContext,
): { start: number; offset: number; length: number } {
  const start = positionToSeconds(clip.start ?? 0, context.tempo);
  const offset = clip.offsetSeconds ?? 0;
  const length = clip.lengthSeconds ?? context.sourceSeconds(clip.source) - offset;
  return { start, offset, length };
}

/** Trims the clip to timeline [from, to) (either may be left out); the audio does not move. */
export function trimClip(
  document: Json,
  ref: ClipRef,
  bounds: { from?: Position; to?: Position },
  context: ClipContext,
): string {
  const { clip, path } = locate(document, ref);
  const { start, offset, length } = span(clip, context);
  const from =
    bounds.from === undefined
      ? start
      : onGrid(positionToSeconds(bounds.from, context.tempo), context.sampleRate);
  const to =
    bounds.to === undefined
      ? start + length
      : onGrid(positionToSeconds(bounds.to, context.tempo), context.sampleRate);
  if (from < start || to > start + length || !(to > from)) {
    throw new MixdownError(
      'invalid-argument',
      `${path}: a trim must stay inside the clip (${start}–${start + length} s) and keep some of it, got ${from}–${to} s.`,
    );
  }
  clip.start = from;
  clip.offsetSeconds = offset + (from - start);
  clip.lengthSeconds = to - from;
  return path;
}

/** Splits the clip at a timeline position into two abutting clips (the second follows it). */
export function splitClip(
  document: Json,
  ref: ClipRef,
  at: Position,
  context: ClipContext,
): string[] {
  const { clips, clip, path } = locate(document, ref);
  const { start, offset, length } = span(clip, context);
  const cut = onGrid(positionToSeconds(at, context.tempo), context.sampleRate);
  if (!(cut > start && cut < start + length)) {
    throw new MixdownError(
      'invalid-argument',
      `${path}: split inside the clip (${start}–${start + length} s), got ${cut} s.`,
    );
  }
  if (clip.reverse)
    throw new MixdownError('invalid-argument', `${path}: un-reverse the clip before splitting it.`);
  const first: ClipFields = {
    ...clip,
    start,
    offsetSeconds: offset,
    lengthSeconds: cut - start,
    fadeOut: { lengthMs: 0 },
  };
  const second: ClipFields = {
    ...structuredClone(clip),
    start: cut,
    offsetSeconds: offset + (cut - start),
    lengthSeconds: start + length - cut,
    fadeIn: { lengthMs: 0 },
  };
  clips.splice(ref.clip, 1, first, second);
  const base = path.slice(0, path.lastIndexOf('[') + 1);
  return [`${base}${ref.clip}]`, `${base}${ref.clip + 1}]`];
}

/** Moves the clip to start at a new timeline position. */
export function moveClip(document: Json, ref: ClipRef, to: Position, context: ClipContext): string {
  const { clip, path } = locate(document, ref);
  clip.start = typeof to === 'string' ? to : onGrid(to, context.sampleRate);
  return path;
}

export function setClipGain(document: Json, ref: ClipRef, gainDb: number): string {
  const { clip, path } = locate(document, ref);
  clip.gainDb = gainDb;
  return path;
}

export function setClipFades(
  document: Json,
  ref: ClipRef,
  fades: { inMs?: number; outMs?: number; shape?: string },
): string {
  const { clip, path } = locate(document, ref);
  if (fades.inMs !== undefined)
    clip.fadeIn = { lengthMs: fades.inMs, ...(fades.shape ? { shape: fades.shape } : {}) };
  if (fades.outMs !== undefined)
    clip.fadeOut = { lengthMs: fades.outMs, ...(fades.shape ? { shape: fades.shape } : {}) };
  return path;
}

export function reverseClip(document: Json, ref: ClipRef): string {
  const { clip, path } = locate(document, ref);
  clip.reverse = !clip.reverse;
  return path;
}
