import { type AudioData, frameCount, sliceAudio } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { editedSourceAudio } from '../../mix/edit-cache.js';
import { renderCacheDir } from '../../mix/file-sources.js';
import { type LoadedProject, positionToSeconds } from '../../session/index.js';
import type { CompTake } from './types.js';

/**
 * The takes of a session track as comping needs them (Node side: reads the source files):
 * each source with the take's edits applied (through the render cache), read from the
 * take's offset, placed at its start on the timeline. Refuses a track that is missing, has fewer than two takes, or
 * whose takes' sources are at different sample rates — one sentence each.
 */
export interface TrackTakes {
  readonly trackIndex: number;
  readonly trackName: string;
  readonly takes: readonly CompTake[];
  /** Whether the track already had a comp (it will be replaced). */
  readonly hadComp: boolean;
}

interface RawTake {
  id: string;
  source: string;
  start?: number | string;
  offsetSeconds?: number;
  edits?: (Record<string, unknown> & { op: string })[];
}

export async function loadTrackTakes(
  project: LoadedProject,
  trackName: string,
): Promise<TrackTakes> {
  const tracks = (project.document.tracks ?? []) as Record<string, unknown>[];
  const trackIndex = tracks.findIndex((t) => t.name === trackName);
  if (trackIndex < 0) {
    const names = tracks.map((t) => JSON.stringify(t.name)).join(', ');
    throw new MixdownError(
      'invalid-argument',
      `${project.fileName} has no track named "${trackName}"; its tracks are ${names || 'none'}.`,
    );
  }
  const track = tracks[trackIndex];
  const rawTakes = (track.takes ?? []) as RawTake[];
  if (rawTakes.length < 2) {
    throw new MixdownError(
      'invalid-argument',
      `Track "${trackName}" has ${rawTakes.length} take${rawTakes.length === 1 ? '' : 's'}; comping needs at least two under tracks[${trackIndex}].takes.`,
    );
  }
  const { resolved } = project;
  const sources = rawTakes.map((t) => resolved.sources.find((s) => s.id === t.source)!);
  const rates = [...new Set(sources.map((s) => s.sampleRate))];
  if (rates.length > 1) {
    const list = rawTakes.map((t, i) => `"${t.id}" ${sources[i].sampleRate} Hz`).join(', ');
    throw new MixdownError(
      'invalid-argument',
      `The takes of track "${trackName}" are at different sample rates (${list}); convert them to one rate before comping.`,
    );
  }
  const tempo = { bpm: resolved.tempoBpm, timeSignature: resolved.timeSignature };
  const takes: CompTake[] = [];
  const cacheDir = renderCacheDir(resolved.projectDir);
  for (const [k, raw] of rawTakes.entries()) {
    const path = `tracks[${trackIndex}].takes[${k}]`;
    const edits = (raw.edits ?? []).map(({ op, ...values }, i) => ({
      op,
      values,
      path: `${path}.edits[${i}]`,
    }));
    const { audio } = await editedSourceAudio(cacheDir, sources[k], edits);
    takes.push({
      id: raw.id,
      audio: fromOffset(audio, raw.offsetSeconds ?? 0),
      startSeconds: positionToSeconds(raw.start ?? 0, tempo),
    });
  }
  return { trackIndex, trackName, takes, hadComp: track.comp !== undefined };
}

/** The audio from `offsetSeconds` on (a view, no copy). */
function fromOffset(audio: AudioData, offsetSeconds: number): AudioData {
  const from = Math.min(frameCount(audio), Math.round(offsetSeconds * audio.sampleRate));
  return from === 0 ? audio : sliceAudio(audio, from, frameCount(audio));
}
