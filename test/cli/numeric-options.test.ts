/**
 * Numeric options across commands go through one parser (src/cli/parse-number.ts): text
 * that is not a number is refused in one sentence that quotes what was typed, never
 * "got NaN", with a non-zero exit.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, sine } from '../mix/project-helpers.js';
import { cli } from './run-cli.js';

const tmp = useTempDir();

async function setUp(): Promise<{ dir: string; project: string }> {
  const dir = tmp.dir();
  const audio = sine(440, 0.3, 1, 48000);
  await writeAudio(join(dir, 'take.wav'), audio, {
    format: 'wav',
    sampleRate: 48000,
    channels: 1,
    bitDepth: 24,
  });
  return { dir, project: await makeProject(dir, { vox: audio }) };
}

describe('numeric options quote what was typed', () => {
  const cases: [string, (project: string) => string[], string, string][] = [
    [
      'edit stretch --ratio',
      () => ['edit', 'stretch', 'take.wav', '-o', 'o.wav', '--ratio', 'fast'],
      '--ratio',
      'fast',
    ],
    [
      'edit declick --sensitivity',
      () => ['edit', 'declick', 'take.wav', '-o', 'o.wav', '--sensitivity', 'high'],
      '--sensitivity',
      'high',
    ],
    [
      'edit quantize --strength',
      (p) => ['edit', 'quantize', p, '--track', 'take vox', '--strength', 'lots'],
      '--strength',
      'lots',
    ],
    [
      'edit quantize --bpm',
      (p) => ['edit', 'quantize', p, '--track', 'take vox', '--bpm', 'quick'],
      '--bpm',
      'quick',
    ],
    [
      'edit tune --retune-ms',
      () => ['edit', 'tune', 'take.wav', '-o', 'o.wav', '--key', 'C major', '--retune-ms', 'soon'],
      '--retune-ms',
      'soon',
    ],
    [
      'edit gain --db',
      (p) => ['edit', 'gain', p, '--track', 'take vox', '--clip', '0', '--db', 'loud'],
      '--db',
      'loud',
    ],
    [
      'edit gain --clip',
      (p) => ['edit', 'gain', p, '--track', 'take vox', '--clip', 'first', '--db', '3'],
      '--clip',
      'first',
    ],
    [
      'edit dehum --clip',
      (p) => ['edit', 'dehum', p, '--track', 'take vox', '--clip', 'x1'],
      '--clip',
      'x1',
    ],
    [
      'compare --max-offset',
      () => ['compare', 'take.wav', 'take.wav', '--max-offset', 'soon'],
      '--max-offset',
      'soon',
    ],
    [
      'master --lufs',
      () => ['master', 'take.wav', '--lufs', 'loud', '-o', 'm.wav'],
      '--lufs',
      'loud',
    ],
    ['render --threads', (p) => ['render', p, '--threads', 'many'], '--threads', 'many'],
  ];
  for (const [name, args, option, typed] of cases) {
    it(`${name} ${typed}`, async () => {
      const { dir, project } = await setUp();
      const result = await cli(dir, ...args(project));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`${option} must be `);
      expect(result.stderr).toContain(`got "${typed}".`);
      expect(result.stderr).not.toContain('NaN');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
