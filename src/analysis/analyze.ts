import type { AudioData } from '../core/audio.js';
import { frameCount } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { gainToDb, powerToDb } from '../core/units.js';
import type { AudioReader } from '../io/types.js';
import { CorrelationMeter } from './correlation.js';
import { MIN_K_WEIGHTING_SAMPLE_RATE_HZ } from './k-weighting.js';
import { LoudnessMeter, type LoudnessResult } from './loudness-meter.js';
import { SignalStatsMeter, type SignalStatsResult } from './signal-stats.js';
import { TruePeakMeter, type TruePeakResult } from './true-peak.js';
import type { AnalysisReport, ChannelStats } from './types.js';

/**
 * One pass over the audio feeds every meter — loudness (BS.1770-4 / R128), true peak, and the
 * sample statistics — and assembles an `AnalysisReport`.
 *
 * Zero frames is not an error: the report is well defined (levels -Infinity, LRA 0, DC 0,
 * correlation null, durations 0). Zero channels is ('no-audio'). Nothing in a report is NaN;
 * values with no meaning for silence are -Infinity (null in JSON).
 */

export interface AnalyzeOptions {
  /** Record momentary and short-term loudness over time; `true` = every 100 ms. */
  readonly series?: boolean | { readonly hopSeconds: number };
  /** True-peak oversampling factor; default 4× below 96 kHz, 2× below 192 kHz, else 1×. */
  readonly truePeakOversampling?: number;
  /** WAVE_FORMAT_EXTENSIBLE channel mask for BS.1770 channel weights (surrounds, LFE). */
  readonly channelMask?: number;
  /** Called after every chunk with the frames analysed so far. */
  readonly onProgress?: (framesDone: number, totalFrames: number) => void;
  /** Frames per chunk read from a reader or handed to the meters; default 65536. */
  readonly chunkFrames?: number;
}

export interface AnalyzerSpec {
  readonly sampleRate: number;
  readonly channels: number;
}

export const DEFAULT_CHUNK_FRAMES = 65536;
export const DEFAULT_SERIES_HOP_SECONDS = 0.1;

/** Streaming analyser: `push` planar chunks, then `report()`. */
export class Analyzer {
  readonly sampleRate: number;
  readonly channelCount: number;
  private readonly loudness: LoudnessMeter;
  private readonly truePeak: TruePeakMeter;
  private readonly stats: SignalStatsMeter;
  private readonly correlation: CorrelationMeter | undefined;

  constructor(spec: AnalyzerSpec, options: AnalyzeOptions = {}) {
    validateSpec(spec);
    this.sampleRate = spec.sampleRate;
    this.channelCount = spec.channels;
    this.loudness = new LoudnessMeter({
      sampleRate: spec.sampleRate,
      channels: spec.channels,
      channelMask: options.channelMask,
      seriesHopSeconds: seriesHop(options.series),
    });
    this.truePeak = new TruePeakMeter({
      sampleRate: spec.sampleRate,
      channels: spec.channels,
      oversampling: options.truePeakOversampling,
    });
    this.stats = new SignalStatsMeter(spec.channels);
    this.correlation = spec.channels >= 2 ? new CorrelationMeter() : undefined;
  }

  push(channels: readonly Float32Array[], frames: number): void {
    if (channels.length !== this.channelCount) {
      throw new MixdownError(
        'invalid-argument',
        `The analyser was set up for ${this.channelCount} channels but got ${channels.length}.`,
      );
    }
    if (!Number.isInteger(frames) || frames < 0 || channels.some((c) => c.length < frames)) {
      throw new MixdownError(
        'invalid-argument',
        `Cannot analyse ${frames} frames from channel arrays of ${channels.map((c) => c.length).join(', ')} samples.`,
      );
    }
    if (frames === 0) return;
    this.loudness.push(channels, frames);
    this.truePeak.push(channels, frames);
    this.stats.push(channels, frames);
    this.correlation?.push(channels[0], channels[1], frames);
  }

  report(): AnalysisReport {
    const stats = this.stats.result();
    rejectInvalidSamples(stats);
    return assembleReport(
      this.sampleRate,
      stats,
      this.loudness.result(),
      this.truePeak.result(),
      this.correlation?.result() ?? null,
    );
  }
}

/** Analyse audio held in memory (fed to the meters in chunks, like a stream). */
export function analyzeAudio(audio: AudioData, options: AnalyzeOptions = {}): AnalysisReport {
  const analyzer = new Analyzer(
    { sampleRate: audio.sampleRate, channels: audio.channels.length },
    options,
  );
  const frames = frameCount(audio);
  if (audio.channels.some((channel) => channel.length !== frames)) {
    throw new MixdownError(
      'invalid-argument',
      `The audio's channels differ in length (${audio.channels.map((c) => c.length).join(', ')} samples); every channel must have the same number of frames.`,
    );
  }
  const chunk = chunkFrames(options);
  for (let start = 0; start < frames; start += chunk) {
    const end = Math.min(frames, start + chunk);
    analyzer.push(
      audio.channels.map((channel) => channel.subarray(start, end)),
      end - start,
    );
    options.onProgress?.(end, frames);
  }
  return analyzer.report();
}

/**
 * Analyse everything a reader delivers, in chunks read into reused buffers (memory does not
 * grow with the file). The caller keeps ownership of the reader and closes it.
 */
