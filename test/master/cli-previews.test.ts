import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { type AudioData, sliceAudio } from '../../src/core/audio.js';
import { RealFft } from '../../src/core/fft.js';
import { readAudio, writeAudio } from '../../src/io/index.js';
import { findPlatform, PLATFORMS } from '../../src/master/platforms.js';
import { cutExcerpt, DEVICES } from '../../src/master/previews/index.js';
import type { PreviewManifest } from '../../src/master/write-previews.js';
import { cli } from '../cli/run-cli.js';
import { programme } from '../fixtures/programmes.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { curvePowerGain, deviceBands } from './previews/analog-curves.js';
import { fromMidSide, shapedNoise } from './reference/signals.js';

/**
 * `mixdown master --previews`, run in-process: the preview folder's files (channels, rate,
 * length), each device preview's spectrum against its curve's analog prototypes, each
 * platform preview's loudness against the master's plus the platform's published target
 * gain, and the mono fold-down figures for a mix whose side signal is 3 dB above its mid
 * (so folding to mono keeps 1/3 of the power: −4.77 dB, correlation −1/3).
 */

const tmp = useTempDir();
const FS = 48000;

async function save(name: string, audio: AudioData): Promise<void> {
  await writeAudio(join(tmp.dir(), name), audio, {
    format: 'wav',
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    bitDepth: 32,
  });
}

const manifestOf = async (dir: string): Promise<PreviewManifest> =>
  JSON.parse(await readFile(join(tmp.dir(), dir, 'previews.json'), 'utf8'));

const mid = (audio: AudioData): Float32Array =>
  audio.channels.length === 1
    ? audio.channels[0]
    : audio.channels[0].map((v, i) => (v + audio.channels[1][i]) / 2);

/** The spectrum of `signal` zero-padded to `size`, so a filter's tail does not wrap around. */
function spectrumOf(signal: Float32Array, size: number): Float64Array {
  const fft = new RealFft(size);
  const padded = new Float64Array(size);
  padded.set(signal);
  const out = fft.createSpectrum();
  fft.forward(padded, out);
  return out;
}

/**
 * Power ratio |Y|²/|X|² over a 1/12-octave band around f, against the curve's |H|² averaged
 * with the same weights |X|²: exact for a filter, whatever the programme's spectrum.
 */
function bandRatio(
  X: Float64Array,
  Y: Float64Array,
  size: number,
  h2: (f: number) => number,
  f: number,
) {
  let xx = 0;
  let yy = 0;
  let expected = 0;
  const lo = Math.ceil((f * 2 ** (-1 / 24) * size) / FS);
  const hi = Math.floor((f * 2 ** (1 / 24) * size) / FS);
  for (let k = lo; k <= hi; k++) {
    const px = X[2 * k] ** 2 + X[2 * k + 1] ** 2;
    xx += px;
    yy += Y[2 * k] ** 2 + Y[2 * k + 1] ** 2;
    expected += h2((k * FS) / size) * px;
  }
  return { measuredDb: 10 * Math.log10(yy / xx), statedDb: 10 * Math.log10(expected / xx) };
}

describe('mixdown master --previews: a loud master of a rock programme', () => {
  let run: Awaited<ReturnType<typeof cli>>;
  let master: AudioData;
  let manifest: PreviewManifest;
  beforeAll(async () => {
    await save('rock.wav', sliceAudio(programme('dense rock'), 0, 6 * FS));
    run = await cli(
      tmp.dir(),
      'master',
      'rock.wav',
      '--lufs',
      '-9',
      '-o',
      'loud.wav',
      '--previews',
    );
    master = await readAudio(join(tmp.dir(), 'loud.wav'));
    manifest = await manifestOf('loud-previews');
  }, 120_000);

  it('says where the previews are', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /previews +loud-previews\/: 5 devices, 11 platforms, 6\.0 s from 0:00\.0 \(see previews\.json\)/,
    );
  });

  it('a device preview has the spectrum of its stated curve (±0.15 dB, analog prototypes)', async () => {
    // The whole 6 s master is shorter than a preview: the excerpt is all of it, faded.
    expect(manifest.excerpt).toMatchObject({ startFrame: 0, frames: master.channels[0].length });
    const x = mid(cutExcerpt(master, manifest.excerpt));
    const size = 2 ** Math.ceil(Math.log2(2 * x.length));
    const X = spectrumOf(x, size);
    for (const device of DEVICES) {
      const file = manifest.devices.find((d) => d.id === device.id)!.file;
      const Y = spectrumOf(mid(await readAudio(join(tmp.dir(), 'loud-previews', file))), size);
      const bands = deviceBands(device);
      for (const f of [63, 100, 250, 900, 1000, 3500, 8000, 12500]) {
        const { measuredDb, statedDb } = bandRatio(X, Y, size, (g) => curvePowerGain(bands, g), f);
        if (statedDb < -40) continue; // far down a slope, nothing there to judge
        expect(Math.abs(measuredDb - statedDb), `${device.id} at ${f} Hz`).toBeLessThan(0.15);
      }
    }
  });

  it("a platform preview plays at the master's loudness plus the platform's gain (±0.1 LU)", async () => {
    const masterLufs = analyzeAudio(master).integratedLufs;
    const normalising = PLATFORMS.filter((p) => p.targetLufs !== null);
    expect(manifest.platforms.map((p) => p.id)).toEqual(normalising.map((p) => p.id));
    for (const entry of manifest.platforms) {
      // Every normalising platform turns a −9 LUFS master down to its published target.
      const gain = findPlatform(entry.id)!.targetLufs! - masterLufs;
      expect(gain).toBeLessThan(0);
      const preview = await readAudio(join(tmp.dir(), 'loud-previews', entry.file));
      const lufs = analyzeAudio(preview).integratedLufs;
      expect(Math.abs(lufs - (masterLufs + gain)), entry.id).toBeLessThanOrEqual(0.1);
      expect(entry.gainDb).toBeCloseTo(gain, 1);
    }
  });
});

