import type { AnalysisReport } from '../analysis/index.js';
import { analyzeAudio } from '../analysis/index.js';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import {
  decodeAudioBytes,
  type EncodeFormat,
  type EncodeOptions,
  encodeAudio,
} from '../io/index.js';
import { DELIVERY_TRUE_PEAK_OVERSAMPLING, LoopSource } from './loop-source.js';
import type { NoiseShapingDesign } from './noise-shaping.js';
import { LOWEST_LIMITER_CEILING_DBTP } from './true-peak-limit.js';
import { isOnGrid, reduceWordLength } from './word-length.js';

/**
 * Aims: make one deliverable whose *decoded* file meets the destination's true-peak ceiling,
 * and say how it got there.
 *
 * Each pass: (limit, if a pre-encode ceiling is set) → word-length reduction with dither, for
 * 16/24-bit PCM not already on its grid → encode → decode the bytes back → measure (BS.1770
 * loudness, true peak at DELIVERY_TRUE_PEAK_OVERSAMPLING×). Pass 1 encodes the converted
 * master as it is when its true peak is under the ceiling, and otherwise limits it to
 * ceiling − RETRY_MARGIN_DB first (encoding it unlimited would only prove it over). If the
 * decoded true peak is above the ceiling, the encoder (or the dither, or the converter before
 * it) added δ = decoded − pre-encode true peak; the next pass limits the converted master to
 * ceiling − δ − RETRY_MARGIN_DB (and at least RETRY_MARGIN_DB under the last pass's limit) and
 * encodes again, until a pass meets the ceiling. The source's true peak and first-pass limited
 * copy are shared by every deliverable made from it (loop-source.ts).
 *
 * Why re-limit rather than turn the whole file down: a codec's overshoot comes from the
 * peaks (the encoder's quantisation noise and band-limiting ring around transients), so
 * lowering only the peaks with the true-peak limiter removes it at a fraction of the loudness
 * — what each platform normalises on — that a gain change would cost: lowering the peaks by
 * Δ dB with gain costs Δ LU, re-limiting a dense master cost about a third of that in the
 * tests (MP3: 0.26 LU for 0.77 dB). The limiter passes material under its ceiling bit for bit.
 */

/** Aim this far under the ceiling on a retry: a limited signal encodes a little differently. */
export const RETRY_MARGIN_DB = 0.1;
export const MAX_PASSES = 8;

export interface RenderSpec {
  readonly format: EncodeFormat;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitDepth?: 16 | 24 | 32;
  readonly mp3Mode?: 'cbr320' | 'v0';
  readonly vorbisQuality?: number;
  /** Applied only with a 16/24-bit PCM reduction. */
  readonly noiseShaping?: NoiseShapingDesign;
  readonly ditherSeed: number;
}

export interface PassRecord {
  readonly pass: number;
  /** The limiter's ceiling on this pass (dBTP); null when the master went in unlimited. */
  readonly preEncodeCeilingDbtp: number | null;
  /** True peak of what went into the quantiser and encoder (dBTP). */
  readonly preEncodeTruePeakDbtp: number;
  /** True peak of the decoded file (dBTP). */
  readonly deliveredTruePeakDbtp: number;
  /** Integrated loudness of the decoded file (LUFS): what limiting cost, pass by pass. */
  readonly deliveredIntegratedLufs: number;
}

export interface CompliantRender {
  /** The encoded file, before tags. */
  readonly bytes: Uint8Array;
  /** Analysis of the decoded file. */
  readonly report: AnalysisReport;
  readonly passes: readonly PassRecord[];
  readonly ceilingDbtp: number;
  /** Samples the word-length reduction had to clip (last pass). */
  readonly clippedSamples: number;
  /** Whether the last pass dithered (false when the audio was already on the target grid). */
  readonly dithered: boolean;
}

/** Whether `spec` is integer PCM that needs dither on the way to its word length. */
export function needsWordLengthReduction(
  spec: RenderSpec,
): spec is RenderSpec & { bitDepth: 16 | 24 } {
  return (spec.format === 'wav' || spec.format === 'flac') && spec.bitDepth !== 32;
}

