/**
 * Tempo and beat grid from the onsets of a clip.
 *
 * 1. Periodicity: the autocorrelation A(τ) of the SuperFlux onset function (mean removed
 *    over 1 s, half-wave rectified), scored as S(τ) = W(τ)·(A(τ) + ½·A(2τ)). The A(2τ) term
 *    favours a period whose double also repeats (a beat over an eighth-note hat); W is a
 *    log-Gaussian preference one octave wide centred on 120 bpm (Ellis, "Beat tracking by
 *    dynamic programming", J. New Music Research 2007, eq. 7), which settles the remaining
 *    octave ambiguity (70 vs 140 bpm) towards the tempo people tap.
 * 2. Precision: the onsets (sample-accurate) are assigned to the nearest sixteenth of that
 *    period and a weighted least-squares line t = φ + k·u through them gives the sixteenth
 *    u (so bpm = 15/u) and the grid phase φ; twice, re-assigning with the refined grid.
 * 3. Beat phase: of the four sixteenth positions in a beat, the one carrying the most onset
 *    strength is the beat (kick and snare land on beats, hats between them too).
 */
import type { AudioData } from '../../core/audio.js';
import { monoMix } from './mono.js';
import { type Onset, onsetsFromEnvelope } from './onsets.js';
import { spectralFlux } from './spectral-flux.js';

export interface TempoEstimate {
  readonly bpm: number;
  /** The first beat of the grid at or after the music starts. */
  readonly firstBeatSeconds: number;
  /**
   * Normalised autocorrelation of the onset function at the beat period (0–1): near 1 for a
   * steady pattern, near 0 when nothing repeats.
   */
  readonly confidence: number;
}

export interface TempoOptions {
  readonly minBpm?: number;
  readonly maxBpm?: number;
}

const PREFERRED_BEAT_SECONDS = 0.5;
const PREFERENCE_OCTAVES = 1;
const MEAN_WINDOW_SECONDS = 1;
/** Onsets further than this fraction of a sixteenth from the grid do not steer the fit. */
const FIT_TOLERANCE = 0.25;

export function estimateTempo(audio: AudioData, options: TempoOptions = {}): TempoEstimate {
  const minBpm = options.minBpm ?? 50;
  const maxBpm = options.maxBpm ?? 220;
  const mono = monoMix(audio);
  const envelope = spectralFlux(mono, audio.sampleRate);
  const onsets = onsetsFromEnvelope(mono, envelope);
  const framesPerSecond = audio.sampleRate / envelope.hopSamples;
  const o = detrend(envelope.values, Math.round(MEAN_WINDOW_SECONDS * framesPerSecond));

  const minLag = Math.max(1, Math.floor((60 / maxBpm) * framesPerSecond));
  const maxLag = Math.ceil((60 / minBpm) * framesPerSecond);
  const acf = autocorrelation(o, 2 * maxLag + 2);
  if (acf[0] <= 0 || onsets.length < 2) return { bpm: 0, firstBeatSeconds: 0, confidence: 0 };
  const score = (lag: number) => {
    const beatSeconds = lag / framesPerSecond;
    const octaves = Math.log2(beatSeconds / PREFERRED_BEAT_SECONDS) / PREFERENCE_OCTAVES;
    return Math.exp(-0.5 * octaves * octaves) * (acf[lag] + 0.5 * acf[2 * lag]);
  };
  let bestLag = minLag;
  for (let lag = minLag; lag <= maxLag; lag++) if (score(lag) > score(bestLag)) bestLag = lag;
  const confidence = Math.max(0, Math.min(1, acf[bestLag] / acf[0]));
  let beatSeconds = bestLag / framesPerSecond;
  if (bestLag > minLag && bestLag < maxLag) {
    const a = score(bestLag - 1);
    const b = score(bestLag);
    const c = score(bestLag + 1);
    const curvature = a - 2 * b + c;
    if (curvature < 0) beatSeconds = (bestLag + (0.5 * (a - c)) / curvature) / framesPerSecond;
  }

  const grid = fitGrid(onsets, beatSeconds / 4);
  const beatPhase = strongestBeatPhase(onsets, grid);
  const firstOnset = onsets[0].seconds;
  const beat = 4 * grid.sixteenthSeconds;
  // The first beat no more than half a sixteenth before the first onset.
  const m = Math.ceil((firstOnset - 0.5 * grid.sixteenthSeconds - beatPhase) / beat);
  return { bpm: 60 / beat, firstBeatSeconds: beatPhase + m * beat, confidence };
}

