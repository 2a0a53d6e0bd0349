import { TruePeakMeter } from '../analysis/index.js';
import type { AudioData } from '../core/audio.js';
import { gainToDb } from '../core/units.js';
import { limitTruePeak } from './true-peak-limit.js';

/**
 * Aims: the audio a compliance loop starts from, with the work every deliverable made from it
 * would otherwise repeat done once: its true peak, and the limited copy each first pass
 * encodes when that peak is over the ceiling.
 *
 * Every file of a delivery at one rate and ceiling starts from the same limited copy (the
 * limiter is the costliest stage, about 30× realtime), so a FLAC, a 16-bit WAV, an MP3 and an
 * Ogg for the same platforms limit once, not four times. Only first-pass copies are kept, one
 * per ceiling: retries aim at a codec's own overshoot and are rarely shared, and each copy is
 * as large as the source.
 */

/** True-peak oversampling for every compliance figure and the manifest (BS.1770 allows more than 4×). */
export const DELIVERY_TRUE_PEAK_OVERSAMPLING = 8;

/** Audio on its way into the encoder and its true peak (dBTP, at DELIVERY_TRUE_PEAK_OVERSAMPLING×). */
export interface Candidate {
  readonly audio: AudioData;
  readonly truePeakDbtp: number;
}

export class LoopSource {
  readonly audio: AudioData;
  private peakDbtp: number | undefined;
  private readonly limited = new Map<number, Candidate>();

  /** `truePeakDbtp`, when already measured at DELIVERY_TRUE_PEAK_OVERSAMPLING× (the master's report). */
  constructor(audio: AudioData, truePeakDbtp?: number) {
    this.audio = audio;
    this.peakDbtp = truePeakDbtp;
  }

  get sampleRate(): number {
    return this.audio.sampleRate;
  }

  /** The source as it is. */
  unlimited(): Candidate {
    this.peakDbtp ??= truePeakDbtp(this.audio);
    return { audio: this.audio, truePeakDbtp: this.peakDbtp };
  }

  /** Keep `candidate` as the source limited to `ceilingDbtp` (made elsewhere: a worker's copy). */
  keep(ceilingDbtp: number, candidate: Candidate): void {
    this.limited.set(ceilingDbtp, candidate);
  }

  /** The shared copy limited to `ceilingDbtp`, if one was made or kept. */
  kept(ceilingDbtp: number): Candidate | undefined {
    return this.limited.get(ceilingDbtp);
  }

  /** The source limited to `ceilingDbtp`; kept for the next deliverable when `share` is set. */
  limitedTo(ceilingDbtp: number, share: boolean): Candidate {
    const kept = this.limited.get(ceilingDbtp);
    if (kept) return kept;
    const audio = limitTruePeak(this.audio, ceilingDbtp);
    const candidate = { audio, truePeakDbtp: truePeakDbtp(audio) };
    if (share) this.limited.set(ceilingDbtp, candidate);
    return candidate;
  }
}

export function truePeakDbtp(audio: AudioData): number {
  const meter = new TruePeakMeter({
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    oversampling: DELIVERY_TRUE_PEAK_OVERSAMPLING,
  });
  meter.push(audio.channels, audio.channels[0]?.length ?? 0);
  return gainToDb(Math.max(0, ...meter.result().truePeaks));
}
