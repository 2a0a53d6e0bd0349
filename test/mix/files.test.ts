import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealFft } from '../../src/core/fft.js';
import { Prng } from '../../src/core/prng.js';
import { readAudio } from '../../src/io/index.js';
import { renderToFiles } from '../../src/mix/render-project.js';
import { loadProject } from '../../src/session/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { makeProject, readSession, sha256, sine, writeSession } from './project-helpers.js';

const tmp = useTempDir();

/** Level in dB (relative to the strongest bin) of the strongest component near `hz`, Blackman–Harris 4-term window. */
function spectrumDb(data: Float32Array, sampleRate: number) {
  const size = 65536;
  const fft = new RealFft(size);
  const windowed = new Float64Array(size);
  const start = Math.floor((data.length - size) / 2);
  for (let i = 0; i < size; i++) {
    const x = (2 * Math.PI * i) / (size - 1);
    const w =
      0.35875 - 0.48829 * Math.cos(x) + 0.14128 * Math.cos(2 * x) - 0.01168 * Math.cos(3 * x);
    windowed[i] = data[start + i] * w;
  }
  const spectrum = fft.createSpectrum();
  fft.forward(windowed, spectrum);
  const power = Float64Array.from(
    { length: size / 2 },
    (_, k) => spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2,
  );
  const peak = Math.max(...power);
  return (hz: number, halfWidthBins = 6): number => {
    const centre = Math.round((hz / sampleRate) * size);
    let p = 0;
    for (
      let k = Math.max(0, centre - halfWidthBins);
      k <= Math.min(size / 2 - 1, centre + halfWidthBins);
      k++
    )
      p = Math.max(p, power[k]);
    return 10 * Math.log10(p / peak);
  };
}

