import { frameCount } from '../../core/audio.js';
import { type Key, type Note, type PitchTrack, segmentNotes, trackPitch } from '../pitch/index.js';
import { declick } from '../repair/declick.js';
import { type ClippedRun, detectClippedRuns } from './clipping.js';
import type { CompTake } from './types.js';

/**
 * Everything comping measures about one take, once: its pitch track and notes (the pitch
 * tracker and note segmentation of src/edit/pitch), its clicks (the de-click detector of
 * src/edit/repair, run for its report only) and its clipped runs (clipping.ts). Scores per
 * phrase are read from this record, so no phrase re-analyses audio except for loudness.
 */
export interface TakeAnalysis {
  readonly take: CompTake;
  readonly id: string;
  readonly sampleRate: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** Frames on the take's own time (frame i at startSeconds + i · hopSeconds). */
  readonly pitch: PitchTrack;
  /** Notes in the key, with start and end moved onto the timeline. */
  readonly notes: readonly Note[];
  /** Timeline time of each click event found (see CLICK_EVENT_SECONDS). */
  readonly clickSeconds: readonly number[];
  /** Clipped runs in the take's frames. */
  readonly clippedRuns: readonly ClippedRun[];
}

export interface TakeAnalysisOptions {
  /** Key the notes are judged in (default chromatic: the nearest semitone). */
  readonly key?: Key;
  /** Click detector sensitivity, % (the de-click default, 50). */
  readonly clickSensitivity?: number;
}

export function analyseTake(take: CompTake, options: TakeAnalysisOptions = {}): TakeAnalysis {
  const { audio, startSeconds } = take;
  const pitch = trackPitch(audio, { source: `take "${take.id}"` });
  const notes = segmentNotes(pitch, { key: options.key }).map((note) => ({
    ...note,
    startSeconds: note.startSeconds + startSeconds,
    endSeconds: note.endSeconds + startSeconds,
  }));
  const { report } = declick(audio, { sensitivity: options.clickSensitivity ?? 50 });
  const clickSeconds = clickEvents(report.clicks.map((c) => c.timeSeconds)).map(
    (t) => t + startSeconds,
  );
  return {
    take,
    id: take.id,
    sampleRate: audio.sampleRate,
    startSeconds,
    endSeconds: startSeconds + frameCount(audio) / audio.sampleRate,
    pitch,
    notes,
    clickSeconds,
    clippedRuns: detectClippedRuns(audio),
  };
}

/**
 * Detected runs closer than this are one click: the detector often flags a few runs around
 * one click (its model windows are disturbed by it; on test takes with two clicks it
 * reported 3–6 runs within 10 ms of them), and a click in two channels is one event too.
 */
export const CLICK_EVENT_SECONDS = 0.02;

/** Click times grouped into events (each at its first run). */
export function clickEvents(times: readonly number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  const events: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    if (t - last > CLICK_EVENT_SECONDS) events.push(t);
    last = t;
  }
  return events;
}

/** Pitch-track frames of `analysis` whose timeline times lie in [fromSeconds, toSeconds). */
export function frameRange(
  analysis: TakeAnalysis,
  fromSeconds: number,
  toSeconds: number,
): [number, number] {
  const { hopSeconds, frameCount: frames } = analysis.pitch;
  const first = Math.ceil((fromSeconds - analysis.startSeconds) / hopSeconds - 1e-9);
  const last = Math.ceil((toSeconds - analysis.startSeconds) / hopSeconds - 1e-9);
  return [Math.max(0, Math.min(frames, first)), Math.max(0, Math.min(frames, last))];
}

/** Notes whose middle lies in [fromSeconds, toSeconds): each note belongs to one phrase. */
export function notesIn(notes: readonly Note[], fromSeconds: number, toSeconds: number): Note[] {
  return notes.filter((n) => {
    const middle = (n.startSeconds + n.endSeconds) / 2;
    return middle >= fromSeconds && middle < toSeconds;
  });
}
