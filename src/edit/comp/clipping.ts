import { MIN_CLIP_RUN } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';

/**
 * Clipping at any level. `analyzeAudio` counts clips at digital full scale only, but a
 * preamp or a converter set too hot clips lower down (the demo's take 1 flattens at
 * −2 dBFS), and a gain change after clipping moves the ceiling anywhere. What every hard
 * clip leaves is a flat top: a run of consecutive samples with exactly the same magnitude,
 * at a ceiling that the clipper holds again and again. A natural waveform's peak almost
 * never repeats one value for MIN_CLIP_RUN samples, and hardly ever lands on the same value
 * in another run, so a magnitude shared by MIN_CEILING_RUNS flat runs is taken as a
 * ceiling and every sample in those runs as clipped.
 *
 * Known limit: a perfectly steady synthetic tone quantised to 16 bits can repeat its peak
 * value every period and would read as clipped; sung or played takes do not.
 */

/** Flat runs at one magnitude needed before that magnitude counts as a clipper's ceiling. */
export const MIN_CEILING_RUNS = 3;
/** Flat runs below this level are ignored (digital silence and dither are flat too). */
const MIN_CEILING_LEVEL = 10 ** (-40 / 20);

export interface ClippedRun {
  /** First clipped frame, and one past the last (in the audio's own frames). */
  readonly start: number;
  readonly end: number;
}

/** Runs of clipped frames in any channel, in time order (overlapping runs merged). */
export function detectClippedRuns(audio: AudioData): ClippedRun[] {
  const runs: ClippedRun[] = [];
  for (const channel of audio.channels) runs.push(...channelClips(channel));
  runs.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && run.start <= last.end) last.end = Math.max(last.end, run.end);
    else merged.push({ ...run });
  }
  return merged;
}

function channelClips(x: Float32Array): ClippedRun[] {
  const byMagnitude = new Map<number, ClippedRun[]>();
  let i = 0;
  while (i < x.length) {
    const magnitude = Math.abs(x[i]);
    let end = i + 1;
    while (end < x.length && Math.abs(x[end]) === magnitude) end++;
    if (end - i >= MIN_CLIP_RUN && magnitude >= MIN_CEILING_LEVEL) {
      const list = byMagnitude.get(magnitude) ?? [];
      list.push({ start: i, end });
      byMagnitude.set(magnitude, list);
    }
    i = end;
  }
  const clipped: ClippedRun[] = [];
  for (const list of byMagnitude.values()) {
    if (list.length >= MIN_CEILING_RUNS) clipped.push(...list);
  }
  return clipped;
}

/** Clipped frames of `runs` inside frames [from, to). */
export function clippedFramesIn(runs: readonly ClippedRun[], from: number, to: number): number {
  let count = 0;
  for (const run of runs) count += Math.max(0, Math.min(to, run.end) - Math.max(from, run.start));
  return count;
}