describe('rendering from files', () => {
  it('resamples a 44.1 kHz source into a 48 kHz session with images and aliases below −100 dB', async () => {
    // A 20 kHz tone at 44.1 kHz: an imperfect converter leaves an image at 44.1 − 20 = 24.1 kHz,
    // which folds to 23.9 kHz at 48 kHz. A 1 kHz tone's image would fold to 48 − 43.1 = 4.9 kHz.
    const dir = await mkdtemp(join(tmp.dir(), 'out-'));
    const project = await makeProject(dir, {
      high: sine(20000, 0.5, 3, 44100),
      low: sine(1000, 0.5, 3, 44100),
    });
    const doc = await readSession(project);
    expect(doc.sampleRate).toBe(44100);
    doc.sampleRate = 48000;
    doc.tracks[1].mute = true;
    await writeSession(project, doc);
    const out = join(dir, 'high.wav');
    await renderToFiles((await loadProject(project)).resolved, {
      output: out,
      format: 'wav32f',
      threads: 1,
    });
    const high = spectrumDb((await readAudio(out)).channels[0], 48000);
    expect(high(20000)).toBeCloseTo(0, 3);
    expect(high(23900)).toBeLessThan(-100);

    doc.tracks[0].mute = true;
    doc.tracks[1].mute = false;
    await writeSession(project, doc);
    const out2 = join(dir, 'low.wav');
    await renderToFiles((await loadProject(project)).resolved, {
      output: out2,
      format: 'wav32f',
      threads: 1,
    });
    const audio = await readAudio(out2);
    expect(audio.sampleRate).toBe(48000);
    expect(audio.channels[0].length).toBe(3 * 48000);
    const low = spectrumDb(audio.channels[0], 48000);
    expect(low(4900)).toBeLessThan(-100);
    // The tone keeps its pitch: the peak is at 1 kHz, not at 1000 · 48 / 44.1.
    expect(low(1000, 1)).toBeCloseTo(0, 3);
    // Centre pan of a mono track: −3 dB each side; the converted tone keeps its amplitude.
    let peak = 0;
    for (let i = 48000; i < 96000; i++) peak = Math.max(peak, Math.abs(audio.channels[0][i]));
    expect(20 * Math.log10(peak / 0.5)).toBeCloseTo(-3.01, 1);
  });

  it('renders identical bytes on 1 and 2 threads, and on two runs', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'out-'));
    const prng = new Prng(5);
    const noise = (seconds: number) => ({
      sampleRate: 48000,
      channels: [0, 1].map(() =>
        Float32Array.from({ length: seconds * 48000 }, () => 0.2 * (prng.next() - 0.5)),
      ),
    });
    const project = await makeProject(dir, {
      a: noise(6),
      b: sine(220, 0.3, 6, 48000),
      c: noise(6),
      d: sine(330, 0.2, 6, 48000, 2),
    });
    const doc = await readSession(project);
    doc.tracks[0].inserts = [
      { type: 'eq', bands: [{ type: 'bell', freqHz: 2000, gainDb: 4, q: 1 }] },
    ];
    doc.tracks[1].inserts = [{ type: 'gain', gainDb: -3 }];
    doc.tracks[1].automation = [
      {
        param: 'inserts[0].gainDb',
        points: [
          { time: 0, value: -6 },
          { time: 4, value: 0, curve: 'exponential' },
        ],
      },
    ];
    doc.tracks[2].pan = -0.5;
    doc.tracks[3].inserts = [{ type: 'width', widthPercent: 160 }];
    doc.buses = [
      {
        name: 'Bus',
        inserts: [{ type: 'eq', bands: [{ type: 'highshelf', freqHz: 8000, gainDb: -2 }] }],
      },
    ];
    doc.tracks[2].output = 'Bus';
    doc.tracks[0].sends = [{ to: 'Bus', levelDb: -10 }];
    await writeSession(project, doc);
    const session = (await loadProject(project)).resolved;
    const render = async (name: string, threads: number) => {
      const out = join(dir, name);
      const result = await renderToFiles(session, { output: out, format: 'wav32f', threads });
      // Only a render that really used workers proves anything about them.
      expect(result.workerThreads).toBe(threads > 1 ? threads : 0);
      return sha256(out);
    };
    const one = await render('one.wav', 1);
    expect(await render('two.wav', 2)).toBe(one);
    expect(await render('again.wav', 1)).toBe(one);
  });

  it('writes stems aligned with the mix, and a range equal to the same part of the full mix', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'out-'));
    const project = await makeProject(dir, {
      a: sine(200, 0.3, 2, 48000),
      b: sine(300, 0.3, 2, 48000),
    });
    const session = (await loadProject(project)).resolved;
    const full = join(dir, 'full.wav');
    const result = await renderToFiles(session, {
      output: full,
      format: 'wav32f',
      stemsDir: join(dir, 'stems'),
    });
    expect((await readdir(join(dir, 'stems'))).sort()).toEqual(
      ['a.wav', 'b.wav'].map((f) => `take ${f}`).sort(),
    );
    const mix = (await readAudio(full)).channels[0];
    const a = (await readAudio(result.stems[0])).channels[0];
    const b = (await readAudio(result.stems[1])).channels[0];
    let maxError = 0;
    for (let i = 0; i < mix.length; i++)
      maxError = Math.max(maxError, Math.abs(mix[i] - (a[i] + b[i])));
    expect(maxError).toBeLessThan(1e-6);
    const part = join(dir, 'part.wav');
    await renderToFiles(session, {
      output: part,
      format: 'wav32f',
      range: { startSeconds: 0.5, endSeconds: 1.25 },
    });
    const p = (await readAudio(part)).channels[0];
    expect(p.length).toBe(0.75 * 48000);
    expect(Array.from(p.subarray(0, 100))).toEqual(Array.from(mix.subarray(24000, 24100)));
  });

  it('leaves nothing under the output name when a render fails', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'out-'));
    const project = await makeProject(dir, { a: sine(200, 0.3, 1, 48000) });
    const session = (await loadProject(project)).resolved;
    const out = join(dir, 'never.wav');
    const broken = {
      ...session,
      sources: session.sources.map((s) => ({ ...s, absolutePath: join(dir, 'gone.wav') })),
    };
    await expect(renderToFiles(broken, { output: out, format: 'wav24' })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});
