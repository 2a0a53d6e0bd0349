import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../io/helpers/fixtures.js';
import { wavBytes } from '../io/helpers/pcm-files.js';
import { cli as runFrom } from './run-cli.js';

/**
 * A float WAV holding ±Infinity (as NaN does: test/cli/analyze.test.ts) is bad input: one
 * sentence naming the file, the channel and the place, exit code 1, no stack trace. The files
 * are written byte by byte (pcm-files.ts), since mixdown's own writer refuses such values.
 */

const tmp = useTempDir();
const cli = (...args: string[]) => runFrom(tmp.dir(), ...args);

const FS = 48000;

async function floatWavWith(
  name: string,
  bits: 32 | 64,
  channel: number,
  frame: number,
  value: number,
) {
  const channels = [new Float64Array(FS * 2), new Float64Array(FS * 2)];
  for (const data of channels)
    for (let i = 0; i < data.length; i++) data[i] = 0.1 * Math.sin(i / 7);
  channels[channel][frame] = value;
  const path = tmp.path(name);
  await writeFile(path, wavBytes({ sampleRate: FS, bits, float: true, channels }));
  return path;
}

describe('mixdown analyze refuses infinite samples with one sentence and exit 1', () => {
  const cases: [string, 32 | 64, number, number, number, string][] = [
    [
      '+Infinity in 32-bit float, right channel',
      32,
      1,
      54321,
      Number.POSITIVE_INFINITY,
      '+Infinity',
    ],
    ['-Infinity in 32-bit float, left channel', 32, 0, 100, Number.NEGATIVE_INFINITY, '-Infinity'],
    ['+Infinity in 64-bit float', 64, 0, FS + 5, Number.POSITIVE_INFINITY, '+Infinity'],
  ];
  for (const [label, bits, channel, frame, value, shown] of cases) {
    it(label, async () => {
      const path = await floatWavWith(
        `inf-${bits}-${channel}-${frame}.wav`,
        bits,
        channel,
        frame,
        value,
      );
      const r = await cli('analyze', path);
      expect(r.code).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.trim().length > 0);
      // The batch heading, then the one sentence.
      expect(lines).toEqual(['1 file could not be analysed:', expect.any(String)]);
      const sentence = lines[1].trim();
      expect(sentence.startsWith(path)).toBe(true);
      expect(sentence).toContain(`channel ${channel + 1} holds ${shown}`);
      expect(sentence).toContain(`(sample frame ${frame})`);
      expect(sentence).toMatch(/\.$/);
      expect(sentence.slice(0, -1)).not.toMatch(/\.\s+[A-Z]/); // one sentence
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);

      const json = await cli('analyze', '--json', path);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).files[0]).toMatchObject({ ok: false, path });
    });
  }
});