describe('mixdown master --preview-seconds: a mix whose side is 3 dB above its mid', () => {
  // The side is the mid shifted by half its (periodic) length: the same spectrum, unrelated.
  const FRAMES = 2 ** 18;
  const m = shapedNoise(FRAMES, FS, () => 0, 91, -26);
  const s = m.map((_, i) => Math.SQRT2 * m[(i + FRAMES / 2) % FRAMES]);
  const expectedLossDb = 10 * Math.log10(1 / (1 + 2));
  let run: Awaited<ReturnType<typeof cli>>;
  let manifest: PreviewManifest;
  beforeAll(async () => {
    await save('wide.wav', { sampleRate: FS, channels: fromMidSide(m, s) });
    // A limiter only, set never to act at −20 LUFS: the master is the mix times one gain.
    await writeFile(
      join(tmp.dir(), 'limiter.chain.json'),
      JSON.stringify({ format: 'mixdown-chain', version: 1, chain: [{ type: 'limiter' }] }),
    );
    run = await cli(
      tmp.dir(),
      'master',
      'wide.wav',
      '--chain',
      'limiter.chain.json',
      '--lufs',
      '-20',
      '--preview-seconds',
      '3',
    );
    manifest = await manifestOf('wide-master-previews');
  }, 120_000);

  it('writes every preview at the master’s rate, 3.000 s long, mono where the device is', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = [...manifest.devices, ...manifest.platforms];
    expect(files).toHaveLength(16);
    for (const entry of files) {
      const audio = await readAudio(join(tmp.dir(), 'wide-master-previews', entry.file));
      expect(audio.sampleRate, entry.file).toBe(FS);
      expect(audio.channels[0].length, entry.file).toBe(3 * FS);
      const mono = entry.id === 'phone';
      expect(audio.channels.length, entry.file).toBe(mono ? 1 : 2);
      expect(entry.channels).toBe(audio.channels.length);
    }
  });

  it('prints the mono fold-down figures and a verdict', () => {
    expect(expectedLossDb).toBeCloseTo(-4.77, 2);
    const line =
      /mono +loudness ([+−-][\d.]+) dB .*bass 20–120 Hz ([+−-][\d.]+) dB, correlation ([+−-][\d.]+)/.exec(
        run.stdout,
      );
    expect(line, run.stdout).not.toBeNull();
    const [loss, bass, correlation] = line!.slice(1).map((t) => Number(t.replace('−', '-')));
    expect(Math.abs(loss - expectedLossDb)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(bass - expectedLossDb)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(correlation + 1 / 3)).toBeLessThanOrEqual(0.02);
    expect(run.stdout).toMatch(/Mono: check — .*loses 4\.[78] dB of loudness in mono/);
  });

  it('writes the same figures into previews.json and the report', async () => {
    const fold = manifest.monoFold!;
    expect(Math.abs(fold.loudnessChangeDb - expectedLossDb)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(fold.bassChangeDb - expectedLossDb)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((fold.correlation ?? 0) + 1 / 3)).toBeLessThanOrEqual(0.02);
    const html = await readFile(join(tmp.dir(), 'wide-master-report.html'), 'utf8');
    const section = /<section id="mono"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const figure = (n: number, d = 1) => n.toFixed(d).replace('-', '−');
    expect(section).toContain(`${figure(fold.loudnessChangeDb)} dB`);
    expect(section).toContain(`${figure(fold.bassChangeDb)} dB`);
    expect(section).toContain(figure(fold.correlation!, 2));
    expect(section).toMatch(/<p class="verdict">Mono: check — /);
  });
});
