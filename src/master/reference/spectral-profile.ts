import { LoudnessMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { longTermSpectrum } from '../../report/index.js';
import { type MidSide, midSide, sideToMidDb } from './mid-side.js';

/**
 * What reference matching and the mastering assistant know about a piece of audio: the
 * long-term spectra of its mid and side on a log-frequency grid, its integrated loudness and
 * its width. A profile is in Hz and LUFS, not in samples, so a reference at any sample rate
 * is profiled at its own rate and compared with a mix at another; `upperHz` says how high
 * its spectrum can be trusted.
 *
 * Spectra are the report's Welch long-term spectrum (src/report/long-term-spectrum.ts):
 * power in a band of `smoothingOctaves` (default 1/3 octave, the resolution of a mastering
 * analyser: finer detail is the song, not its balance) around each point of a grid of
 * `pointsPerOctave` (default 6) from 20 Hz to 20 kHz.
 */

export interface SpectralProfile {
  readonly sampleRate: number;
  readonly channels: number;
  readonly durationSeconds: number;
  /** Grid frequencies (Hz), equal ratios apart. */
  readonly frequenciesHz: Float64Array;
  /** Mid band powers (dBFS); −Infinity where the band is silent or above Nyquist. */
  readonly midDb: Float64Array;
  /** Side band powers (dBFS); null for mono. */
  readonly sideDb: Float64Array | null;
  /** BS.1770 integrated loudness (LUFS); −Infinity below the gate. */
  readonly integratedLufs: number;
  /** Broadband side-to-mid energy ratio (dB); −Infinity for mono. */
  readonly sideToMidDb: number;
  /**
   * Highest frequency the spectrum speaks for: 0.45·fs (a converter's anti-alias filter
   * starts to roll off above it) and at most 20 kHz.
   */
  readonly upperHz: number;
  readonly smoothingOctaves: number;
}

export interface ProfileOptions {
  readonly smoothingOctaves?: number;
  readonly pointsPerOctave?: number;
}

export const PROFILE_MIN_HZ = 20;
export const PROFILE_MAX_HZ = 20_000;
export const DEFAULT_SMOOTHING_OCTAVES = 1 / 3;
export const DEFAULT_POINTS_PER_OCTAVE = 6;
/** Fraction of the sample rate up to which a spectrum is trusted (0.9 of Nyquist). */
export const TRUSTED_BANDWIDTH = 0.45;

export function profileAudio(audio: AudioData, options: ProfileOptions = {}): SpectralProfile {
  const channels = audio.channels.length;
  if (channels < 1 || channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `Reference matching works on mono or stereo audio; this has ${channels} channels — fold it down to stereo first.`,
    );
  }
  const ms = midSide(audio);
  return profileMidSide(ms, channels, loudnessOf(audio), frameCount(audio), options);
}

function loudnessOf(audio: AudioData): number {
  const meter = new LoudnessMeter({
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
  });
  meter.push(audio.channels, frameCount(audio));
  return meter.result().integratedLufs;
}

function profileMidSide(
  ms: MidSide,
  channels: number,
  integratedLufs: number,
  frames: number,
  options: ProfileOptions,
): SpectralProfile {
  const smoothingOctaves = options.smoothingOctaves ?? DEFAULT_SMOOTHING_OCTAVES;
  const grid = {
    minHz: PROFILE_MIN_HZ,
    maxHz: PROFILE_MAX_HZ,
    pointsPerOctave: options.pointsPerOctave ?? DEFAULT_POINTS_PER_OCTAVE,
    smoothingOctaves,
  };
  const spectrumOf = (x: Float32Array) =>
    longTermSpectrum({ sampleRate: ms.sampleRate, channels: [x] }, grid);
  const mid = spectrumOf(ms.mid);
  const side = ms.side ? spectrumOf(ms.side).levelsDb : null;
  return {
    sampleRate: ms.sampleRate,
    channels,
    durationSeconds: frames / ms.sampleRate,
    frequenciesHz: mid.frequenciesHz,
    midDb: mid.levelsDb,
    sideDb: side,
    integratedLufs,
    sideToMidDb: sideToMidDb(ms),
    upperHz: Math.min(PROFILE_MAX_HZ, TRUSTED_BANDWIDTH * ms.sampleRate),
    smoothingOctaves,
  };
}

/** Mid plus side band power (dB): the spectrum of (L² + R²)/2, what a stereo-linked EQ sees. */
export function totalDb(profile: SpectralProfile): Float64Array {
  const out = new Float64Array(profile.midDb.length);
  for (let i = 0; i < out.length; i++) {
    const side = profile.sideDb ? 10 ** (profile.sideDb[i] / 10) : 0;
    const power = 10 ** (profile.midDb[i] / 10) + side;
    out[i] = power > 0 ? 10 * Math.log10(power) : Number.NEGATIVE_INFINITY;
  }
  return out;
}