/** o(n) minus its mean over ±window/2 frames, negative values set to 0. */
function detrend(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + values[i];
  const half = Math.max(1, window >> 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    out[i] = Math.max(0, values[i] - (prefix[hi] - prefix[lo]) / (hi - lo));
  }
  return out;
}

/** Unbiased autocorrelation Σ o(n)o(n+τ) / (N − τ) for τ < maxLag. */
function autocorrelation(o: Float64Array, maxLag: number): Float64Array {
  const n = o.length;
  const acf = new Float64Array(maxLag);
  for (let lag = 0; lag < maxLag && lag < n; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < n; i++) sum += o[i] * o[i + lag];
    acf[lag] = sum / (n - lag);
  }
  return acf;
}

interface Grid {
  /** Time of sixteenth index 0. */
  readonly originSeconds: number;
  readonly sixteenthSeconds: number;
}

/** Weighted least-squares sixteenth grid through the onsets near it (two passes). */
function fitGrid(onsets: readonly Onset[], sixteenthSeconds: number): Grid {
  // Start from the strength-weighted circular mean of the onset times modulo a sixteenth.
  let re = 0;
  let im = 0;
  for (const { seconds, strength } of onsets) {
    const angle = (2 * Math.PI * seconds) / sixteenthSeconds;
    re += strength * Math.cos(angle);
    im += strength * Math.sin(angle);
  }
  let grid: Grid = {
    originSeconds: (Math.atan2(im, re) / (2 * Math.PI)) * sixteenthSeconds,
    sixteenthSeconds,
  };
  // Progressive fit: the first pass uses the first 32 sixteenths after the first onset, each
  // next pass twice the span, so a small error in the starting period cannot accumulate
  // into onsets assigned to the wrong sixteenth late in a long clip.
  const start = onsets.length > 0 ? onsets[0].seconds : 0;
  let span = 32;
  for (let pass = 0; pass < 40; pass++) {
    const until = start + span * grid.sixteenthSeconds;
    let sw = 0;
    let sk = 0;
    let st = 0;
    let skk = 0;
    let skt = 0;
    for (const { seconds, strength } of onsets) {
      if (seconds > until) break;
      const position = (seconds - grid.originSeconds) / grid.sixteenthSeconds;
      const k = Math.round(position);
      if (Math.abs(position - k) > FIT_TOLERANCE) continue;
      sw += strength;
      sk += strength * k;
      st += strength * seconds;
      skk += strength * k * k;
      skt += strength * k * seconds;
    }
    const det = sw * skk - sk * sk;
    if (sw === 0 || det <= 0) break;
    const slope = (sw * skt - sk * st) / det;
    grid = { originSeconds: (st - slope * sk) / sw, sixteenthSeconds: slope };
    if (until >= onsets[onsets.length - 1].seconds) {
      if (span === Infinity) break;
      span = Infinity; // one more pass over everything with the final grid
    } else {
      span *= 2;
    }
  }
  return grid;
}

/** The time of a beat: the sixteenth position (mod 4) holding the most onset strength. */
function strongestBeatPhase(onsets: readonly Onset[], grid: Grid): number {
  const weight = [0, 0, 0, 0];
  for (const { seconds, strength } of onsets) {
    const position = (seconds - grid.originSeconds) / grid.sixteenthSeconds;
    const k = Math.round(position);
    if (Math.abs(position - k) > FIT_TOLERANCE) continue;
    weight[((k % 4) + 4) % 4] += strength;
  }
  const best = weight.indexOf(Math.max(...weight));
  return grid.originSeconds + best * grid.sixteenthSeconds;
}
