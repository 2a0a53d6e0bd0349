import type { SessionIssue } from './issues.js';
import { positionToSeconds, type Tempo } from './positions.js';
import type {
  ResolvedAutomationLane,
  ResolvedBus,
  ResolvedClip,
  ResolvedEdit,
  ResolvedInsert,
  ResolvedMaster,
  ResolvedSend,
  ResolvedSession,
  ResolvedSource,
  ResolvedStrip,
  ResolvedTrack,
} from './resolved.js';
import {
  MASTER_NAME,
  type ParsedAutomationLane,
  type ParsedClip,
  type ParsedEdit,
  type ParsedInsert,
  type ParsedSend,
  type ParsedSession,
  type ParsedTrack,
} from './schema.js';
import type { ParseOutcome } from './zod-issues.js';

/**
 * From a validated document and its verified sources to the model the engine consumes
 * (resolved.ts): every position in seconds, every default filled, automation sorted, each
 * part carrying its document path for messages. Pure: no disk, no clock.
 */

function insertOf(
  { type, bypass, sidechain, ...values }: ParsedInsert,
  path: string,
): ResolvedInsert {
  return { type, bypass, values, path, ...(sidechain === undefined ? {} : { sidechain }) };
}

function sendOf({ to, levelDb, pan, preFader, mute }: ParsedSend, path: string): ResolvedSend {
  return { to, levelDb, preFader, mute, path, ...(pan === undefined ? {} : { pan }) };
}

function laneOf(lane: ParsedAutomationLane, path: string, tempo: Tempo): ResolvedAutomationLane {
  const points = lane.points
    .map((p) => ({ timeSeconds: positionToSeconds(p.time, tempo), value: p.value, curve: p.curve }))
    // Stable sort: points written at the same time keep their order (a step).
    .sort((a, b) => a.timeSeconds - b.timeSeconds);
  return { param: lane.param, points, path };
}

interface StripFields {
  readonly name: string;
  readonly color?: string;
  readonly inserts: readonly ParsedInsert[];
  readonly gainDb: number;
  readonly pan: number;
  readonly panLaw: ResolvedStrip['panLaw'];
  readonly mute: boolean;
  readonly solo?: boolean;
  readonly polarity: boolean;
  readonly sends?: readonly ParsedSend[];
  readonly automation: readonly ParsedAutomationLane[];
}

function stripOf<K extends ResolvedStrip['kind']>(
  kind: K,
  strip: StripFields,
  path: string,
  tempo: Tempo,
): ResolvedStrip & { readonly kind: K } {
  return {
    kind,
    name: strip.name,
    ...(strip.color === undefined ? {} : { color: strip.color }),
    inserts: strip.inserts.map((insert, i) => insertOf(insert, `${path}.inserts[${i}]`)),
    gainDb: strip.gainDb,
    pan: strip.pan,
    panLaw: strip.panLaw,
    mute: strip.mute,
    solo: strip.solo ?? false,
    polarity: strip.polarity,
    sends: (strip.sends ?? []).map((send, i) => sendOf(send, `${path}.sends[${i}]`)),
    automation: strip.automation.map((lane, i) => laneOf(lane, `${path}.automation[${i}]`, tempo)),
    path,
  };
}

