import { LoudnessMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount, sliceAudio } from '../../core/audio.js';

/**
 * Previews are short: the loudest stretch of the master (where a listener forms an opinion:
 * the chorus, the drop), found from the short-term loudness every 100 ms. The excerpt is
 * centred on the end of the loudest 3 s window and kept inside the file.
 */
export interface Excerpt {
  readonly startFrame: number;
  readonly frames: number;
}

export const DEFAULT_PREVIEW_SECONDS = 20;
const HOP_SECONDS = 0.1;
/** Fade in and out so the preview does not click where it was cut. */
export const PREVIEW_FADE_SECONDS = 0.01;

export function loudestExcerpt(audio: AudioData, seconds = DEFAULT_PREVIEW_SECONDS): Excerpt {
  const total = frameCount(audio);
  const frames = Math.min(total, Math.round(seconds * audio.sampleRate));
  if (frames >= total) return { startFrame: 0, frames: total };
  const meter = new LoudnessMeter({
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    seriesHopSeconds: HOP_SECONDS,
  });
  meter.push(audio.channels, total);
  const series = meter.result().series?.shortTermLufs ?? new Float64Array(0);
  let best = 0;
  for (let i = 1; i < series.length; i++) if (series[i] > series[best]) best = i;
  // Point i is the 3 s window ending after (i + 1)·hop seconds; centre on its middle.
  const centre = Math.round(((best + 1) * HOP_SECONDS - 1.5) * audio.sampleRate);
  const startFrame = Math.max(0, Math.min(total - frames, centre - Math.round(frames / 2)));
  return { startFrame, frames };
}

/** A copy of the excerpt with short raised-cosine fades at both ends. */
export function cutExcerpt(audio: AudioData, excerpt: Excerpt): AudioData {
  const view = sliceAudio(audio, excerpt.startFrame, excerpt.startFrame + excerpt.frames);
  const fade = Math.min(
    Math.floor(excerpt.frames / 2),
    Math.round(PREVIEW_FADE_SECONDS * audio.sampleRate),
  );
  const channels = view.channels.map((c) => {
    const out = c.slice();
    for (let i = 0; i < fade; i++) {
      const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / fade);
      out[i] *= g;
      out[out.length - 1 - i] *= g;
    }
    return out;
  });
  return { sampleRate: audio.sampleRate, channels };
}
