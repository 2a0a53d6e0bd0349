import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { cli as runFrom } from './run-cli.js';

/**
 * The `analyze --json` example in README.md is the contract: every field it shows must be in
 * the output, and nothing else may be. Compared as sets of key paths (`files[].report.rmsDbfs`).
 */

const tmp = useTempDir();
const cli = (...args: string[]) => runFrom(tmp.dir(), ...args);

/** The jsonc block under README's "### `--json`" heading, comments removed. */
async function documentedExample(): Promise<unknown> {
  const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### `--json`'));
  const block = section.match(/```jsonc\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README.md has no jsonc example under "### `--json`"');
  // No string in the example holds "//", so a comment is everything from "//" to the line end.
  return JSON.parse(block.replace(/\/\/.*$/gm, ''));
}

function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visit = (v: unknown, at: string) => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item, `${at}[]`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const path = at ? `${at}.${k}` : k;
        paths.add(path);
        visit(child, path);
      }
    }
  };
  visit(value, prefix);
  return paths;
}

describe('analyze --json against the field list documented in README.md', () => {
  it('has exactly the documented fields with every option on, for a good and a bad file', async () => {
    // A WAVE_FORMAT_EXTENSIBLE stereo file, so the optional channel mask is present too.
    const fs = 48000;
    // A DC offset on the right channel, so the warnings' fields show too.
    const x = Float32Array.from({ length: fs * 4 }, (_, i) => 0.3 * Math.sin(i / 5));
    const good = tmp.path('good.wav');
    await writeAudio(
      good,
      { sampleRate: fs, channels: [x, x.map((v) => 0.01 - 0.5 * v)] },
      { format: 'wav', sampleRate: fs, channels: 2, bitDepth: 24 },
    );
    const r = await cli(
      'analyze',
      '--json',
      '--series',
      good,
      tmp.path('missing.wav'),
      '--platforms',
      'spotify,broadcast',
    );
    expect(r.code).toBe(1);
    const actual = keyPaths(JSON.parse(r.stdout));
    // The example file is far from −23 LUFS, so broadcast has a diagnostic to show its fields.
    expect(actual.has('files[].platforms[].diagnostics[].code')).toBe(true);
    const documented = keyPaths(await documentedExample());
    // README: a platform's diagnostics have the fields of a warning.
    for (const field of ['code', 'severity', 'message']) {
      documented.add(`files[].platforms[].diagnostics[].${field}`);
    }
    const optional = new Set(['files[].info.channelMask']);
    const missing = [...documented].filter((p) => !actual.has(p) && !optional.has(p));
    const undocumented = [...actual].filter((p) => !documented.has(p));
    expect({ missing, undocumented }).toEqual({ missing: [], undocumented: [] });
  });

  it('leaves out series and platforms unless asked', async () => {
    const json = JSON.parse((await cli('analyze', '--json', tmp.path('good.wav'))).stdout);
    const paths = keyPaths(json);
    expect(paths.has('files[].report.series')).toBe(false);
    expect(paths.has('files[].platforms')).toBe(false);
    expect(paths.has('files[].warnings')).toBe(true);
  });
});
