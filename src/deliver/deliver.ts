import { readFile, rmdir, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { type AnalysisReport, analyzeAudio } from '../analysis/index.js';
import type { AudioData } from '../core/audio.js';
import { type Diagnostic, diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import { type DecodedAudio, readAudio, writeFileAtomic } from '../io/index.js';
import type { PlatformTarget } from '../master/platforms.js';
import { describeSpec, needsWordLengthReduction, type RenderSpec } from './compliance-loop.js';
import {
  type DeliverableSet,
  type DeliverableSpec,
  deliverableSetFor,
} from './deliverable-sets.js';
import { DEFAULT_FORMATS_CEILING_DBTP, FORMATS_DESTINATION, formatsSet } from './format-choices.js';
import { DELIVERY_TRUE_PEAK_OVERSAMPLING, LoopSource } from './loop-source.js';
import {
  type CodecSettings,
  type ComplianceRecord,
  type DeliveryManifest,
  MANIFEST_FILE_NAME,
  MANIFEST_VERSION,
  type ManifestFile,
  type ManifestPlatform,
  type MeasuredFigures,
  manifestJson,
} from './manifest.js';
import { type NoiseShapingChoice, noiseShapingFor } from './noise-shaping.js';
import { ensureSubfolder, prepareOutputFolder } from './output-folder.js';
import { convertRate } from './rate-conversion.js';
import { type RenderRequest, renderOnWorkers } from './render-on-workers.js';
import { renderAndTag, sha256, type TaggedRender } from './tagged-render.js';
import { type ReleaseTagInput, type ReleaseTags, validateTags } from './tags.js';

/**
 * Aims: one master in, a folder of platform deliverables out, each proven against its
 * destination's ceiling by decoding it back, plus `manifest.json` describing every file.
 *
 * Order: every input is checked first (platforms, tags, seed, the master, the folder), so a
 * mistake is refused before anything is written. Then per platform and file: convert the
 * rate (mastering quality), run the compliance loop (limit if needed → dither → encode →
 * decode → measure), embed the tags, hash, and write atomically. Files identical in content
 * (same codec, rate and ceiling) are rendered once and written wherever they are needed; files
 * at one rate share its conversion, true peak and first-pass limited copy (loop-source.ts). If
 * anything fails part-way, the files this run wrote are removed and no manifest is written,
 * so a folder with a manifest is always complete.
 *
 * Memory: the master, its converted copies, their first-pass limited copies (one per ceiling)
 * and one deliverable at a time are held whole, since
 * the compliance loop re-limits and re-encodes the whole programme (a 5-minute stereo 96 kHz
 * master is about 230 MB as Float32). Long-form programmes would need a streaming loop.
 *
 * Mono masters are delivered as mono (every format here carries mono, and doubling a mono
 * programme to two identical channels would change nothing but the size); masters with more
 * than two channels are refused, because the lossy codecs and the platforms' music intake are
 * stereo — fold them down first.
 */

export interface DeliverOptions {
  /** Path of the master (any format mixdown reads). */
  readonly master: string;
  /** The delivery folder; created if missing. */
  readonly outputDir: string;
  /** Platform ids or aliases, e.g. ['spotify', 'apple', 'cd']. */
  readonly platforms?: readonly string[];
  /** Files asked for by format (format-choices.ts), e.g. ['wav32f', 'mp3-v0']. */
  readonly formats?: readonly string[];
  /** The true-peak ceiling the `formats` files are held to (dBTP, −12 … 0; default −1). */
  readonly formatsCeilingDbtp?: number;
  readonly tags?: ReleaseTagInput;
  /** Seed for the dither (default DEFAULT_DITHER_SEED); same seed, same bytes. */
  readonly seed?: number;
  /** 'auto' (default): Lipshitz at 16-bit/44.1 kHz, flat TPDF elsewhere. */
  readonly noiseShaping?: NoiseShapingChoice;
  /** Worker threads for independent files (default: one per core); 1 renders on this thread. */
  readonly threads?: number;
  readonly onProgress?: (progress: DeliverProgress) => void;
}

export interface DeliverProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Seconds of the master processed so far (files done × its duration). */
  readonly audioSeconds: number;
  /** What is being made now, e.g. "spotify: Ogg Vorbis q9, 44.1 kHz". */
  readonly current: string;
}

export interface DeliveryResult {
  readonly manifest: DeliveryManifest;
  readonly manifestPath: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Worker threads that rendered files (0: all on the calling thread). */
  readonly workerThreads: number;
}

export const DEFAULT_DITHER_SEED = 0x6d697864; // "mixd"

const NOISE_SHAPING_CHOICES: readonly NoiseShapingChoice[] = [
  'auto',
  'none',
  'lipshitz',
  'f-weighted',
];

export async function deliverMaster(options: DeliverOptions): Promise<DeliveryResult> {
  const plan = checkOptions(options);
  const master = await readMaster(options.master);
  await prepareOutputFolder(options.outputDir);

  const masterReport = measure(master);
  const masterBytes = await readFile(options.master);
  const stem = basename(options.master, extname(options.master));
  const diagnostics: Diagnostic[] = [];
  const targets = plan.sets.map(({ set, platform }) =>
    platformTarget(set, platform, masterReport, diagnostics),
  );
  if (plan.formats) targets.push(formatsTarget(plan.formats, masterReport, diagnostics));

  const jobs = targets.flatMap((target) =>
    target.set.files.map((spec) => ({ target, spec, render: resolveSpec(spec, master, plan) })),
  );
  // One LoopSource per rate: conversion, true peak and first-pass limiting done once for all.
  const sources = new Map<number, LoopSource>([
    [master.sampleRate, new LoopSource(master, masterReport.truePeakDbtp)],
  ]);
  const unique = new Map<string, RenderRequest>();
  const labels = new Map<string, string>();
  for (const job of jobs) {
    const key = renderKey(job.render, job.target.ceilingDbtp);
    if (unique.has(key)) continue;
    labels.set(key, `${job.target.set.platform}: ${describeSpec(job.render)}`);
    unique.set(key, {
      source: sourceAt(master, job.render.sampleRate, sources),
      spec: job.render,
      ceilingDbtp: job.target.ceilingDbtp,
    });
  }
  const progress = (filesDone: number, current: string) =>
    options.onProgress?.({
      filesDone,
      filesTotal: unique.size,
      audioSeconds: filesDone * masterReport.durationSeconds,
      current,
    });
  const onWorkers = plan.threads > 1 && unique.size > 1;
  if (onWorkers) progress(0, 'conversion and first limiting');
  const workers = onWorkers
    ? renderOnWorkers([...unique.values()], plan.threads, master.sampleRate, plan.tags)
    : undefined;
  const renders = new Map<string, Promise<TaggedRender>>(
    workers ? [...unique.keys()].map((key, i) => [key, workers.results[i]]) : [],
  );
  if (workers) {
    // Files finish in any order on the workers: count them as they do.
    let finished = 0;
    for (const [key, pending] of renders) {
      pending.then(
        () => progress(++finished, `${labels.get(key)} done`),
        () => undefined,
      );
    }
  }
  const started = new Set<string>();
  const written: string[] = [];
  const createdFolders: string[] = [];
  const files: ManifestFile[] = [];
  try {
    for (const job of jobs) {
      const key = renderKey(job.render, job.target.ceilingDbtp);
      if (!workers && !started.has(key)) {
        progress(started.size, labels.get(key)!);
        started.add(key);
      }
      let pending = renders.get(key);
      if (!pending) {
        const { source, spec, ceilingDbtp } = unique.get(key)!;
        pending = renderAndTag(source, spec, ceilingDbtp, master.sampleRate, plan.tags);
        renders.set(key, pending);
      }
      const tagged = await pending;
      const relative = `${job.target.set.platform}/${stem}-${fileSuffix(job.render)}.${extensionOf(job.render)}`;
      const path = join(options.outputDir, ...relative.split('/'));
      const created = await ensureSubfolder(dirname(path));
      if (created) createdFolders.push(created);
      await writeFileAtomic(path, tagged.bytes);
      written.push(path);
      files.push(
        manifestFile(
          relative,
          job.target,
          job.spec,
          job.render,
          tagged,
          master.sampleRate,
          plan.tags,
        ),
      );
      noteRender(files[files.length - 1], diagnostics);
    }
    progress(unique.size, 'manifest');
    const manifest: DeliveryManifest = {
      manifestVersion: MANIFEST_VERSION,
      tool: 'mixdown',
      command: 'deliver',
      measurement: {
        loudness: 'ITU-R BS.1770-4 / EBU R128 (integrated, gated)',
        truePeakOversampling: DELIVERY_TRUE_PEAK_OVERSAMPLING,
      },
      master: {
        file: basename(options.master),
        sha256: sha256(masterBytes),
        format: master.info.format,
        codec: master.info.codec,
        bitDepth: master.info.bitDepth ?? null,
        ...figures(masterReport),
      },
      tags: plan.tags,
      platforms: targets.map((t) => t.record),
      files,
    };
    const manifestPath = join(options.outputDir, MANIFEST_FILE_NAME);
    await writeFileAtomic(manifestPath, manifestJson(manifest));
    return { manifest, manifestPath, diagnostics, workerThreads: workers?.threads ?? 0 };
  } catch (error) {
    workers?.stop();
    // Nothing partial: remove what this run wrote, then the folders it made (if now empty).
    await Promise.all(written.map((path) => unlink(path).catch(() => undefined)));
    for (const folder of createdFolders.reverse()) await rmdir(folder).catch(() => undefined);
    throw error;
  } finally {
    await workers?.done;
  }
}

interface Plan {
  readonly sets: { set: DeliverableSet; platform: PlatformTarget }[];
  readonly formats?: { readonly set: DeliverableSet; readonly ceilingDbtp: number };
  readonly tags: ReleaseTags;
  readonly seed: number;
  readonly noiseShaping: NoiseShapingChoice;
  readonly threads: number;
}

function checkOptions(options: DeliverOptions): Plan {
  const names = (options.platforms ?? []).map((p) => p.trim()).filter((p) => p.length > 0);
  if (names.length === 0 && options.formats === undefined) {
    throw new MixdownError(
      'invalid-argument',
      'Name at least one platform to deliver to (e.g. spotify,apple,cd) or a format (e.g. wav32f,mp3-v0).',
    );
  }
  const formats = options.formats === undefined ? undefined : formatsPlan(options);
  const sets: Plan['sets'] = [];
  for (const name of names) {
    const found = deliverableSetFor(name);
    if (!sets.some((s) => s.set.platform === found.set.platform)) sets.push(found);
  }
  const seed = options.seed ?? DEFAULT_DITHER_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new MixdownError(
      'invalid-argument',
      `The dither seed must be a whole number from 0 to 4294967295, not ${seed}.`,
    );
  }
  const noiseShaping = options.noiseShaping ?? 'auto';
  if (!NOISE_SHAPING_CHOICES.includes(noiseShaping)) {
    throw new MixdownError(
      'invalid-argument',
      `Unknown noise shaping "${noiseShaping}"; choose one of ${NOISE_SHAPING_CHOICES.join(', ')}.`,
    );
  }
  return {
    sets,
    ...(formats ? { formats } : {}),
    tags: validateTags(options.tags ?? {}),
    seed,
    noiseShaping,
    threads: checkThreads(options.threads),
  };
}