export async function renderCompliant(
  from: AudioData | LoopSource,
  spec: RenderSpec,
  ceilingDbtp: number,
): Promise<CompliantRender> {
  const source = from instanceof LoopSource ? from : new LoopSource(from);
  if (source.sampleRate !== spec.sampleRate) {
    throw new Error(`render at ${spec.sampleRate} Hz given audio at ${source.sampleRate} Hz`);
  }
  const passes: PassRecord[] = [];
  const unlimited = source.unlimited();
  let preCeiling = firstPassCeilingDbtp(unlimited.truePeakDbtp, ceilingDbtp);
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    // The first pass's limited copy is the same for every file from this source and ceiling.
    const candidate = preCeiling === null ? unlimited : source.limitedTo(preCeiling, pass === 1);
    const { bytes, clippedSamples, dithered } = await encodePass(candidate.audio, spec);
    const decoded = await decodeAudioBytes(bytes, `(${spec.format} deliverable)`);
    const report = analyzeAudio(decoded, { truePeakOversampling: DELIVERY_TRUE_PEAK_OVERSAMPLING });
    passes.push({
      pass,
      preEncodeCeilingDbtp: preCeiling,
      preEncodeTruePeakDbtp: candidate.truePeakDbtp,
      deliveredTruePeakDbtp: report.truePeakDbtp,
      deliveredIntegratedLufs: report.integratedLufs,
    });
    if (report.truePeakDbtp <= ceilingDbtp) {
      return { bytes, report, passes, ceilingDbtp, clippedSamples, dithered };
    }
    const addedDb = report.truePeakDbtp - candidate.truePeakDbtp;
    const aim = ceilingDbtp - Math.max(0, addedDb) - RETRY_MARGIN_DB;
    // Always at least RETRY_MARGIN_DB below the pre-encode ceiling that just failed, so the
    // loop cannot oscillate and ends within (ceiling − lowest limiter ceiling) / margin passes.
    preCeiling = preCeiling === null ? aim : Math.min(aim, preCeiling - RETRY_MARGIN_DB);
    if (preCeiling < LOWEST_LIMITER_CEILING_DBTP) break;
  }
  const last = passes[passes.length - 1];
  throw new MixdownError(
    'unreachable-target',
    `The ${describeSpec(spec)} deliverable still decodes at ${last.deliveredTruePeakDbtp.toFixed(2)} dBTP after ${passes.length} passes, above the ${ceilingDbtp.toFixed(1)} dBTP ceiling; the codec adds more than the limiter can take back, so lower the master's level or choose another format.`,
  );
}

/**
 * The limiter's ceiling on pass 1: none when the source is under the ceiling, else
 * RETRY_MARGIN_DB under it (encoding a source already over could only fail), never below the
 * lowest ceiling the limiter is declared for.
 */
export function firstPassCeilingDbtp(
  sourceTruePeakDbtp: number,
  ceilingDbtp: number,
): number | null {
  if (sourceTruePeakDbtp <= ceilingDbtp) return null;
  return Math.max(ceilingDbtp - RETRY_MARGIN_DB, LOWEST_LIMITER_CEILING_DBTP);
}

async function encodePass(
  audio: AudioData,
  spec: RenderSpec,
): Promise<{ bytes: Uint8Array; clippedSamples: number; dithered: boolean }> {
  let pcm = audio;
  let clippedSamples = 0;
  let dithered = false;
  if (needsWordLengthReduction(spec) && !isOnGrid(audio, spec.bitDepth)) {
    const reduced = reduceWordLength(audio, {
      bitDepth: spec.bitDepth,
      seed: spec.ditherSeed,
      noiseShaping: spec.noiseShaping,
    });
    pcm = reduced.audio;
    clippedSamples = reduced.clippedSamples;
    dithered = true;
  }
  const bytes = await encodeAudio(pcm, encodeOptions(spec));
  return { bytes, clippedSamples, dithered };
}

export function encodeOptions(spec: RenderSpec): EncodeOptions {
  return {
    format: spec.format,
    sampleRate: spec.sampleRate,
    channels: spec.channels,
    ...(spec.bitDepth !== undefined ? { bitDepth: spec.bitDepth } : {}),
    ...(spec.mp3Mode !== undefined ? { mp3Mode: spec.mp3Mode } : {}),
    ...(spec.vorbisQuality !== undefined ? { vorbisQuality: spec.vorbisQuality } : {}),
  };
}

/** "MP3 320 kbit/s, 44.1 kHz", "FLAC 24-bit, 48 kHz", … */
export function describeSpec(spec: RenderSpec): string {
  const rate = `${spec.sampleRate % 1000 === 0 ? spec.sampleRate / 1000 : (spec.sampleRate / 1000).toFixed(1)} kHz`;
  switch (spec.format) {
    case 'mp3':
      return `MP3 ${spec.mp3Mode === 'v0' ? 'V0' : '320 kbit/s'}, ${rate}`;
    case 'ogg-vorbis':
      return `Ogg Vorbis q${spec.vorbisQuality ?? 6}, ${rate}`;
    case 'flac':
      return `FLAC ${spec.bitDepth ?? 24}-bit, ${rate}`;
    case 'wav':
      return `WAV ${spec.bitDepth === 32 ? '32-bit float' : `${spec.bitDepth ?? 24}-bit`}, ${rate}`;
  }
}