export async function analyzeReader(
  reader: AudioReader,
  options: AnalyzeOptions = {},
): Promise<AnalysisReport> {
  const { sampleRate, channels, frames: totalFrames, channelMask } = reader.info;
  const analyzer = new Analyzer(
    { sampleRate, channels },
    { ...options, channelMask: options.channelMask ?? channelMask },
  );
  const chunk = chunkFrames(options);
  const buffers: Float32Array[] = [];
  for (let c = 0; c < channels; c++) buffers.push(new Float32Array(chunk));
  let framesDone = 0;
  for (;;) {
    const read = await reader.readInto(buffers, chunk);
    if (read === 0) break;
    analyzer.push(buffers, read);
    framesDone += read;
    options.onProgress?.(framesDone, Math.max(totalFrames, framesDone));
  }
  return analyzer.report();
}

function assembleReport(
  sampleRate: number,
  stats: SignalStatsResult,
  loudness: LoudnessResult,
  truePeak: TruePeakResult,
  stereoCorrelation: number | null,
): AnalysisReport {
  const frames = stats.frames;
  const perChannel: ChannelStats[] = stats.channels.map((channel, c) => ({
    samplePeakDbfs: gainToDb(channel.peak),
    truePeakDbtp: gainToDb(truePeak.truePeaks[c]),
    rmsDbfs: powerToDb(frames > 0 ? channel.sumOfSquares / frames : 0),
    dcOffset: frames > 0 ? channel.sum / frames : 0,
    clippedSamples: channel.clippedSamples,
  }));

  let samplePeak = 0;
  let meanSquareTotal = 0;
  let clippedSamples = 0;
  for (const channel of stats.channels) {
    samplePeak = Math.max(samplePeak, channel.peak);
    meanSquareTotal += frames > 0 ? channel.sumOfSquares / frames : 0;
    clippedSamples += channel.clippedSamples;
  }
  const truePeakDbtp = gainToDb(Math.max(0, ...truePeak.truePeaks));
  const samplePeakDbfs = gainToDb(samplePeak);
  const rmsDbfs = powerToDb(meanSquareTotal / stats.channels.length);
  const { integratedLufs } = loudness;
  const silence = silenceSeconds(stats, sampleRate);

  return {
    sampleRate,
    channels: stats.channels.length,
    frames,
    durationSeconds: frames / sampleRate,
    integratedLufs,
    loudnessRangeLu: loudness.loudnessRangeLu,
    maxMomentaryLufs: loudness.maxMomentaryLufs,
    maxShortTermLufs: loudness.maxShortTermLufs,
    samplePeakDbfs,
    truePeakDbtp,
    truePeakOversampling: truePeak.oversampling,
    rmsDbfs,
    // Differences of two levels are defined only when the level subtracted is finite.
    plrDb: Number.isFinite(integratedLufs)
      ? truePeakDbtp - integratedLufs
      : Number.NEGATIVE_INFINITY,
    crestFactorDb: Number.isFinite(rmsDbfs) ? samplePeakDbfs - rmsDbfs : Number.NEGATIVE_INFINITY,
    stereoCorrelation,
    clippedSamples,
    leadingSilenceSeconds: silence.leading,
    trailingSilenceSeconds: silence.trailing,
    perChannel,
    ...(loudness.series ? { series: loudness.series } : {}),
  };
}

function silenceSeconds(
  stats: SignalStatsResult,
  sampleRate: number,
): { leading: number; trailing: number } {
  if (stats.firstAudibleFrame < 0) {
    const all = stats.frames / sampleRate;
    return { leading: all, trailing: all };
  }
  return {
    leading: stats.firstAudibleFrame / sampleRate,
    trailing: (stats.frames - 1 - stats.lastAudibleFrame) / sampleRate,
  };
}

/** NaN or infinite samples would poison every figure; they show up in the sum of squares. */
function rejectInvalidSamples(stats: SignalStatsResult): void {
  stats.channels.forEach((channel, c) => {
    if (!Number.isFinite(channel.sumOfSquares)) {
      throw new MixdownError(
        'invalid-samples',
        `Channel ${c + 1} contains NaN or infinite samples, so it cannot be measured; check the decoder or the processing that produced it.`,
      );
    }
  });
}

function validateSpec(spec: AnalyzerSpec): void {
  if (!Number.isInteger(spec.channels) || spec.channels < 1) {
    throw new MixdownError('no-audio', 'There is no audio to analyse: the input has no channels.');
  }
  if (!Number.isFinite(spec.sampleRate) || spec.sampleRate < MIN_K_WEIGHTING_SAMPLE_RATE_HZ) {
    throw new MixdownError(
      'invalid-argument',
      `Loudness can be measured at ${MIN_K_WEIGHTING_SAMPLE_RATE_HZ} Hz and above; the audio's sample rate is ${spec.sampleRate}.`,
    );
  }
}

function seriesHop(series: AnalyzeOptions['series']): number | undefined {
  if (series === undefined || series === false) return undefined;
  if (series === true) return DEFAULT_SERIES_HOP_SECONDS;
  return series.hopSeconds;
}

function chunkFrames(options: AnalyzeOptions): number {
  const chunk = options.chunkFrames ?? DEFAULT_CHUNK_FRAMES;
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new MixdownError(
      'invalid-argument',
      `The analysis chunk size must be a positive whole number of frames, got ${chunk}.`,
    );
  }
  return chunk;
}
