import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../src/core/errors.js';
import { valuesFromSettings } from '../../src/dsp/params.js';
import { multibandProcessor } from '../../src/master/processors/multiband.js';
import { magnitudeDb, processWith, tone, toneAmplitude } from './helpers.js';

/**
 * The multiband compressor against mathematics: idle, its bands sum to the crossover's
 * allpass (flat magnitude); active, a band follows the static compressor curve; each band's
 * settings act on its own frequencies only.
 */

const IR_FRAMES = 1 << 16;

function impulseResponse(settings: Record<string, unknown>, sampleRate: number, height: number) {
  const x = new Float32Array(IR_FRAMES);
  x[0] = height;
  const [y] = processWith(multibandProcessor, settings, sampleRate, [x]);
  return y.map((v) => v / height);
}

describe('multiband: idle bands sum to flat magnitude', () => {
  const cases: [string, Record<string, unknown>, number][] = [
    ['2 bands, LR4, ratio 1', { bands: [{ crossoverHz: 300 }, {}] }, 0.9],
    [
      '3 bands, LR8, ratio 1',
      { bands: [{ crossoverHz: 120 }, { crossoverHz: 2500 }, {}], slopeDbPerOct: '48' },
      0.9,
    ],
    [
      '4 bands, LR4, compressing settings but below every threshold',
      {
        bands: [
          { crossoverHz: 90, ratio: 4, thresholdDb: -20 },
          { crossoverHz: 800, ratio: 3, thresholdDb: -20 },
          { crossoverHz: 6000, ratio: 8, thresholdDb: -20 },
          { ratio: 2, thresholdDb: -20 },
        ],
        detection: 'peak',
      },
      0.01, // −40 dBFS: no band reaches the knee
    ],
  ];
  for (const sampleRate of [44100, 48000]) {
    for (const [name, settings, height] of cases) {
      it(`${sampleRate} Hz, ${name}: |H| within 0.01 dB of 0 dB at every FFT bin`, () => {
        const magnitude = magnitudeDb(impulseResponse(settings, sampleRate, height));
        let worst = 0;
        for (const m of magnitude) worst = Math.max(worst, Math.abs(m));
        expect(worst).toBeLessThan(0.01);
      });
    }
  }
});

describe('multiband: an active band follows the static curve', () => {
  it('a 1 kHz tone in the middle band is reduced by (L − T)(1 − 1/ratio), RMS detection, hard knee', () => {
    const fs = 48000;
    const [f1, f2] = [100, 10000];
    const amplitude = 0.5;
    const [thresholdDb, ratio] = [-20, 4];
    const x = tone(1000, amplitude, fs * 2, fs);
    const [y] = processWith(
      multibandProcessor,
      {
        bands: [{ crossoverHz: f1 }, { crossoverHz: f2, thresholdDb, ratio, kneeDb: 0 }, {}],
        detection: 'rms',
      },
      fs,
      [x],
    );
    // The middle band is HP(f1)·LP(f2): bilinear LR4 magnitudes with pre-warped cutoffs.
    const warp = (f: number) => Math.tan((Math.PI * f) / fs);
    const r1 = warp(1000) / warp(f1);
    const r2 = warp(1000) / warp(f2);
    const bandGain = (r1 ** 4 / (1 + r1 ** 4)) * (1 / (1 + r2 ** 4));
    const levelDb = 20 * Math.log10((amplitude * bandGain) / Math.SQRT2);
    const reductionDb = (levelDb - thresholdDb) * (1 - 1 / ratio);
    const expectedDb = 20 * Math.log10(amplitude * bandGain) - reductionDb;
    // The last second: attack and release have long settled (1000 periods).
    const measuredDb = 20 * Math.log10(toneAmplitude(y, 1000, fs, fs, fs));
    expect(reductionDb).toBeGreaterThan(8);
    expect(Math.abs(measuredDb - expectedDb)).toBeLessThan(0.1);
  });

  it("a band's makeup moves its own frequencies and leaves the others alone", () => {
    const fs = 48000;
    const x = new Float32Array(fs);
    const low = tone(50, 0.25, fs, fs);
    const high = tone(3000, 0.25, fs, fs);
    for (let i = 0; i < fs; i++) x[i] = low[i] + high[i];
    const [y] = processWith(
      multibandProcessor,
      { bands: [{ crossoverHz: 400, makeupDb: 6 }, {}] },
      fs,
      [x],
    );
    const gainAt = (f: number) => 20 * Math.log10(toneAmplitude(y, f, fs, fs / 2, fs / 2) / 0.25);
    expect(Math.abs(gainAt(50) - 6)).toBeLessThan(0.05);
    expect(Math.abs(gainAt(3000))).toBeLessThan(0.05);
  });
});

describe('multiband: settings', () => {
  it('refuses crossovers that do not rise from band to band, naming the parameter', () => {
    const values = valuesFromSettings(multibandProcessor.params, {
      bands: [{ crossoverHz: 2000 }, { crossoverHz: 500 }, {}],
    });
    let caught: unknown;
    try {
      multibandProcessor.create(values);
    } catch (error) {
      caught = error;
    }
    expect(isMixdownError(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      'bands[1].crossoverHz must be above bands[0].crossoverHz (2000 Hz), got 500.',
    );
  });

  it('keeps every band at a low sample rate: crossovers above 0.45·fs are capped in order', () => {
    const magnitude = magnitudeDb(
      impulseResponse(
        { bands: [{ crossoverHz: 9000 }, { crossoverHz: 15000 }, { crossoverHz: 20000 }, {}] },
        22050,
        0.9,
      ),
    );
    let worst = 0;
    for (const m of magnitude) worst = Math.max(worst, Math.abs(m));
    expect(worst).toBeLessThan(0.01);
  });
});
