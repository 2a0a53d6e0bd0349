import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeReader } from '../analysis/index.js';
import type { AnalysisReport } from '../analysis/types.js';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { findProcessor } from '../dsp/registry.js';
import { resampleAudio } from '../dsp/resample/index.js';
import { createWriter, openAudio, readAudio } from '../io/index.js';
import type { AudioWriter, EncodeOptions } from '../io/types.js';
import type { ResolvedSession } from '../session/resolved.js';
import { FileSourceProvider, renderCacheDir } from './file-sources.js';
import { type RenderResult, renderSession } from './render.js';

export type RenderFormat = 'wav16' | 'wav24' | 'wav32f' | 'flac';

export const RENDER_FORMATS: readonly RenderFormat[] = ['wav16', 'wav24', 'wav32f', 'flac'];

export interface RenderProjectOptions {
  readonly output: string;
  readonly format: RenderFormat;
  readonly range?: { readonly startSeconds: number; readonly endSeconds: number };
  /** Folder for one file per track and bus; none when undefined. */
  readonly stemsDir?: string;
  readonly threads?: number;
  readonly onProgress?: (framesDone: number, totalFrames: number) => void;
}

export interface RenderProjectResult extends RenderResult {
  readonly output: string;
  readonly stems: readonly string[];
  /** Analysis of the file as written. */
  readonly analysis: AnalysisReport;
}

export function encodeOptionsFor(
  format: RenderFormat,
  sampleRate: number,
  channels: number,
): EncodeOptions {
  switch (format) {
    case 'wav16':
      return { format: 'wav', sampleRate, channels, bitDepth: 16 };
    case 'wav24':
      return { format: 'wav', sampleRate, channels, bitDepth: 24 };
    case 'wav32f':
      return { format: 'wav', sampleRate, channels, bitDepth: 32 };
    case 'flac':
      return { format: 'flac', sampleRate, channels, bitDepth: 24 };
  }
}

/**
 * Renders a resolved session to files: the mix, and stems when asked. Every file is written
 * to a temporary name and renamed into place only when the whole render succeeded, so an
 * interrupted or failed render leaves nothing under the final names.
 */
export async function renderToFiles(
  session: ResolvedSession,
  options: RenderProjectOptions,
): Promise<RenderProjectResult> {
  const encode = encodeOptionsFor(options.format, session.sampleRate, 2);
  const extension = options.format === 'flac' ? 'flac' : 'wav';
  await mkdir(dirname(options.output), { recursive: true });
  const writers: AudioWriter[] = [];
  try {
    const mix = await createWriter(options.output, encode);
    writers.push(mix);
    const stems = new Map<string, AudioWriter>();
    const stemPaths: string[] = [];
    if (options.stemsDir) {
      await mkdir(options.stemsDir, { recursive: true });
      for (const strip of [...session.tracks, ...session.buses]) {
        const path = join(options.stemsDir, `${safeFileName(strip.name)}.${extension}`);
        const writer = await createWriter(path, encode);
        writers.push(writer);
        stems.set(strip.name, writer);
        stemPaths.push(path);
      }
    }
    const cacheDir = renderCacheDir(session.projectDir);
    const provider = new FileSourceProvider(cacheDir);
    await provider.prepare(session);
    const result = await renderSession(session, provider, mix, {
      range: options.range,
      stems,
      files: await loadInsertFiles(session),
      onProgress: options.onProgress,
      threads: options.threads ?? availableParallelism(),
      workerSources: { kind: 'files', cacheDir },
    });
    for (const writer of writers) await writer.close();
    writers.length = 0;
    const reader = await openAudio(options.output);
    try {
      const analysis = await analyzeReader(reader);
      return { ...result, output: options.output, stems: stemPaths, analysis };
    } finally {
      await reader.close();
    }
  } finally {
    for (const writer of writers) await writer.abort();
  }
}

/** A track or bus name as a file name: path separators and control characters replaced. */
function safeFileName(name: string): string {
  const safe = Array.from(name, (ch) => (ch < ' ' || '/\\:*?"<>|'.includes(ch) ? '_' : ch)).join(
    '',
  );
  return safe.trim() || 'unnamed';
}

/**
 * Loads the audio of every `file` parameter of every insert (impulse responses), at the
 * session's sample rate, keyed by the path as written in the session.
 */
export async function loadInsertFiles(session: ResolvedSession): Promise<Map<string, AudioData>> {
  const files = new Map<string, AudioData>();
  const strips = [...session.tracks, ...session.buses, session.master];
  for (const strip of strips) {
    for (const insert of strip.inserts) {
      const definition = findProcessor(insert.type);
      if (!definition) continue;
      for (const [id, spec] of Object.entries(definition.params)) {
        if (spec.kind !== 'file') continue;
        const path = insert.values[id];
        if (typeof path !== 'string' || files.has(path)) continue;
        const absolute = join(session.projectDir, path);
        let audio: AudioData;
        try {
          audio = await readAudio(absolute);
        } catch (error) {
          if (error instanceof MixdownError) {
            throw new MixdownError(error.code, `${insert.path}.${id}: ${error.message}`);
          }
          throw error;
        }
        files.set(
          path,
          audio.sampleRate === session.sampleRate
            ? audio
            : resampleAudio(audio, session.sampleRate),
        );
      }
    }
  }
  return files;
}