function formatsPlan(options: DeliverOptions): NonNullable<Plan['formats']> {
  const ceilingDbtp = options.formatsCeilingDbtp ?? DEFAULT_FORMATS_CEILING_DBTP;
  if (!(Number.isFinite(ceilingDbtp) && ceilingDbtp >= -12 && ceilingDbtp <= 0)) {
    throw new MixdownError(
      'invalid-argument',
      `The ceiling for the formats must be between -12 and 0 dBTP, not ${ceilingDbtp}.`,
    );
  }
  return { set: formatsSet(options.formats ?? []), ceilingDbtp };
}

async function readMaster(path: string): Promise<DecodedAudio> {
  const master = await readAudio(path);
  const channels = master.channels.length;
  if (channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `${path}: the master has ${channels} channels, but deliverables are mono or stereo; fold it down to stereo first.`,
    );
  }
  if (master.info.frames === 0) {
    throw new MixdownError('no-audio', `${path}: the master holds no audio; export it again.`);
  }
  return master;
}

function measure(audio: AudioData): AnalysisReport {
  return analyzeAudio(audio, { truePeakOversampling: DELIVERY_TRUE_PEAK_OVERSAMPLING });
}

function checkThreads(threads: number | undefined): number {
  if (threads === undefined) return availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new MixdownError(
      'invalid-argument',
      `The number of threads must be a whole number of at least 1, not ${threads}.`,
    );
  }
  return threads;
}

