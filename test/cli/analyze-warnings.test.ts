import { describe, expect, it } from 'vitest';
import { writeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { cli as runFrom } from './run-cli.js';

/**
 * `mixdown analyze` quality warnings, each from a signal built to have exactly one known flaw,
 * checked in all three places a user sees them: the table, `--json`, and beside `--platforms`.
 */

const tmp = useTempDir();
const cli = (...args: string[]) => runFrom(tmp.dir(), ...args);

/** `seconds` of a 1 kHz sine at `amplitude` (whole periods at these rates: mean exactly 0). */
function tone(sampleRate: number, seconds: number, amplitude: number): Float32Array {
  return Float32Array.from(
    { length: Math.round(sampleRate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * 1000 * i) / sampleRate),
  );
}

async function floatWav(name: string, sampleRate: number, channels: Float32Array[]) {
  const path = tmp.path(name);
  await writeAudio(
    path,
    { sampleRate, channels },
    { format: 'wav', sampleRate, channels: channels.length, bitDepth: 32 },
  );
  return path;
}

/** Streaming destinations: none has a delivery tolerance that would add warnings of its own. */
const STREAMING = 'spotify,apple,youtube,amazon,tidal,deezer';

interface Warning {
  code: string;
  severity: string;
  message: string;
}

/** The warnings of one file as `--json`, the table and `--platforms` show them. */
async function warningsEverywhere(path: string) {
  const json = await cli('analyze', '--json', path);
  expect(json.code).toBe(0);
  const file = JSON.parse(json.stdout).files[0];
  const table = await cli('analyze', path);
  expect(table.code).toBe(0);
  const platforms = await cli('analyze', path, '--platforms', STREAMING);
  expect(platforms.code).toBe(0);
  const lines = (text: string) => text.split('\n').filter((l) => /^\s+warning: /.test(l));
  return {
    report: file.report,
    json: file.warnings as Warning[],
    table: lines(table.stdout),
    platforms: lines(platforms.stdout),
  };
}

/** The one warning with `code`, and the same message on a line in the table and beside the platforms. */
function expectShownEverywhere(
  seen: Awaited<ReturnType<typeof warningsEverywhere>>,
  code: string,
): string {
  const found = seen.json.filter((w) => w.code === code);
  expect(found).toHaveLength(1);
  expect(found[0].severity).toBe('warning');
  const message = found[0].message;
  expect(seen.table).toContain(`  warning: ${message}`);
  expect(seen.platforms).toContain(`  warning: ${message}`);
  return message;
}

describe('analyze warns about clipping', () => {
  it('counts every sample in runs of three or more at full scale, and only those', async () => {
    const fs = 48000;
    const x = tone(fs, 4, 0.25);
    // Runs of 3, 7 and 40 samples at ±1 (counted: 50), a run of 2 and a lone full-scale
    // sample (not clipping: a true peak may touch full scale once).
    const runs: [number, number, number][] = [
      [10000, 3, 1],
      [30000, 7, -1],
      [60000, 40, 1],
      [90000, 2, 1],
      [120000, 1, -1],
    ];
    for (const [start, length, sign] of runs) x.fill(sign, start, start + length);
    const seen = await warningsEverywhere(await floatWav('clipped.wav', fs, [x]));
    expect(seen.report.clippedSamples).toBe(50);
    const message = expectShownEverywhere(seen, 'clipping');
    expect(message).toMatch(/^50 samples sit in runs at full scale/);
  });
});

describe('analyze warns about a DC offset', () => {
  it('names the channel and the offset of a constructed −40 dBFS shift on the right channel', async () => {
    const fs = 48000;
    const left = tone(fs, 3, 0.25);
    const right = left.map((v) => v + 0.01);
    const seen = await warningsEverywhere(await floatWav('dc.wav', fs, [left, right]));
    expect(seen.report.perChannel[1].dcOffset).toBeCloseTo(0.01, 6);
    const message = expectShownEverywhere(seen, 'dc-offset');
    expect(message).toMatch(/^Channel R has a DC offset of -40\.0 dBFS/);
  });

  it('stays quiet below the documented −60 dBFS limit and warns at it (mono: "The channel")', async () => {
    const fs = 48000;
    const below = tone(fs, 2, 0.25).map((v) => v + 0.0009);
    const at = tone(fs, 2, 0.25).map((v) => v + 0.0011);
    const quiet = await warningsEverywhere(await floatWav('dc-below.wav', fs, [below]));
    expect(quiet.json.map((w) => w.code)).not.toContain('dc-offset');
    const loud = await warningsEverywhere(await floatWav('dc-at.wav', fs, [at]));
    expect(expectShownEverywhere(loud, 'dc-offset')).toMatch(
      /^The channel has a DC offset of -59\.2 dBFS/,
    );
  });
});

describe('analyze warns about a very low loudness range', () => {
  // LRA needs a minute of programme before it means anything (Tech 3342, 2016 revision).
  const fs = 16000;

  it('a constant-level minute reads LRA 0 and is flagged', async () => {
    const seen = await warningsEverywhere(await floatWav('flat.wav', fs, [tone(fs, 61, 0.1)]));
    expect(seen.report.loudnessRangeLu).toBeCloseTo(0, 6);
    expect(expectShownEverywhere(seen, 'low-loudness-range')).toMatch(
      /^Loudness range is only 0\.0 LU/,
    );
  });

  it('a minute alternating 20 dB apart every 10 s is not flagged; nor is a flat 30 s', async () => {
    const x = tone(fs, 61, 0.1);
    for (let s = 10; s < 61; s += 20) {
      for (let i = s * fs; i < Math.min(x.length, (s + 10) * fs); i++) x[i] *= 0.1;
    }
    const wide = await warningsEverywhere(await floatWav('wide.wav', fs, [x]));
    expect(wide.report.loudnessRangeLu).toBeGreaterThan(15);
    expect(wide.json.map((w) => w.code)).not.toContain('low-loudness-range');
    const short = await warningsEverywhere(await floatWav('short.wav', fs, [tone(fs, 30, 0.1)]));
    expect(short.json.map((w) => w.code)).not.toContain('low-loudness-range');
  });
});

describe('analyze warns about true peak', () => {
  it('over full scale between samples (fs/4 at 45°: samples ±1, true peak +3.01 dBTP), without calling it clipping', async () => {
    const fs = 48000;
    const x = Float32Array.from({ length: fs * 2 }, (_, i) =>
      Math.sign(Math.sin((Math.PI / 2) * i + Math.PI / 4)),
    );
    const seen = await warningsEverywhere(await floatWav('isp.wav', fs, [x]));
    expect(seen.report.clippedSamples).toBe(0);
    expect(seen.json.map((w) => w.code)).not.toContain('clipping');
    const message = expectShownEverywhere(seen, 'inter-sample-overs');
    const dbtp = Number(message.match(/^True peak is (-?[\d.]+) dBTP/)?.[1]);
    // The peak of a sine through (±1, ±1) is √2: +3.01 dBTP; the meter's tolerance +0.2/−0.4.
    expect(dbtp).toBeGreaterThan(20 * Math.log10(Math.SQRT2) - 0.4);
    expect(dbtp).toBeLessThan(20 * Math.log10(Math.SQRT2) + 0.2);
  });

  it("over one platform's recommended ceiling and not another's: Amazon −2 dBTP, Spotify −1 dBTP", async () => {
    // A −25 dBFS tone with a half-second −1.5 dBFS burst: about −18 LUFS (the −25 part stays
    // within the relative gate), so Spotify's ceiling is −1 dBTP (not its −2 for masters louder
    // than −14 LUFS) and only Amazon's −2 is passed.
    const fs = 48000;
    const x = tone(fs, 30, 10 ** (-25 / 20));
    const burst = tone(fs, 0.5, 10 ** (-1.5 / 20));
    x.set(burst, 10 * fs);
    const path = await floatWav('burst.wav', fs, [x, x.slice()]);
    const json = JSON.parse(
      (await cli('analyze', '--json', '--platforms', 'spotify,amazon', path)).stdout,
    );
    const file = json.files[0];
    expect(file.report.integratedLufs).toBeLessThan(-14);
    expect(file.report.truePeakDbtp).toBeGreaterThan(-2);
    expect(file.report.truePeakDbtp).toBeLessThan(-1);
    const [spotify, amazon] = file.platforms;
    expect(spotify).toMatchObject({ platform: 'spotify', ceilingDbtp: -1, overCeiling: false });
    expect(amazon).toMatchObject({ platform: 'amazon', ceilingDbtp: -2, overCeiling: true });
    expect(amazon.diagnostics.map((d: Warning) => d.code)).toEqual(['true-peak-over-ceiling']);
    expect(spotify.diagnostics.map((d: Warning) => d.code)).not.toContain('true-peak-over-ceiling');

    const table = await cli('analyze', '--platforms', 'spotify,amazon', path);
    expect(table.stdout).toMatch(/Amazon Music \*\s+-14\.0\s+-2\.0 !/);
    expect(table.stdout).toMatch(/Spotify \(Normal\)\s+-14\.0\s+-1\.0\s{3}/);
    expect(table.stdout).toContain(
      'warning: the true peak is above the recommended ceiling of 1 of these destinations (marked !); lossy encoding may distort it — limit to -2.0 dBTP to satisfy them all.',
    );
  });
});

describe('a clean signal', () => {
  it('has no warning in the table, in --json, or beside any platform but a delivery-tolerance one', async () => {
    const fs = 48000;
    const x = tone(fs, 6, 0.1);
    const path = await floatWav('clean.wav', fs, [x, x.slice()]);
    const seen = await warningsEverywhere(path);
    expect(seen.json).toEqual([]);
    expect(seen.table).toEqual([]);
    expect(seen.platforms).toEqual([]);
    const json = JSON.parse((await cli('analyze', '--json', path, '--platforms')).stdout);
    // Broadcast and podcast deliveries must measure their target; −20 LUFS meets neither.
    for (const p of json.files[0].platforms) {
      expect(p.overCeiling).toBe(false);
      const warned = p.diagnostics.filter((d: Warning) => d.severity === 'warning');
      expect(warned.map((d: Warning) => d.code)).toEqual(
        ['broadcast', 'atsc', 'podcast'].includes(p.platform) ? ['outside-delivery-tolerance'] : [],
      );
    }
  });
});
