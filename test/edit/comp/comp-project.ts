import { join } from 'node:path';
import type { AudioData } from '../../../src/core/audio.js';
import { readAudio } from '../../../src/io/index.js';
import { renderToFiles } from '../../../src/mix/render-project.js';
import { loadProject } from '../../../src/session/index.js';
import { makeProject, readSession, writeSession } from '../../mix/project-helpers.js';

/**
 * A project whose one track holds `takes` as lanes (ids as given), with a 0 dB-centre pan
 * law, so the rendered left channel is the comped signal itself (unity gain).
 */
export async function makeCompProject(
  parent: string,
  takes: Record<string, AudioData>,
  trackName = 'Lead vocal',
): Promise<string> {
  const project = await makeProject(parent, takes);
  const doc = await readSession(project);
  const sourceOf = (id: string) =>
    (doc.sources as { id: string; path: string }[]).find((s) => s.path.endsWith(`take-${id}.wav`))!
      .id;
  doc.tracks = [
    {
      name: trackName,
      panLaw: 'linear',
      takes: Object.keys(takes).map((id) => ({ id, source: sourceOf(id) })),
    },
  ];
  await writeSession(project, doc);
  return project;
}

/** Sets the track's comp by hand (seconds). */
export async function setComp(
  project: string,
  regions: readonly { take: string; start: number; end: number }[],
  crossfadeMs: number,
): Promise<void> {
  const doc = await readSession(project);
  doc.tracks[0].comp = { crossfadeMs, regions };
  await writeSession(project, doc);
}

/** Renders the project (32-bit float) and returns its left channel. */
export async function renderLeft(project: string, name: string): Promise<Float32Array> {
  const out = join(project, '..', name);
  await renderToFiles((await loadProject(project)).resolved, {
    output: out,
    format: 'wav32f',
    threads: 1,
  });
  return (await readAudio(out)).channels[0];
}