interface PlatformPlan {
  readonly set: DeliverableSet;
  readonly ceilingDbtp: number;
  readonly record: ManifestPlatform;
}

/**
 * The ceiling a platform's files are held to: its stated ceiling, or the stricter one for
 * masters louder than its target (Spotify: −2 dBTP above −14 LUFS, loudness.md §4).
 */
function platformTarget(
  set: DeliverableSet,
  platform: PlatformTarget,
  master: AnalysisReport,
  diagnostics: Diagnostic[],
): PlatformPlan {
  const loud =
    platform.loudMasterCeilingDbtp !== undefined &&
    platform.targetLufs !== null &&
    master.integratedLufs > platform.targetLufs;
  const ceilingDbtp = loud ? platform.loudMasterCeilingDbtp! : platform.ceilingDbtp;
  const ceilingReason = loud
    ? `the master (${master.integratedLufs.toFixed(1)} LUFS) is louder than ${platform.name}'s ${platform.targetLufs} LUFS target, so the stricter ${ceilingDbtp} dBTP ceiling for loud masters applies`
    : `${platform.name}'s true-peak ceiling`;
  noteOverCeiling(`${platform.name}'s`, ceilingDbtp, master, diagnostics);
  return {
    set,
    ceilingDbtp,
    record: {
      id: platform.id,
      name: platform.name,
      targetLufs: platform.targetLufs,
      ceilingDbtp,
      ceilingReason,
      rationale: set.rationale,
    },
  };
}

