/**
 * A noise profile learned from a region the user chose, and the check that the region holds
 * only noise. Background noise is steady and sits at the clip's noise floor; programme
 * (music, voice) stands far above that floor in the bins it occupies and rises and falls
 * with notes and syllables. A region failing either test would teach the denoiser to remove
 * the programme, so it is refused.
 *
 * Both tests read the region against the clip's automatic floor estimate N(k), bin by bin:
 * the mean a-posteriori SNR γ = mean_k P(k)/N(k) ("whitened" level). For noise γ ≈ 1 whatever
 * its colour, and the level of 40 ms slices hardly moves (thousands of bins average out),
 * whereas the plain broadband level of pink noise is carried by a few low bins and wanders
 * by more than a decibel.
 */
import type { Stft } from './stft.js';
import { binPowers, STFT_OVERLAP } from './stft.js';

/** A region whose whitened level is more than this above the clip's floor holds programme. */
export const REGION_MAX_EXCESS_DB = 6;
/**
 * A region whose slices' whitened levels (4 frames each, ≈ 43 ms at 48 kHz) have a standard
 * deviation above this holds programme.
 */
export const REGION_MAX_SPREAD_DB = 1.5;
/** Fewest whole frames a region must hold for a profile (≈ 0.12 s at 48 kHz). */
export const REGION_MIN_FRAMES = 8;
/** Floors this far below the loudest bin's floor are raised to it (empty bins, e.g. above
 * a codec's low-pass, must not dominate the mean). */
const FLOOR_RANGE = 1e-10;

export interface RegionSamples {
  readonly startSample: number;
  readonly endSample: number;
}

export interface RegionMeasurement {
  /** Mean power per bin over the frames wholly inside the region. */
  readonly profile: Float64Array;
  readonly frameCount: number;
  /** Whitened level of the region above the floor, dB. */
  readonly excessDb: number;
  /** Standard deviation of the slices' whitened levels, dB. */
  readonly spreadDb: number;
}

/** Re-analyses the frames wholly inside the region and measures them against `floor`. */
export function measureRegion(
  stft: Stft,
  x: Float32Array,
  region: RegionSamples,
  floor: Float64Array,
): RegionMeasurement {
  const bins = stft.binCount;
  let maxFloor = 0;
  for (let k = 0; k < bins; k++) maxFloor = Math.max(maxFloor, floor[k]);
  const inverseFloor = floor.map((f) => 1 / Math.max(f, maxFloor * FLOOR_RANGE, 1e-300));
  const spectrum = stft.createSpectrum();
  const powers = new Float64Array(bins);
  const sum = new Float64Array(bins);
  const frameLevels: number[] = [];
  const count = stft.frameCount(x.length);
  for (let j = 0; j < count; j++) {
    const start = stft.frameStart(j);
    if (start < region.startSample || start + stft.fftSize > region.endSample) continue;
    stft.analyze(x, j, spectrum);
    binPowers(spectrum, powers);
    let level = 0;
    for (let k = 0; k < bins; k++) {
      sum[k] += powers[k];
      level += powers[k] * inverseFloor[k];
    }
    frameLevels.push(level / bins);
  }
  const frames = Math.max(1, frameLevels.length);
  const mean = frameLevels.reduce((a, b) => a + b, 0) / frames;
  const slices: number[] = [];
  for (let f = 0; f + STFT_OVERLAP <= frameLevels.length; f += STFT_OVERLAP) {
    let level = 0;
    for (let i = 0; i < STFT_OVERLAP; i++) level += frameLevels[f + i];
    slices.push(10 * Math.log10(Math.max(level / STFT_OVERLAP, 1e-300)));
  }
  const sliceMean = slices.reduce((a, b) => a + b, 0) / Math.max(1, slices.length);
  const variance =
    slices.reduce((a, b) => a + (b - sliceMean) ** 2, 0) / Math.max(1, slices.length);
  return {
    profile: sum.map((s) => s / frames),
    frameCount: frameLevels.length,
    excessDb: 10 * Math.log10(Math.max(mean, 1e-300)),
    spreadDb: Math.sqrt(variance),
  };
}

/** Whether a measured region holds programme rather than noise. */
export function regionHoldsProgramme(m: RegionMeasurement): boolean {
  return m.excessDb > REGION_MAX_EXCESS_DB || m.spreadDb > REGION_MAX_SPREAD_DB;
}
