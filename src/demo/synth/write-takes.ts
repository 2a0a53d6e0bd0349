import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAudio } from '../../io/index.js';
import type { DemoTakes } from './takes.js';

/**
 * Writes every take to `<dir>/audio/<name>.wav` (24-bit PCM, atomically), creating the
 * folder, and returns the paths in take order. Clean references are not written: they
 * are ground truth for tests, not source audio.
 */
export async function writeDemoTakes(dir: string, demo: DemoTakes): Promise<string[]> {
  const folder = join(dir, 'audio');
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const take of demo.takes) {
    const path = join(folder, `${take.name}.wav`);
    await writeAudio(path, take.audio, {
      format: 'wav',
      sampleRate: take.audio.sampleRate,
      channels: take.audio.channels.length,
      bitDepth: 24,
    });
    paths.push(path);
  }
  return paths;
}