/** The files asked for by format: one destination, held to the ceiling the user gave. */
function formatsTarget(
  formats: NonNullable<Plan['formats']>,
  master: AnalysisReport,
  diagnostics: Diagnostic[],
): PlatformPlan {
  const { set, ceilingDbtp } = formats;
  noteOverCeiling("the formats'", ceilingDbtp, master, diagnostics);
  return {
    set,
    ceilingDbtp,
    record: {
      id: FORMATS_DESTINATION,
      name: 'Formats',
      targetLufs: null,
      ceilingDbtp,
      ceilingReason: 'the ceiling given for the formats (default −1 dBTP)',
      rationale: set.rationale,
    },
  };
}

function noteOverCeiling(
  whose: string,
  ceilingDbtp: number,
  master: AnalysisReport,
  diagnostics: Diagnostic[],
): void {
  if (master.truePeakDbtp > ceilingDbtp) {
    diagnostics.push(
      diagnostic(
        'master-over-ceiling',
        'warning',
        `The master's true peak (${master.truePeakDbtp.toFixed(2)} dBTP) is above ${whose} ${ceilingDbtp} dBTP ceiling; its deliverables were limited to meet it.`,
      ),
    );
  }
}

function resolveSpec(spec: DeliverableSpec, master: AudioData, plan: Plan): RenderSpec {
  const sampleRate = spec.sampleRate === 'master' ? master.sampleRate : spec.sampleRate;
  const base = {
    format: spec.format,
    sampleRate,
    channels: master.channels.length,
    ...(spec.bitDepth !== undefined ? { bitDepth: spec.bitDepth } : {}),
    ...(spec.mp3Mode !== undefined ? { mp3Mode: spec.mp3Mode } : {}),
    ...(spec.vorbisQuality !== undefined ? { vorbisQuality: spec.vorbisQuality } : {}),
    ditherSeed: 0,
  };
  const shaping = needsWordLengthReduction(base)
    ? noiseShapingFor(plan.noiseShaping, sampleRate, base.bitDepth)
    : undefined;
  const render: RenderSpec = { ...base, ...(shaping ? { noiseShaping: shaping } : {}) };
  // Same settings, same dither: identical deliverables for different platforms are one render.
  return { ...render, ditherSeed: fnv1a(`${plan.seed}:${renderKey(render, 0)}`) };
}

