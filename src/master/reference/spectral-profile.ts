import { LoudnessMeter } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { bandLevelsOnLogGrid, WelchAccumulator } from '../../report/index.js';
import type { Programme } from '../programme.js';
import { readBlocks } from './programme-blocks.js';

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
  const profiler = new SpectralProfiler(audio.sampleRate, audio.channels.length, options);
  profiler.push(audio.channels, frameCount(audio));
  return profiler.result();
}

/** The profile of a mastering programme (a mix or a reference streamed from disk). */
export async function profileProgramme(
  programme: Programme,
  options: ProfileOptions = {},
): Promise<SpectralProfile> {
  const profiler = new SpectralProfiler(programme.sampleRate, programme.channels, options);
  await readBlocks(programme, (channels, frames) => profiler.push(channels, frames));
  return profiler.result();
}

/**
 * The same profile from audio pushed in blocks of any size (a file streamed from disk, a
 * mastering programme): memory does not grow with the length. Blocks may be reused by the
 * caller after `push` returns.
 */
export class SpectralProfiler {
  private readonly mid: WelchAccumulator;
  private readonly side: WelchAccumulator | undefined;
  private readonly loudness: LoudnessMeter;
  private midBuffer = new Float32Array(0);
  private sideBuffer = new Float32Array(0);
  private midEnergy = 0;
  private sideEnergy = 0;
  private frames = 0;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
    private readonly options: ProfileOptions = {},
  ) {
    if (channels < 1 || channels > 2) {
      throw new MixdownError(
        'unsupported-format',
        `Reference matching works on mono or stereo audio; this has ${channels} channels — fold it down to stereo first.`,
      );
    }
    this.mid = new WelchAccumulator(sampleRate, 1);
    this.side = channels === 2 ? new WelchAccumulator(sampleRate, 1) : undefined;
    this.loudness = new LoudnessMeter({ sampleRate, channels });
  }

  push(channels: readonly Float32Array[], frames: number): void {
    if (frames === 0) return;
    this.loudness.push(channels, frames);
    this.frames += frames;
    if (!this.side) {
      this.mid.push([channels[0]], frames);
      return;
    }
    if (this.midBuffer.length < frames) {
      this.midBuffer = new Float32Array(frames);
      this.sideBuffer = new Float32Array(frames);
    }
    const [left, right] = channels;
    const m = this.midBuffer;
    const s = this.sideBuffer;
    for (let i = 0; i < frames; i++) {
      m[i] = (left[i] + right[i]) * 0.5;
      s[i] = (left[i] - right[i]) * 0.5;
      this.midEnergy += m[i] * m[i];
      this.sideEnergy += s[i] * s[i];
    }
    this.mid.push([m], frames);
    this.side.push([s], frames);
  }

  result(): SpectralProfile {
    const smoothingOctaves = this.options.smoothingOctaves ?? DEFAULT_SMOOTHING_OCTAVES;
    const grid = {
      minHz: PROFILE_MIN_HZ,
      maxHz: PROFILE_MAX_HZ,
      pointsPerOctave: this.options.pointsPerOctave ?? DEFAULT_POINTS_PER_OCTAVE,
      smoothingOctaves,
    };
    const mid = bandLevelsOnLogGrid(this.mid.result(), grid);
    const side = this.side ? bandLevelsOnLogGrid(this.side.result(), grid).levelsDb : null;
    return {
      sampleRate: this.sampleRate,
      channels: this.channels,
      durationSeconds: this.frames / this.sampleRate,
      frequenciesHz: mid.frequenciesHz,
      midDb: mid.levelsDb,
      sideDb: side,
      integratedLufs: this.loudness.result().integratedLufs,
      sideToMidDb: this.side ? ratioDb(this.sideEnergy, this.midEnergy) : Number.NEGATIVE_INFINITY,
      upperHz: Math.min(PROFILE_MAX_HZ, TRUSTED_BANDWIDTH * this.sampleRate),
      smoothingOctaves,
    };
  }
}

/** 10·log10(side/mid) with the edge cases of sideToMidDb (mid-side.ts). */
function ratioDb(side: number, mid: number): number {
  if (side === 0) return Number.NEGATIVE_INFINITY;
  if (mid === 0) return Number.POSITIVE_INFINITY;
  return 10 * Math.log10(side / mid);
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
