import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { betaThresholdPrior, dipProbabilities } from './candidates.js';
import { decimate, decimationFactor } from './decimate.js';
import { HarmonicPatternMeter } from './harmonic-pattern.js';
import { checkMonophonic, type MonophonyCheck, measureMonophony } from './monophony.js';
import { BRIDGED, decodePitchPath, UNVOICED } from './pitch-hmm.js';
import { hzToMidi, midiToHz } from './pitch-units.js';
import { refinePeriod } from './refine-period.js';
import { type YinDip, YinFrame } from './yin.js';

/**
 * Monophonic pitch tracking with voicing (pYIN class): YIN dips per frame → candidate
 * probabilities over a Beta threshold prior → Viterbi path over pitch bins and an unvoiced
 * state (Mauch & Dixon 2014). The f0 of a voiced frame is its chosen candidate's own
 * interpolated period, so the 20-cent bins of the model never quantise the result.
 */
export interface PitchTrackOptions {
  /** Lowest pitch searched (default 60 Hz). */
  readonly minHz?: number;
  /** Highest pitch searched (default 1000 Hz). */
  readonly maxHz?: number;
  /** Frame hop (default 5 ms). */
  readonly hopMs?: number;
  /** Mean of the Beta threshold prior (pYIN: 0.10, 0.15, 0.20; default 0.15). */
  readonly thresholdMean?: number;
  /**
   * Track even material that does not look monophonic (default false: such material is
   * refused with a MixdownError, since every estimate from it would be wrong).
   */
  readonly allowNonMonophonic?: boolean;
  /** Names the audio in messages, e.g. "tracks[2].clips[0]" or a file name. */
  readonly source?: string;
}

export interface PitchTrack {
  readonly sampleRate: number;
  readonly hopSeconds: number;
  /** Frame i describes time i · hopSeconds. */
  readonly frameCount: number;
  /** Fundamental frequency per frame, 0 where unvoiced. */
  readonly f0Hz: Float64Array;
  /** 1 where voiced. */
  readonly voiced: Uint8Array;
  /** pYIN's voicing probability: the prior mass of thresholds that found a dip. */
  readonly voicedProbability: Float64Array;
  /** 1 − d' at the tracked period (voiced) or at the deepest dip (unvoiced), 0…1. */
  readonly periodicity: Float64Array;
  /** Mean square of the analysis window, dBFS. */
  readonly levelDb: Float64Array;
  readonly monophony: MonophonyCheck;
}

const DEFAULTS = { minHz: 60, maxHz: 1000, hopMs: 5, thresholdMean: 0.15 };
/** Dips kept per frame (the deepest, if more). */
const MAX_DIPS = 8;
/** Frames this far below the loud part of the clip, or below the floor, have no pitch. */
const GATE_BELOW_LOUD_DB = 50;
const GATE_FLOOR_DBFS = -90;
/** HMM settings: 20-cent bins, up to 2.5 semitones per 5 ms (pYIN allows 25 × 10 cents). */
const BIN_SEMITONES = 0.2;
const MAX_JUMP_SEMITONES_PER_5MS = 2.5;
const SWITCH_PROBABILITY = 0.01;
/**
 * The unvoiced state emits half the probability the candidates leave unclaimed: a frame is
 * voiced once its best bin holds a third of the threshold prior (d' below about 0.12 at
 * the default prior), and the switch penalty carries short weak stretches (vowel changes)
 * through. Breath noise leaves only pYIN's p_a mass (≈ 0.01) and stays unvoiced.
 */
const UNVOICED_WEIGHT = 0.5;

/** The channels averaged to one (a stereo vocal is tracked on its sum). */
export function monoSum(audio: AudioData): Float32Array {
  const { channels } = audio;
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0]?.length ?? 0);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i] += channel[i];
  for (let i = 0; i < out.length; i++) out[i] /= channels.length;
  return out;
}