/** Seconds for a message: up to 6 decimals (a sample at 1 MHz), no trailing zeros. */
function seconds(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** Half a sample at the source's rate: lengths typed in seconds rarely land on a sample. */
function tolerance(source: ResolvedSource): number {
  return 0.5 / source.sampleRate;
}

function clipOf(
  clip: ParsedClip,
  path: string,
  tempo: Tempo,
  sources: ReadonlyMap<string, ResolvedSource>,
  issues: SessionIssue[],
): ResolvedClip {
  const source = sources.get(clip.source);
  const sourceSeconds = source ? source.frames / source.sampleRate : Number.POSITIVE_INFINITY;
  const slack = source ? tolerance(source) : 0;
  const sourceName = `source ${JSON.stringify(clip.source)} (${seconds(sourceSeconds)} s long)`;
  const fitsOffset = clip.offsetSeconds < sourceSeconds - slack;
  if (!fitsOffset) {
    issues.push({
      path: `${path}.offsetSeconds`,
      message: `must be less than the length of ${sourceName}, got ${clip.offsetSeconds}`,
      code: 'clip-range',
    });
  }
  const available = Math.max(0, sourceSeconds - clip.offsetSeconds);
  const lengthSeconds = clip.lengthSeconds ?? available;
  // Edits may change a take's length (a stretch), so only unedited clips must fit the file.
  if (fitsOffset && clip.edits.length === 0 && lengthSeconds > available + slack) {
    issues.push({
      path: `${path}.lengthSeconds`,
      message: `must be at most ${seconds(available)} so the clip ends within ${sourceName} when read from offsetSeconds ${clip.offsetSeconds}, got ${lengthSeconds}`,
      code: 'clip-range',
    });
  }
  const { fadeIn, fadeOut } = clip;
  if (fitsOffset && (fadeIn.lengthMs + fadeOut.lengthMs) / 1000 > lengthSeconds + slack) {
    issues.push({
      path: `${path}.fadeOut.lengthMs`,
      message: `must fit in the clip together with the fade-in (fadeIn ${fadeIn.lengthMs} ms + fadeOut ${fadeOut.lengthMs} ms is longer than the clip's ${seconds(lengthSeconds)} s), got ${fadeOut.lengthMs}`,
      code: 'clip-range',
    });
  }
  return {
    sourceId: clip.source,
    startSeconds: positionToSeconds(clip.start, tempo),
    sourceOffsetSeconds: clip.offsetSeconds,
    lengthSeconds,
    gainDb: clip.gainDb,
    fadeIn: { seconds: clip.fadeIn.lengthMs / 1000, shape: clip.fadeIn.shape },
    fadeOut: { seconds: clip.fadeOut.lengthMs / 1000, shape: clip.fadeOut.shape },
    mute: clip.mute,
    reverse: clip.reverse,
    edits: editsOf(clip.edits, path),
    path,
  };
}

function editsOf(edits: readonly ParsedEdit[], path: string): ResolvedEdit[] {
  return edits.map(({ op, ...values }, i) => ({ op, values, path: `${path}.edits[${i}]` }));
}

/**
 * A comp as clips: each region becomes a clip of its take, extended by half the crossfade
 * across every boundary it shares with a neighbour, so neighbours overlap by exactly the
 * crossfade and play an equal-power crossfade centred on the boundary. Edges that meet no
 * neighbour get a fade of half the crossfade inside the region, so nothing clicks. Without
 * a comp, the first take plays whole.
 */
function compClips(
  track: ParsedTrack,
  path: string,
  tempo: Tempo,
  sources: ReadonlyMap<string, ResolvedSource>,
  issues: SessionIssue[],
): ResolvedClip[] {
  const takes = new Map(track.takes.map((t) => [t.id, t]));
  const regions = track.comp
    ? track.comp.regions.map((r, i) => ({
        take: r.take,
        start: positionToSeconds(r.start, tempo),
        end: positionToSeconds(r.end, tempo),
        path: `${path}.comp.regions[${i}]`,
      }))
    : track.takes.slice(0, 1).map((t) => {
        const source = sources.get(t.source);
        const start = positionToSeconds(t.start, tempo);
        const length = source ? source.frames / source.sampleRate - t.offsetSeconds : 0;
        return { take: t.id, start, end: start + length, path: `${path}.takes[0]` };
      });
  const crossfade = (track.comp?.crossfadeMs ?? 10) / 1000;
  const half = crossfade / 2;
  const EPSILON = 1e-9;
  return regions.flatMap((region, k) => {
    const take = takes.get(region.take);
    if (!take) return [];
    const joinsPrevious = k > 0 && Math.abs(regions[k - 1].end - region.start) < EPSILON;
    const joinsNext =
      k < regions.length - 1 && Math.abs(regions[k + 1].start - region.end) < EPSILON;
    const start = region.start - (joinsPrevious ? half : 0);
    const end = region.end + (joinsNext ? half : 0);
    const takeStart = positionToSeconds(take.start, tempo);
    const offset = take.offsetSeconds + (start - takeStart);
    if (offset < -EPSILON) {
      issues.push({
        path: `${region.path}.start`,
        message: `must not start before take ${JSON.stringify(take.id)} does (at ${takeStart} s, with half the ${crossfade * 1000} ms crossfade), got ${region.start}`,
        code: 'clip-range',
      });
      return [];
    }
    const fade = (joins: boolean) => ({
      lengthMs: (joins ? crossfade : Math.min(half, (end - start) / 2)) * 1000,
      shape: 'equal-power' as const,
    });
    const parsed: ParsedClip = {
      source: take.source,
      start,
      offsetSeconds: Math.max(0, offset),
      lengthSeconds: end - start,
      gainDb: 0,
      mute: false,
      reverse: false,
      fadeIn: fade(joinsPrevious),
      fadeOut: fade(joinsNext),
      edits: take.edits,
    };
    return [clipOf(parsed, region.path, tempo, sources, issues)];
  });
}

function trackOf(
  track: ParsedTrack,
  path: string,
  tempo: Tempo,
  sources: ReadonlyMap<string, ResolvedSource>,
  issues: SessionIssue[],
): ResolvedTrack {
  return {
    ...stripOf('track', track, path, tempo),
    clips: [
      ...track.clips.map((clip, i) => clipOf(clip, `${path}.clips[${i}]`, tempo, sources, issues)),
      ...compClips(track, path, tempo, sources, issues),
    ],
    crossfadeShape: track.crossfadeShape,
    output: track.output,
  };
}

/**
 * The resolved session, or the clips that do not fit their sources. `session` must have
 * passed `validateDocument`; `sources` are the verified files, in document order.
 */
export function buildResolvedSession(
  session: ParsedSession,
  sources: readonly ResolvedSource[],
  projectDir: string,
): ParseOutcome<ResolvedSession> {
  const tempo: Tempo = session.tempo;
  const byId = new Map(sources.map((s) => [s.id, s]));
  const issues: SessionIssue[] = [];
  const tracks = session.tracks.map((track, i) =>
    trackOf(track, `tracks[${i}]`, tempo, byId, issues),
  );
  const buses: ResolvedBus[] = session.buses.map((bus, i) => ({
    ...stripOf('bus', bus, `buses[${i}]`, tempo),
    output: bus.output,
  }));
  const master: ResolvedMaster = stripOf(
    'master',
    { ...session.master, name: MASTER_NAME },
    'master',
    tempo,
  );
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      name: session.name,
      sampleRate: session.sampleRate,
      tempoBpm: tempo.bpm,
      timeSignature: [tempo.timeSignature[0], tempo.timeSignature[1]],
      sources,
      tracks,
      buses,
      master,
      projectDir,
    },
  };
}

/** Where the last clip ends (s); 0 for a session without clips. */
export function sessionLengthSeconds(session: ResolvedSession): number {
  let end = 0;
  for (const track of session.tracks) {
    for (const clip of track.clips) end = Math.max(end, clip.startSeconds + clip.lengthSeconds);
  }
  return end;
}
