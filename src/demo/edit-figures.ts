import type { AudioData } from '../core/audio.js';
import { RealFft } from '../core/fft.js';
import { detectClippedRuns } from '../edit/comp/clipping.js';
import { parseKey, segmentNotes, trackPitch } from '../edit/pitch/index.js';
import { detectOnsets } from '../edit/timing/index.js';
import { readAudio } from '../io/index.js';
import { applyEdits } from '../mix/edited-sources.js';
import type { LoadedProject } from '../session/index.js';

/**
 * Measurements the demo prints before and after each edit, made here with the analysis
 * code (not taken from the edits' own reports), so the figures show what changed.
 */

/** A take's audio before and after the edits stored on one of its clips (or takes). */
export async function beforeAfter(
  project: LoadedProject,
  track: string,
  which: { clip?: number; take?: string } = { clip: 0 },
): Promise<{ before: AudioData; after: AudioData }> {
  const t = project.resolved.tracks.find((x) => x.name === track);
  if (!t) throw new Error(`no track ${track}`);
  const document = project.document as {
    tracks: { name: string; takes?: { id: string; source: string; edits?: unknown[] }[] }[];
  };
  let sourceId: string;
  let edits: { op: string; values: Record<string, unknown>; path: string }[];
  if (which.take) {
    const take = document.tracks
      .find((x) => x.name === track)!
      .takes!.find((k) => k.id === which.take)!;
    sourceId = take.source;
    edits = (take.edits ?? []).map((e, i) => {
      const { op, ...values } = e as { op: string };
      return { op, values, path: `take ${which.take} edit ${i}` };
    });
  } else {
    const clip = t.clips[which.clip ?? 0];
    sourceId = clip.sourceId;
    edits = [...clip.edits];
  }
  const source = project.resolved.sources.find((s) => s.id === sourceId)!;
  const before = await readAudio(source.absolutePath);
  return { before, after: applyEdits(before, edits).audio };
}

/** The last `seconds` of a take (where only room noise, and any hum, remain after the song). */
export function tail(audio: AudioData, seconds: number): AudioData {
  const frames = Math.round(seconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.slice(c.length - frames)),
  };
}

/** Level (dBFS, RMS of the sinusoid) of the strongest component within ±1 Hz of `hz`. */
export function toneLevelDbfs(audio: AudioData, hz: number): number {
  const x = audio.channels[0];
  const size = 1 << 20;
  const n = Math.min(size, x.length);
  const frame = new Float64Array(size);
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    frame[i] = x[i] * w;
    windowSum += w;
  }
  const fft = new RealFft(size);
  const spectrum = fft.createSpectrum();
  fft.forward(frame, spectrum);
  const bin = (hz * size) / audio.sampleRate;
  let peak = 0;
  for (
    let k = Math.floor(bin - size / audio.sampleRate);
    k <= Math.ceil(bin + size / audio.sampleRate);
    k++
  ) {
    peak = Math.max(peak, Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]));
  }
  const amplitude = (2 * peak) / windowSum;
  return 20 * Math.log10(amplitude / Math.SQRT2);
}

/** Mean distance (ms) of detected onsets (at a sensitivity) from the nearest line of a grid. */
export function gridDeviationMs(
  audio: AudioData,
  bpm: number,
  division: number,
  threshold: number,
): number {
  const step = 60 / bpm / division;
  const onsets = detectOnsets(audio, { threshold });
  if (onsets.length === 0) return 0;
  const total = onsets.reduce(
    (sum, o) => sum + Math.abs(o.seconds - Math.round(o.seconds / step) * step),
    0,
  );
  return (1000 * total) / onsets.length;
}

/** How many notes sit more than 15 cents from the key, of how many. */
export function notesOffKey(audio: AudioData, key: string): { off: number; total: number } {
  const notes = segmentNotes(trackPitch(audio, { allowNonMonophonic: true }), {
    key: parseKey(key),
  });
  return { off: notes.filter((n) => Math.abs(n.deviationCents) > 15).length, total: notes.length };
}

export function clippedSamples(audio: AudioData): number {
  return detectClippedRuns(audio).reduce((sum, r) => sum + (r.end - r.start), 0);
}
