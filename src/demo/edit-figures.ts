import { type AudioData, createAudio } from '../core/audio.js';
import { RealFft } from '../core/fft.js';
import { detectClippedRuns } from '../edit/comp/clipping.js';
import { parseKey, segmentNotes, trackPitch } from '../edit/pitch/index.js';
import { detectOnsets } from '../edit/timing/index.js';
import { readAudio } from '../io/index.js';
import { FileSourceProvider, renderCacheDir } from '../mix/file-sources.js';
import type { LoadedProject } from '../session/index.js';
import { rmsOf } from './synth/levels.js';

/**
 * Measurements the demo prints before and after each edit, made here with the analysis
 * code (not taken from the edits' own reports), so the figures show what changed.
 */

/**
 * A track's source before and after the edits stored on one of its clips, or on one take of
 * a comped track (which must play in the comp). The edited audio is read through the
 * render's own cache of edited sources: it is exactly what the mix will play, and the
 * render then finds it ready instead of applying the edits a second time.
 */
export async function beforeAfter(
  project: LoadedProject,
  track: string,
  which: { clip?: number; take?: string } = { clip: 0 },
): Promise<{ before: AudioData; after: AudioData; polarityInverted: boolean }> {
  const { resolved } = project;
  const t = resolved.tracks.find((x) => x.name === track);
  if (!t) throw new Error(`The demo's session has no track "${track}".`);
  let clip = t.clips[which.clip ?? 0];
  if (which.take) {
    const document = project.document as {
      tracks: { name: string; takes?: { id: string; source: string }[] }[];
    };
    const take = document.tracks
      .find((x) => x.name === track)
      ?.takes?.find((k) => k.id === which.take);
    clip = t.clips.find((c) => c.sourceId === take?.source)!;
    if (!clip) throw new Error(`Take ${which.take} of "${track}" does not play in its comp.`);
  }
  const source = resolved.sources.find((s) => s.id === clip.sourceId)!;
  const before = await readAudio(source.absolutePath);
  const cache = new FileSourceProvider(renderCacheDir(resolved.projectDir));
  const edited = await cache.open(source, resolved.sampleRate, clip.edits);
  const after = createAudio(resolved.sampleRate, edited.channels, edited.frames);
  await edited.read(0, edited.frames, after.channels, 0);
  await edited.close();
  return { before, after, polarityInverted: t.polarity };
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

/** RMS level (dBFS, power mean over channels) of the last `seconds`: the room tone alone. */
export function tailLevelDbfs(audio: AudioData, seconds: number): number {
  const end = tail(audio, seconds);
  const power = end.channels.reduce((sum, c) => sum + rmsOf(c) ** 2, 0) / end.channels.length;
  return 10 * Math.log10(power);
}

/**
 * What is left of known clicks: the peak (dBFS) of `audio − reference` within ±2 ms of each,
 * where `reference` is the take as it was sung, without clicks (the synthesiser's truth).
 */
export function clickResidualDbfs(
  audio: AudioData,
  reference: AudioData,
  clickSamples: readonly number[],
): number {
  const reach = Math.round(0.002 * audio.sampleRate);
  let peak = 0;
  audio.channels.forEach((x, c) => {
    const r = reference.channels[c];
    for (const at of clickSamples) {
      for (let n = Math.max(0, at - reach); n < Math.min(x.length, at + reach); n++)
        peak = Math.max(peak, Math.abs(x[n] - r[n]));
    }
  });
  return 20 * Math.log10(peak);
}
