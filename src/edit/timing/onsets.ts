/**
 * Onset (transient) detection: SuperFlux onset function (spectral-flux.ts), peaks above an
 * adaptive median threshold (peak-picking.ts), each refined to the sample where the
 * signal's energy jumps (onset-refinement.ts).
 */
import type { AudioData } from '../../core/audio.js';
import { monoMix } from './mono.js';
import { OnsetRefiner } from './onset-refinement.js';
import { pickPeaks } from './peak-picking.js';
import { type OnsetEnvelope, spectralFlux } from './spectral-flux.js';

export interface Onset {
  /** Time of the onset in the clip, to the sample. */
  readonly seconds: number;
  /** Its onset-function peak relative to the clip's strongest onset (0–1]. */
  readonly strength: number;
}

export interface OnsetOptions {
  /**
   * How far (as a fraction of the clip's strongest onset) a peak must rise above the local
   * median to count. Lower finds softer onsets. Default 0.05.
   */
  readonly threshold?: number;
  /** Onsets closer than this are one onset (a flam); default 0.03 s. */
  readonly minIntervalSeconds?: number;
}

const DEFAULT_THRESHOLD = 0.05;
const DEFAULT_MIN_INTERVAL_SECONDS = 0.03;
const LOCAL_MAX_SECONDS = 0.015;
const MEDIAN_SECONDS = 0.1;
/**
 * A peak must rise this many robust standard deviations of the whole onset function above
 * its local median (a Gaussian wobble passes 6σ about once in 10⁹ frames).
 */
const NOISE_SPREADS = 6;

/**
 * Smallest rise that is an onset at all, in the function's units (log10 magnitude summed
 * over bands: 0.5 is 10 dB in one band, or 1 dB in ten). A steady sine's frames wobble by
 * less than 0.1 as its phase turns against the hop; a played note rises by several units.
 */
const MIN_RISE = 0.5;

/** 1.4826 × the median absolute deviation: the standard deviation if Gaussian. */
function robustSpread(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const median = sorted[sorted.length >> 1];
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  return 1.4826 * deviations[deviations.length >> 1];
}

export function detectOnsets(audio: AudioData, options: OnsetOptions = {}): Onset[] {
  const mono = monoMix(audio);
  return onsetsFromEnvelope(mono, spectralFlux(mono, audio.sampleRate), options);
}

/** Onsets of `mono` given its onset function (so tempo estimation can share one). */
export function onsetsFromEnvelope(
  mono: Float32Array,
  envelope: OnsetEnvelope,
  options: OnsetOptions = {},
): Onset[] {
  const { values, hopSamples: hop, frameSize, sampleRate } = envelope;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minInterval = Math.round(
    (options.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS) * sampleRate,
  );
  // A frame whose window runs past the clip's end sees the cut as a broadband rise.
  const whole = values.slice(0, Math.max(0, Math.floor((mono.length - frameSize / 2) / hop) + 1));
  let strongest = 0;
  for (const v of whole) strongest = Math.max(strongest, v);
  if (strongest === 0) return [];
  // On steady material the strongest "onset" is only the largest wobble of the function, so
  // the relative threshold alone would pass its every wobble: a rise must also stand out of
  // the function's own spread, and be a rise at all.
  const delta = Math.max(threshold * strongest, NOISE_SPREADS * robustSpread(whole), MIN_RISE);
  const frames = pickPeaks(whole, {
    localRadius: Math.max(1, Math.round((LOCAL_MAX_SECONDS * sampleRate) / hop)),
    medianRadius: Math.max(1, Math.round((MEDIAN_SECONDS * sampleRate) / hop)),
    delta,
    minDistance: Math.max(1, Math.round(minInterval / hop)),
  });

  const refiner = new OnsetRefiner(mono, sampleRate);
  const onsets: Onset[] = [];
  let lastSample = -Infinity;
  for (const n of frames) {
    // The flux of frame n rises once the onset is inside its window (centred on n·hop) and
    // not yet inside frame n − μ's, so the onset lies between about half a frame before the
    // centre and a couple of hops after it.
    const centre = n * hop;
    const from = Math.max(centre - frameSize / 2 - hop, lastSample + minInterval, 0);
    const to = Math.min(centre + 2 * hop, mono.length - 1);
    const strength = values[n] / strongest;
    if (to < from) continue;
    const { sample } = refiner.refine(from, to);
    onsets.push({ seconds: sample / sampleRate, strength });
    lastSample = sample;
  }
  return onsets;
}
