import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioData } from '../../src/core/audio.js';
import { writeAudio } from '../../src/io/index.js';
import { renderToFiles } from '../../src/mix/render-project.js';
import { createProject, loadProject, SESSION_FILE } from '../../src/session/index.js';

/** Writes `takes` as 32-bit float WAVs and makes a project of them with `mixdown init`'s code. */
export async function makeProject(
  parent: string,
  takes: Record<string, AudioData>,
): Promise<string> {
  const dir = await mkdtemp(join(parent, 'case-'));
  const files: string[] = [];
  for (const [name, audio] of Object.entries(takes)) {
    const path = join(dir, `take-${name}.wav`);
    await writeAudio(path, audio, {
      format: 'wav',
      sampleRate: audio.sampleRate,
      channels: audio.channels.length,
      bitDepth: 32,
    });
    files.push(path);
  }
  const project = join(dir, 'project');
  await createProject(project, files);
  return project;
}

/** A session document as loosely typed JSON, for tests that edit it by hand. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into the document freely
export type LooseDocument = Record<string, any>;

export async function readSession(project: string): Promise<LooseDocument> {
  return JSON.parse(await readFile(join(project, SESSION_FILE), 'utf8'));
}

export async function writeSession(project: string, document: unknown): Promise<void> {
  await writeFile(join(project, SESSION_FILE), JSON.stringify(document, null, 2));
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

export function sine(
  frequencyHz: number,
  amplitude: number,
  seconds: number,
  sampleRate: number,
  channels = 1,
): AudioData {
  const n = Math.round(seconds * sampleRate);
  const data = Float32Array.from(
    { length: n },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate),
  );
  return { sampleRate, channels: Array.from({ length: channels }, () => data.slice()) };
}

/** Loads the project from disk and renders it beside the project as 32-bit float WAV. */
export async function renderProject(project: string, name: string): Promise<string> {
  const out = join(project, '..', name);
  await renderToFiles((await loadProject(project)).resolved, {
    output: out,
    format: 'wav32f',
    threads: 1,
  });
  return out;
}
