import type { SessionIssue } from './issues.js';
import { positionToSeconds, type Tempo } from './positions.js';
import type {
  ResolvedAutomationLane,
  ResolvedBus,
  ResolvedClip,
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
  if (fitsOffset && lengthSeconds > available + slack) {
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
    path,
  };
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
    clips: track.clips.map((clip, i) =>
      clipOf(clip, `${path}.clips[${i}]`, tempo, sources, issues),
    ),
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