export function trackPitch(audio: AudioData, options: PitchTrackOptions = {}): PitchTrack {
  const minHz = options.minHz ?? DEFAULTS.minHz;
  const maxHz = options.maxHz ?? DEFAULTS.maxHz;
  const hopMs = options.hopMs ?? DEFAULTS.hopMs;
  const { sampleRate } = audio;
  if (!(minHz >= 20 && maxHz > minHz && maxHz <= sampleRate / 8 && hopMs >= 1 && hopMs <= 50)) {
    throw new MixdownError(
      'invalid-argument',
      `Pitch tracking needs 20 Hz ≤ minHz < maxHz ≤ ${sampleRate / 8} Hz at ${sampleRate} Hz and a hop of 1–50 ms; got ${minHz}–${maxHz} Hz every ${hopMs} ms.`,
    );
  }
  const signal = monoSum(audio);
  const factor = decimationFactor(sampleRate);
  const analysisRate = sampleRate / factor;
  const reduced = decimate(signal, factor);
  const hopSeconds = hopMs / 1000;
  const frameCount = Math.floor(signal.length / (hopSeconds * sampleRate)) + 1;
  const yin = new YinFrame({ sampleRate: analysisRate, minHz, maxHz });
  const prior = betaThresholdPrior(options.thresholdMean ?? DEFAULTS.thresholdMean);

  // A frame's period estimate belongs to the middle of the samples it compared,
  // start + (W + T)/2, which depends on T; frames are placed for a middle period and the
  // pitch is re-timed afterwards (see retime).
  const middleLag = Math.sqrt(yin.minLag * yin.maxLag);
  const startOffset = Math.round((yin.windowSamples + middleLag) / 2);

  const levelDb = new Float64Array(frameCount);
  const bestPeriodicity = new Float64Array(frameCount);
  const frameDips: YinDip[][] = [];
  const dips: YinDip[] = [];
  const frameStart = (f: number) => Math.round(f * hopSeconds * analysisRate) - startOffset;
  for (let f = 0; f < frameCount; f++) {
    const meanSquare = yin.analyse(reduced, frameStart(f));
    levelDb[f] = 10 * Math.log10(meanSquare + 1e-20);
    bestPeriodicity[f] = 1 - yin.minimumAperiodicity();
    yin.dips(dips, MAX_DIPS);
    frameDips.push(dips.slice());
  }

  const loudDb = percentile(levelDb, 0.95);
  const gateDb = Math.max(GATE_FLOOR_DBFS, loudDb - GATE_BELOW_LOUD_DB);
  const offsets = new Int32Array(frameCount + 1);
  const midi: number[] = [];
  const probability: number[] = [];
  const lag: number[] = [];
  const aperiodicity: number[] = [];
  const voicedProbability = new Float64Array(frameCount);
  const probs = new Float64Array(MAX_DIPS);
  for (let f = 0; f < frameCount; f++) {
    offsets[f] = midi.length;
    if (levelDb[f] < gateDb) continue;
    const list = frameDips[f];
    voicedProbability[f] = dipProbabilities(list, prior, probs);
    list.forEach((dip, i) => {
      if (probs[i] <= 0) return;
      midi.push(hzToMidi(analysisRate / dip.lagSamples));
      probability.push(probs[i]);
      lag.push(dip.lagSamples);
      aperiodicity.push(dip.aperiodicity);
    });
  }
  offsets[frameCount] = midi.length;

  const path = decodePitchPath(
    { offsets, midi: Float64Array.from(midi), probability: Float64Array.from(probability) },
    {
      minMidi: hzToMidi(minHz),
      maxMidi: hzToMidi(maxHz),
      binSemitones: BIN_SEMITONES,
      maxJumpSemitones: MAX_JUMP_SEMITONES_PER_5MS * (hopMs / 5),
      switchProbability: SWITCH_PROBABILITY,
      unvoicedWeight: UNVOICED_WEIGHT,
    },
  );

  const voiced = new Uint8Array(frameCount);
  const periodSamples = new Float64Array(frameCount);
  const periodicity = Float64Array.from(bestPeriodicity);
  for (let f = 0; f < frameCount; f++) {
    const chosen = path[f];
    if (chosen === UNVOICED) continue;
    voiced[f] = 1;
    if (chosen !== BRIDGED) {
      periodSamples[f] = refinePeriod(
        signal,
        frameStart(f) * factor,
        yin.windowSamples * factor,
        lag[chosen] * factor,
      );
      periodicity[f] = 1 - aperiodicity[chosen];
    }
  }
  const f0Hz = retime(
    periodSamples,
    voiced,
    middleLag * factor,
    hopSeconds * sampleRate,
    sampleRate,
  );

  const pattern = new HarmonicPatternMeter(reduced, analysisRate);
  const track: PitchTrack = {
    sampleRate,
    hopSeconds,
    frameCount,
    f0Hz,
    voiced,
    voicedProbability,
    periodicity,
    levelDb,
    monophony: measureMonophony({
      levelDb,
      bestPeriodicity,
      trackedPeriodicity: periodicity,
      voiced,
      loudDb,
      harmonicPattern: (f) => pattern.measure(Math.round(f * hopSeconds * analysisRate), f0Hz[f]),
    }),
  };
  if (!options.allowNonMonophonic) checkMonophonic(track.monophony, options.source);
  return track;
}

/**
 * f0 on the regular frame grid. A voiced frame's period T was measured around
 * (T − middleLag)/2 samples after its nominal time; within each voiced run the pitch (on a
 * log scale) is interpolated back onto the nominal times, and bridged frames (no candidate
 * in their bin) are filled the same way.
 */
function retime(
  periodSamples: Float64Array,
  voiced: Uint8Array,
  middleLag: number,
  hopSamples: number,
  sampleRate: number,
): Float64Array {
  const n = periodSamples.length;
  const f0 = new Float64Array(n);
  let f = 0;
  while (f < n) {
    if (!voiced[f]) {
      f++;
      continue;
    }
    let end = f;
    while (end < n && voiced[end]) end++;
    const times: number[] = [];
    const pitches: number[] = [];
    for (let i = f; i < end; i++) {
      if (periodSamples[i] <= 0) continue;
      times.push(i + (periodSamples[i] - middleLag) / 2 / hopSamples);
      pitches.push(hzToMidi(sampleRate / periodSamples[i]));
    }
    if (times.length === 0) {
      for (let i = f; i < end; i++) voiced[i] = 0;
    } else {
      let k = 0;
      for (let i = f; i < end; i++) {
        while (k + 1 < times.length && times[k + 1] <= i) k++;
        let m: number;
        if (i <= times[0]) m = pitches[0];
        else if (k + 1 >= times.length) m = pitches[times.length - 1];
        else {
          const x = (i - times[k]) / (times[k + 1] - times[k]);
          m = pitches[k] + (pitches[k + 1] - pitches[k]) * x;
        }
        f0[i] = midiToHz(m);
      }
    }
    f = end;
  }
  return f0;
}

/** The value below which `fraction` of the values lie (nearest rank). */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.round(fraction * (sorted.length - 1))),
  );
  return sorted[index];
}
