import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AudioData } from '../core/audio.js';
import { readAudio, writeAudio } from '../io/index.js';
import type { ResolvedEdit, ResolvedSource } from '../session/resolved.js';
import { applyEdits, type EditOutcome, editedSourceKey } from './edited-sources.js';

/**
 * Edited sources kept in a project's render cache (renders/.cache/edits), shared by the
 * render and by the edit commands: an edit command's preview stores the take with its edits
 * so far, the next edit continues from there and the render reads the last result, instead
 * of each applying the whole edit list again. Files are named by editedSourceKey (the
 * source's content, every value of every edit in order, the rate), so a changed earlier
 * edit names a different file and nothing stale is read.
 */

/** The cache file of `source` with `edits` applied, at `sampleRate`. */
export function editCachePath(
  cacheDir: string,
  source: ResolvedSource,
  edits: readonly ResolvedEdit[],
  sampleRate: number,
): string {
  return join(cacheDir, 'edits', `${editedSourceKey(source, edits, sampleRate)}.wav`);
}

/**
 * `source` with `edits` applied, at the source's own rate. Starts from the longest prefix of
 * the list already in the cache (at most `findingsFrom` edits, so the edits whose findings are
 * wanted are really applied here) and stores the result for whoever asks next.
 */
export async function editedSourceAudio(
  cacheDir: string,
  source: ResolvedSource,
  edits: readonly ResolvedEdit[],
  findingsFrom = edits.length,
): Promise<EditOutcome> {
  if (edits.length === 0) return { audio: await readAudio(source.absolutePath), findings: [] };
  const rate = source.sampleRate;
  let done = Math.min(findingsFrom, edits.length);
  while (done > 0 && !existsSync(editCachePath(cacheDir, source, edits.slice(0, done), rate)))
    done--;
  const start = await readAudio(
    done === 0 ? source.absolutePath : editCachePath(cacheDir, source, edits.slice(0, done), rate),
  );
  if (done === edits.length) return { audio: start, findings: [] };
  // Edits work on a whole take in memory (a take is minutes, not hours).
  const outcome = applyEdits(start, edits.slice(done));
  const { audio } = outcome;
  await writeCacheFile(editCachePath(cacheDir, source, edits, rate), audio);
  return outcome;
}

/** Writes a cache file (atomically): 32-bit float, which reads back as exactly `audio`. */
export async function writeCacheFile(path: string, audio: AudioData): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAudio(path, audio, {
    format: 'wav',
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    bitDepth: 32,
  });
}
