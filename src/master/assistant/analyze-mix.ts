import { Analyzer } from '../../analysis/index.js';
import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { nextPowerOfTwo, RealFft } from '../../core/fft.js';
import { periodicHann } from '../../report/welch.js';
import type { Programme } from '../programme.js';
import { type SpectralProfile, SpectralProfiler } from '../reference/index.js';
import { readBlocks } from '../reference/programme-blocks.js';

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
  const analyzer = new MixAnalyzer(audio.sampleRate, audio.channels.length);
  analyzer.push(audio.channels, frameCount(audio));
  return analyzer.result();
}

/** The same analysis of a mastering programme, read once in blocks (memory stays flat). */
export async function analyzeProgramme(programme: Programme): Promise<MixAnalysis> {
  const analyzer = new MixAnalyzer(programme.sampleRate, programme.channels);
  await readBlocks(programme, (channels, frames) => analyzer.push(channels, frames));
  return analyzer.result();
}

/** Streaming form: `push` blocks of any size (they may be reused afterwards), then `result`. */
export class MixAnalyzer {
  private readonly analyzer: Analyzer;
  private readonly profiler: SpectralProfiler;
  private readonly sibilance: SibilanceMeter;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    if (channels < 1 || channels > 2) {
      throw new MixdownError(
        'unsupported-format',
        `The mastering assistant works on mono or stereo mixes; this one has ${channels} channels.`,
      );
    }
    this.analyzer = new Analyzer({ sampleRate, channels });
    this.profiler = new SpectralProfiler(sampleRate, channels);
    this.sibilance = new SibilanceMeter(sampleRate, channels);
  }

  push(channels: readonly Float32Array[], frames: number): void {
    this.analyzer.push(channels, frames);
    this.profiler.push(channels, frames);
    this.sibilance.push(channels, frames);
  }

  result(): MixAnalysis {
    const report = this.analyzer.report();
    if (!Number.isFinite(report.integratedLufs)) {
      throw new MixdownError(
        'no-audio',
        'The mix is silent (below the −70 LUFS gate); there is nothing to master.',
      );
    }
    const profile = this.profiler.result();
    return {
      sampleRate: this.sampleRate,
      channels: this.channels,
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
        this.channels === 2
          ? {
              correlation: report.stereoCorrelation,
              sideToMidDb: profile.sideToMidDb,
              lowSideToMidDb: lowSideToMid(profile),
            }
          : null,
      sibilance: this.sibilance.result(),
    };
  }
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

/**
 * Per ≈20 ms frame (a power of two, Hann, hop of half a frame), the 5–10 kHz and 0.5–4 kHz
 * band powers and the frame's total, summed over channels; frames are kept as three numbers
 * each (a few hundred kB for an hour), the audio itself only one frame deep.
 */
class SibilanceMeter {
  private readonly size: number;
  private readonly hop: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly scale: number;
  private readonly buffers: Float64Array[];
  private readonly frame: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly band: [number, number];
  private readonly body: [number, number];
  private filled = 0;
  private readonly totals: number[] = [];
  private readonly bodies: number[] = [];
  private readonly bands: number[] = [];

  constructor(sampleRate: number, channels: number) {
    this.size = nextPowerOfTwo(Math.round(0.02 * sampleRate));
    this.hop = this.size / 2;
    this.fft = new RealFft(this.size);
    this.window = periodicHann(this.size);
    let windowPower = 0;
    for (const w of this.window) windowPower += w * w;
    // Parseval with the window: one-sided bin powers → mean square (per channel).
    this.scale = 2 / (this.size * windowPower * channels);
    this.buffers = Array.from({ length: channels }, () => new Float64Array(this.size));
    this.frame = new Float64Array(this.size);
    this.spectrum = this.fft.createSpectrum();
    const bin = (hz: number) => Math.min(this.size / 2, Math.round((hz * this.size) / sampleRate));
    this.band = [bin(SIBILANCE_BAND_HZ[0]), bin(SIBILANCE_BAND_HZ[1])];
    this.body = [bin(BODY_BAND_HZ[0]), bin(BODY_BAND_HZ[1])];
  }

  push(channels: readonly Float32Array[], frames: number): void {
    let offset = 0;
    while (offset < frames) {
      const take = Math.min(this.size - this.filled, frames - offset);
      for (let c = 0; c < this.buffers.length; c++) {
        const buffer = this.buffers[c];
        const source = channels[c];
        for (let i = 0; i < take; i++) buffer[this.filled + i] = source[offset + i];
      }
      this.filled += take;
      offset += take;
      if (this.filled === this.size) {
        this.analyseFrame();
        for (const buffer of this.buffers) buffer.copyWithin(0, this.hop);
        this.filled = this.size - this.hop;
      }
    }
  }

  private analyseFrame(): void {
    let total = 0;
    let body = 0;
    let band = 0;
    for (const buffer of this.buffers) {
      for (let i = 0; i < this.size; i++) this.frame[i] = buffer[i] * this.window[i];
      this.fft.forward(this.frame, this.spectrum);
      for (let k = 1; k <= this.size / 2; k++) {
        const p = this.spectrum[2 * k] ** 2 + this.spectrum[2 * k + 1] ** 2;
        total += p;
        if (k >= this.band[0] && k <= this.band[1]) band += p;
        if (k >= this.body[0] && k <= this.body[1]) body += p;
      }
    }
    this.totals.push(total * this.scale);
    this.bodies.push(body * this.scale);
    this.bands.push(band * this.scale);
  }

  result(): MixAnalysis['sibilance'] {
    const none = {
      excessDb: 0,
      bandMedianDbfs: Number.NEGATIVE_INFINITY,
      bandPeakDbfs: Number.NEGATIVE_INFINITY,
    };
    if (this.totals.length === 0) return none;
    const loud = percentile(this.totals, 0.95);
    const ratios: number[] = [];
    const levels: number[] = [];
    this.totals.forEach((t, i) => {
      if (!(t > 0) || t < loud * 10 ** (-PROGRAMME_RANGE_DB / 10)) return;
      if (!(this.bands[i] > 0 && this.bodies[i] > 0)) return;
      ratios.push(10 * Math.log10(this.bands[i] / this.bodies[i]));
      levels.push(10 * Math.log10(this.bands[i]));
    });
    if (ratios.length === 0) return none;
    return {
      excessDb: percentile(ratios, 0.98) - percentile(ratios, 0.5),
      bandMedianDbfs: percentile(levels, 0.5),
      bandPeakDbfs: percentile(levels, 0.98),
    };
  }
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
