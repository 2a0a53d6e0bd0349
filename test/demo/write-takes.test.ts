import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoTakes, writeDemoTakes } from '../../src/demo/synth/index.js';
import { readAudio } from '../../src/io/index.js';
import { trackNameFromFile } from '../../src/session/file-names.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('writeDemoTakes', () => {
  it('writes every take as 24-bit WAV under audio/, readable back within half a 24-bit step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixdown-demo-'));
    folders.push(dir);
    const demo = generateDemoTakes({ seed: 3, seconds: 2 });
    const paths = await writeDemoTakes(dir, demo);
    expect(paths.map((p) => basename(p))).toEqual(demo.takes.map((t) => `${t.name}.wav`));
    expect(paths.map((p) => trackNameFromFile(basename(p)))).toContain('lead vocal take1');
    for (const [i, path] of paths.entries()) {
      expect(path.startsWith(join(dir, 'audio'))).toBe(true);
      const decoded = await readAudio(path);
      const take = demo.takes[i].audio;
      expect(decoded.info.bitDepth).toBe(24);
      expect(decoded.sampleRate).toBe(48000);
      expect(decoded.channels.length).toBe(take.channels.length);
      decoded.channels.forEach((channel, c) => {
        expect(channel.length).toBe(take.channels[c].length);
        let worst = 0;
        for (let n = 0; n < channel.length; n++)
          worst = Math.max(worst, Math.abs(channel[n] - take.channels[c][n]));
        expect(worst).toBeLessThanOrEqual(0.5 / 2 ** 23 + 1e-9);
      });
    }
  });
});
