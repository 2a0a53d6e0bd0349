import { analyzeAudio } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { nextPowerOfTwo, RealFft } from '../../core/fft.js';
import { periodicHann } from '../../report/welch.js';
import { profileAudio, type SpectralProfile } from '../reference/index.js';

/**
 * Everything the mastering assistant looks at, measured in one place so that
 * `assistMastering` can be a pure function of it:
 *
 * - the spectral profile (mid and side long-term spectra, 1/3-octave bands on a 1/6-octave
 *   grid; src/master/reference/spectral-profile.ts);
 * - dynamics from the analyser: integrated loudness, LRA, true peak, PLR, crest factor;
 * - stereo: correlation, broadband side/mid ratio, and side/mid below LOW_SIDE_MAX_HZ (a
 *   wide low end cancels on mono systems and troubles vinyl cutting and club rigs);
 * - sibilance: short-time (≈ 20 ms) level of the 5–10 kHz band relative to the 0.5–4 kHz
 *   band (the body of a voice and most instruments; a wide, many-bin band, so the ratio is
 *   steady on steady material), over the frames that carry programme; `excessDb` is its
 *   98th percentile minus its median. Short bursts of "s" energy that stick out of the
 *   balance read about as many dB as they stick out.
 */

export interface MixAnalysis {
  readonly sampleRate: number;
  readonly channels: number;
  readonly durationSeconds: number;
  readonly profile: SpectralProfile;
  readonly dynamics: {
    readonly integratedLufs: number;
    readonly loudnessRangeLu: number;
    readonly truePeakDbtp: number;
    readonly samplePeakDbfs: number;
    /** True peak minus integrated loudness (dB). */
    readonly plrDb: number;
    /** Sample peak minus RMS (dB). */
    readonly crestFactorDb: number;
  };
  /** Null for mono. */
  readonly stereo: {
    readonly correlation: number | null;
    readonly sideToMidDb: number;
    /** Side/mid energy ratio of the bands up to LOW_SIDE_MAX_HZ (dB). */
    readonly lowSideToMidDb: number;
  } | null;
  readonly sibilance: {
    /** 98th percentile minus median of each frame's 5–10 kHz to 0.5–4 kHz ratio (dB). */
    readonly excessDb: number;
    /** Median RMS level of the 5–10 kHz band over programme frames (dBFS). */
    readonly bandMedianDbfs: number;
    /** 98th percentile of that level (dBFS). */
    readonly bandPeakDbfs: number;
  };
}

export const LOW_SIDE_MAX_HZ = 150;
export const SIBILANCE_BAND_HZ = [5000, 10_000] as const;
export const BODY_BAND_HZ = [500, 4000] as const;
/** Frames this far below the loudest 5 % are pauses, not programme. */
const PROGRAMME_RANGE_DB = 30;

export function analyzeMix(audio: AudioData): MixAnalysis {
  const channels = audio.channels.length;
  if (channels < 1 || channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `The mastering assistant works on mono or stereo mixes; this one has ${channels} channels.`,
    );
  }
  const report = analyzeAudio(audio);
  if (!Number.isFinite(report.integratedLufs)) {
    throw new MixdownError(
      'no-audio',
      'The mix is silent (below the −70 LUFS gate); there is nothing to master.',
    );
  }
  const profile = profileAudio(audio);
  return {
    sampleRate: audio.sampleRate,
    channels,
    durationSeconds: report.durationSeconds,
    profile,
    dynamics: {
      integratedLufs: report.integratedLufs,
      loudnessRangeLu: report.loudnessRangeLu,
      truePeakDbtp: report.truePeakDbtp,
      samplePeakDbfs: report.samplePeakDbfs,
      plrDb: report.plrDb,
      crestFactorDb: report.crestFactorDb,
    },
    stereo:
      channels === 2
        ? {
            correlation: report.stereoCorrelation,
            sideToMidDb: profile.sideToMidDb,
            lowSideToMidDb: lowSideToMid(profile),
          }
        : null,
    sibilance: sibilance(audio),
  };
}

function lowSideToMid(profile: SpectralProfile): number {
  let mid = 0;
  let side = 0;
  profile.frequenciesHz.forEach((hz, k) => {
    if (hz > LOW_SIDE_MAX_HZ) return;
    mid += 10 ** (profile.midDb[k] / 10);
    side += 10 ** ((profile.sideDb?.[k] ?? Number.NEGATIVE_INFINITY) / 10);
  });
  if (side === 0) return Number.NEGATIVE_INFINITY;
  return mid === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10(side / mid);
}

function sibilance(audio: AudioData): MixAnalysis['sibilance'] {
  const fs = audio.sampleRate;
  const size = nextPowerOfTwo(Math.round(0.02 * fs));
  const hop = size / 2;
  const fft = new RealFft(size);
  const window = periodicHann(size);
  let windowPower = 0;
  for (const w of window) windowPower += w * w;
  const frame = new Float64Array(size);
  const spectrum = fft.createSpectrum();
  const bin = (hz: number) => Math.min(size / 2, Math.round((hz * size) / fs));
  const [lo, hi] = SIBILANCE_BAND_HZ.map(bin);
  const [bodyLo, bodyHi] = BODY_BAND_HZ.map(bin);
  const frames = frameCount(audio);
  const totals: number[] = [];
  const bodies: number[] = [];
  const bands: number[] = [];
  for (let start = 0; start + size <= frames; start += hop) {
    let total = 0;
    let body = 0;
    let band = 0;
    for (const channel of audio.channels) {
      for (let i = 0; i < size; i++) frame[i] = channel[start + i] * window[i];
      fft.forward(frame, spectrum);
      for (let k = 1; k <= size / 2; k++) {
        const p = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
        total += p;
        if (k >= lo && k <= hi) band += p;
        if (k >= bodyLo && k <= bodyHi) body += p;
      }
    }
    // Parseval with the window: one-sided bin powers → mean square of the band (per channel).
    const scale = 2 / (size * windowPower * audio.channels.length);
    totals.push(total * scale);
    bodies.push(body * scale);
    bands.push(band * scale);
  }
  const none = {
    excessDb: 0,
    bandMedianDbfs: Number.NEGATIVE_INFINITY,
    bandPeakDbfs: Number.NEGATIVE_INFINITY,
  };
  if (totals.length === 0) return none;
  const loud = percentile(totals, 0.95);
  const ratios: number[] = [];
  const levels: number[] = [];
  totals.forEach((t, i) => {
    if (!(t > 0) || t < loud * 10 ** (-PROGRAMME_RANGE_DB / 10)) return;
    if (!(bands[i] > 0 && bodies[i] > 0)) return;
    ratios.push(10 * Math.log10(bands[i] / bodies[i]));
    levels.push(10 * Math.log10(bands[i]));
  });
  if (ratios.length === 0) return none;
  return {
    excessDb: percentile(ratios, 0.98) - percentile(ratios, 0.5),
    bandMedianDbfs: percentile(levels, 0.5),
    bandPeakDbfs: percentile(levels, 0.98),
  };
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
