import { describe, expect, it } from 'vitest';
import { deesserProcessor } from '../../../src/dsp/dynamics/deesser.js';
import {
  LinearPhaseSplit,
  SPLIT_HALF_LENGTH_MS,
} from '../../../src/dsp/dynamics/linear-phase-split.js';
import { noise } from '../contract.js';
import { butterworthHighPassDb } from './reference.js';
import { ampToDb, create, render, tone, toneDb } from './signals.js';

const FS = 48000;

const powerSumDb = (...levelsDb: number[]): number =>
  10 * Math.log10(levelsDb.reduce((sum, db) => sum + 10 ** (db / 10), 0));

/** A 1 kHz tone (below the split) and an 8 kHz "sibilant" tone (above it), both −12 dBFS peak. */
function voiceAndSibilance(frames: number): Float32Array {
  const low = tone(1000, -12, frames, FS);
  const high = tone(8000, -12, frames, FS);
  return low.map((x, i) => x + high[i]);
}

/** Levels (dBFS) of the 1 kHz and 8 kHz components in the last 0.1 s (whole periods of both). */
function components(x: Float32Array): { lowDb: number; highDb: number } {
  const from = x.length - FS / 10;
  return {
    lowDb: toneDb(x, 1000, FS, from, FS / 10),
    highDb: toneDb(x, 8000, FS, from, FS / 10),
  };
}

describe('de-esser: split/sum transparency', () => {
  for (const fs of [44100, 48000, 96000]) {
    it(`${fs} Hz: idle, the output is the input delayed by the reported latency, bit-exact`, () => {
      const p = create(deesserProcessor, { thresholdDb: 0, rangeDb: 12, frequencyHz: 5000 }, fs, 2);
      expect(p.latency).toBe(Math.round((SPLIT_HALF_LENGTH_MS / 1000) * fs));
      // −20 dB noise: its high band stays far below a 0 dBFS threshold.
      const input = noise(2, 8192, 3).map((d) => d.map((v) => v * 0.1));
      const out = render(p, input, undefined, 333);
      const d = p.latency;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < d; i++) expect(out[c][i]).toBe(0);
        for (let i = d; i < 8192; i++) {
          if (out[c][i] !== input[c][i - d]) throw new Error(`differs at ${i}`);
        }
      }
    });
  }

  it('the bands are complementary: high-band amplitude + low-band amplitude = 1 at every frequency', () => {
    const split = new LinearPhaseSplit(1, FS);
    split.design(5000, FS);
    // Measure the high band by running tones through it and compare with the design.
    for (const f of [500, 2000, 4000, 5000, 6000, 9000, 15000]) {
      const frames = 9600;
      const x = tone(f, 0, frames, FS);
      const delayed = new Float32Array(frames);
      const high = new Float64Array(frames);
      split.processChannel(0, x, delayed, high, frames);
      const highF32 = Float32Array.from(high);
      const lowF32 = Float32Array.from(high, (h, i) => delayed[i] - h);
      const measuredHigh = 10 ** (toneDb(highF32, f, FS, 4800, 4800) / 20);
      const measuredLow = 10 ** (toneDb(lowF32, f, FS, 4800, 4800) / 20);
      // Linear phase: both bands are in phase with the delayed input, so amplitudes add to 1.
      expect(measuredHigh + measuredLow).toBeCloseTo(1, 3);
      expect(measuredHigh).toBeCloseTo(Math.abs(split.highBandAmplitude(f, FS)), 3);
    }
  });
});

describe('de-esser: reduction only above the split', () => {
  it('range reached: the 8 kHz tone drops by the range, the 1 kHz tone is untouched', () => {
    const input = voiceAndSibilance(FS / 2);
    const p = create(deesserProcessor, { frequencyHz: 5000, thresholdDb: -40, rangeDb: 12 });
    const before = components(input);
    const after = components(render(p, [input])[0]);
    expect(Math.abs(after.lowDb - before.lowDb)).toBeLessThan(0.01);
    expect(Math.abs(after.highDb - before.highDb + 12)).toBeLessThan(0.1);
  });

  it('below the range: the high band is brought down to the threshold (RMS)', () => {
    const input = voiceAndSibilance(FS / 2);
    const p = create(deesserProcessor, { frequencyHz: 5000, thresholdDb: -20, rangeDb: 24 });
    const before = components(input);
    const after = components(render(p, [input])[0]);
    // Detector: both tones (RMS −12 − 3.01 dBFS) through the 4th-order Butterworth
    // high-pass at 5 kHz, powers added; the reduction is its excess over the threshold.
    const rms = -12 + ampToDb(Math.SQRT1_2);
    const detected = powerSumDb(
      rms + butterworthHighPassDb(1000, 5000, FS, 4),
      rms + butterworthHighPassDb(8000, 5000, FS, 4),
    );
    const expected = detected - -20;
    expect(Math.abs(before.highDb - after.highDb - expected)).toBeLessThan(0.1);
    expect(Math.abs(after.lowDb - before.lowDb)).toBeLessThan(0.01);
  });

  it('a tone only below the split never triggers it: the output is the delayed input', () => {
    // A 10 ms raised-cosine fade-in: an abrupt start is a click, with energy above the split.
    const fade = FS / 100;
    const input = tone(1000, -3, FS / 4, FS).map((x, i) =>
      i < fade ? x * 0.5 * (1 - Math.cos((Math.PI * i) / fade)) : x,
    );
    const p = create(deesserProcessor, { frequencyHz: 5000, thresholdDb: -50, rangeDb: 12 });
    const out = render(p, [input])[0];
    const d = p.latency;
    for (let i = d; i < input.length; i++) {
      if (out[i] !== input[i - d]) throw new Error(`reduced at sample ${i}`);
    }
  });

  it('wideband mode reduces everything by the same amount', () => {
    const input = voiceAndSibilance(FS / 2);
    const p = create(deesserProcessor, {
      frequencyHz: 5000,
      thresholdDb: -40,
      rangeDb: 12,
      mode: 'wideband',
    });
    const before = components(input);
    const after = components(render(p, [input])[0]);
    expect(Math.abs(after.lowDb - before.lowDb + 12)).toBeLessThan(0.1);
    expect(Math.abs(after.highDb - before.highDb + 12)).toBeLessThan(0.1);
  });
});

describe('de-esser: listen', () => {
  it('outputs the detector band: above the split passes, below is stopped by ≥ 60 dB', () => {
    const frames = FS / 4;
    const p = (): ReturnType<typeof create> =>
      create(deesserProcessor, { frequencyHz: 6000, thresholdDb: -60, rangeDb: 12, listen: true });
    const at = (f: number): number =>
      toneDb(render(p(), [tone(f, 0, frames, FS)])[0], f, FS, frames - 4800, 4800);
    expect(Math.abs(at(10000))).toBeLessThan(0.01);
    expect(at(1000)).toBeLessThan(-60);
    expect(at(3000)).toBeLessThan(-60);
    // The split frequency is the −6 dB point of both bands.
    expect(Math.abs(at(6000) - ampToDb(0.5))).toBeLessThan(0.1);
  });
});