function renderKey(spec: RenderSpec, ceilingDbtp: number): string {
  return [
    spec.format,
    spec.sampleRate,
    spec.channels,
    spec.bitDepth ?? '-',
    spec.mp3Mode ?? '-',
    spec.vorbisQuality ?? '-',
    spec.noiseShaping?.id ?? '-',
    ceilingDbtp,
  ].join('|');
}

function sourceAt(
  master: AudioData,
  sampleRate: number,
  cache: Map<number, LoopSource>,
): LoopSource {
  let source = cache.get(sampleRate);
  if (!source) {
    source = new LoopSource(convertRate(master, sampleRate));
    cache.set(sampleRate, source);
  }
  return source;
}

function manifestFile(
  path: string,
  target: PlatformPlan,
  spec: DeliverableSpec,
  render: RenderSpec,
  tagged: TaggedRender,
  masterRate: number,
  tags: ReleaseTags,
): ManifestFile {
  const { report, passes, ceilingDbtp, clippedSamples } = tagged.render;
  const first = passes[0];
  const compliance: ComplianceRecord = {
    ceilingDbtp,
    marginDb: ceilingDbtp - report.truePeakDbtp,
    firstPassOvershootDb:
      first.deliveredTruePeakDbtp > ceilingDbtp ? first.deliveredTruePeakDbtp - ceilingDbtp : null,
    action: passes[passes.length - 1].preEncodeCeilingDbtp !== null ? 're-limited' : 'none',
    passes,
    sampleRateConversion:
      render.sampleRate !== masterRate ? { fromHz: masterRate, toHz: render.sampleRate } : null,
    clippedSamples,
  };
  const pcm = render.format === 'wav' || render.format === 'flac';
  const codec: CodecSettings = {
    description: describeSpec(render),
    bitDepth: pcm ? (render.bitDepth ?? 24) : null,
    sampleFormat: pcm ? (render.bitDepth === 32 ? 'float' : 'int') : null,
    mp3Mode: render.mp3Mode ?? null,
    vorbisQuality: render.vorbisQuality ?? null,
    dither: tagged.render.dithered
      ? { type: 'tpdf', noiseShaping: render.noiseShaping?.id ?? null, seed: render.ditherSeed }
      : null,
  };
  return {
    path,
    platform: target.set.platform,
    purpose: spec.purpose,
    format: render.format,
    codec,
    bitDepth: codec.bitDepth,
    bytes: tagged.bytes.length,
    sha256: tagged.sha256,
    tags,
    ...figures(report),
    compliance,
  };
}

function noteRender(file: ManifestFile, diagnostics: Diagnostic[]): void {
  if (file.compliance.clippedSamples > 0) {
    diagnostics.push(
      diagnostic(
        'dither-clipped',
        'warning',
        `${file.path}: ${file.compliance.clippedSamples} samples reached full scale during word-length reduction; leave more headroom in the master.`,
      ),
    );
  }
}

function figures(report: AnalysisReport): MeasuredFigures {
  return {
    sampleRate: report.sampleRate,
    channels: report.channels,
    frames: report.frames,
    durationSeconds: report.durationSeconds,
    integratedLufs: finite(report.integratedLufs),
    loudnessRangeLu: finite(report.loudnessRangeLu),
    truePeakDbtp: finite(report.truePeakDbtp),
    samplePeakDbfs: finite(report.samplePeakDbfs),
  };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** "24bit-44k1", "320k-44k1", "v0-44k1", "q9-44k1", "32float-96k". */
function fileSuffix(spec: RenderSpec): string {
  const rate = rateLabel(spec.sampleRate);
  switch (spec.format) {
    case 'mp3':
      return `${spec.mp3Mode === 'v0' ? 'v0' : '320k'}-${rate}`;
    case 'ogg-vorbis':
      return `q${spec.vorbisQuality ?? 6}-${rate}`;
    default:
      return `${spec.bitDepth === 32 ? '32float' : `${spec.bitDepth ?? 24}bit`}-${rate}`;
  }
}

function rateLabel(hz: number): string {
  const khz = Math.floor(hz / 1000);
  const rest = hz % 1000;
  if (rest === 0) return `${khz}k`;
  return `${khz}k${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}

function extensionOf(spec: RenderSpec): string {
  return spec.format === 'ogg-vorbis' ? 'ogg' : spec.format;
}

/** FNV-1a, 32-bit: a stable seed from a text key. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
