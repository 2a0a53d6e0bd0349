import { LoudnessMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { dbToGain } from '../../core/units.js';
import type { ReferenceMatch } from './match.js';
import { renderInserts } from './render-inserts.js';

/**
 * A match rendered without a limiter: the match EQ, then a plain gain that brings the
 * result to the match's loudness target (measured after the EQ, since an EQ moves the
 * loudness). For listening to a match and for tests; a master reaches its target through
 * loudness targeting and the true-peak limiter instead, and this output may exceed 0 dBFS.
 */
export interface RenderedMatch {
  readonly audio: AudioData;
  /** Gain applied after the EQ (dB). */
  readonly gainDb: number;
}

export function renderMatch(audio: AudioData, match: ReferenceMatch): RenderedMatch {
  const equalised = renderInserts(audio, [match.insert]);
  const meter = new LoudnessMeter({
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
  });
  meter.push(equalised.channels, frameCount(equalised));
  const after = meter.result().integratedLufs;
  const gainDb = Number.isFinite(after) ? match.loudness.targetLufs - after : 0;
  if (gainDb === 0) return { audio: equalised, gainDb };
  const g = dbToGain(gainDb);
  // renderInserts returns fresh buffers unless the insert was bypassed.
  const out = equalised === audio ? equalised.channels.map((c) => c.slice()) : equalised.channels;
  for (const channel of out) for (let i = 0; i < channel.length; i++) channel[i] *= g;
  return { audio: { sampleRate: audio.sampleRate, channels: out }, gainDb };
}
