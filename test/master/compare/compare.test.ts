import { describe, expect, it } from 'vitest';
import { resampleAudio } from '../../../src/dsp/resample/index.js';
import { compareAudio } from '../../../src/master/compare/index.js';
import { renderInserts } from '../../../src/master/reference/index.js';
import { whiteNoise } from '../reference/signals.js';
import { delayedNoisePair } from './signals.js';

/**
 * Comparison against constructed truth: identical files null to silence; a copy delayed by a
 * fraction of a sample and turned down nulls once aligned (offset, gain and residual read
 * back); an EQ'd copy's band differences are the EQ's design, averaged over each band.
 */
const FS = 48000;
const FRAMES = 2 ** 18;

function stereoPair(delaySamples: number, gainDb: number) {
  const l = delayedNoisePair(FRAMES, FS, delaySamples, gainDb, 5);
  const r = delayedNoisePair(FRAMES, FS, delaySamples, gainDb, 6);
  return {
    a: { sampleRate: FS, channels: [l.a, r.a] },
    b: { sampleRate: FS, channels: [l.b, r.b] },
  };
}

describe('compare: null test', () => {
  it('nulls identical files to silence (−∞ dB)', () => {
    const { a } = stereoPair(0, 0);
    const c = compareAudio(a, { sampleRate: FS, channels: a.channels.map((x) => x.slice()) });
    expect(c.nullTest.done).toBe(true);
    expect(c.nullTest.offsetSamples).toBe(0);
    expect(c.nullTest.residualDb).toBe(Number.NEGATIVE_INFINITY);
    expect(c.loudnessMatchGainDb).toBe(0);
    for (const band of c.thirdOctaveBands) expect(band.differenceDb ?? 0).toBe(0);
  });

  it('finds a 37.3-sample delay and a 1.5 dB drop, and nulls to below −100 dB', () => {
    // Measured: offset 37.2999999 samples, gain +1.49998 dB, residual −110.5 dB (the
    // fractional-delay interpolator's floor over a band reaching 0.4·fs).
    const { a, b } = stereoPair(37.3, -1.5);
    const n = compareAudio(a, b).nullTest;
    expect(Math.abs(n.offsetSamples - 37.3)).toBeLessThan(1e-4);
    expect(n.offsetMs).toBeCloseTo((37.3 / FS) * 1000, 6);
    expect(Math.abs(n.gainDb - 1.5)).toBeLessThan(1e-3);
    expect(n.polarityInverted).toBe(false);
    expect(n.residualDb).toBeLessThan(-100);
  });

  it('reports a polarity-inverted copy as such and nulls it', () => {
    const { a } = stereoPair(0, 0);
    const inverted = { sampleRate: FS, channels: a.channels.map((x) => x.map((v) => -v)) };
    const n = compareAudio(a, inverted).nullTest;
    expect(n.polarityInverted).toBe(true);
    expect(n.residualDb).toBe(Number.NEGATIVE_INFINITY);
  });

  it('converts b to a’s rate for the null test when the rates differ', () => {
    // Measured: a 48 → 44.1 kHz copy nulls against the original to −101.5 dB (the
    // converters' error, both ways), at offset 0 and gain 0 dB.
    const { a } = stereoPair(0, 0);
    const b = resampleAudio(a, 44100);
    const c = compareAudio(a, b);
    expect(c.b.sampleRate).toBe(44100);
    expect(Math.abs(c.nullTest.offsetSamples)).toBeLessThan(1e-3);
    expect(Math.abs(c.nullTest.gainDb)).toBeLessThan(1e-3);
    expect(c.nullTest.residualDb).toBeLessThan(-90);
    expect(c.nullTest.notes[0]).toMatch(/converted from 44100 Hz to 48000 Hz/);
    // Spectra are compared in Hz, each at its own rate.
    for (const band of c.octaveBands) expect(Math.abs(band.differenceDb ?? 0)).toBeLessThan(0.2);
  });

  it('refuses to null two different pieces of material', () => {
    const noise = (seed: number) => Float32Array.from(whiteNoise(FRAMES, seed), (v) => 0.1 * v);
    const c = compareAudio(
      { sampleRate: FS, channels: [noise(1)] },
      { sampleRate: FS, channels: [noise(2)] },
    );
    expect(c.nullTest.done).toBe(false);
    expect(c.nullTest.reason).toMatch(/do not correlate/);
    expect(c.findings.at(-1)).toMatch(/^Null test not done: the files do not correlate/);
  });
});

describe('compare: spectrum difference at matched loudness', () => {
  /** |H|² of the RBJ bell and shelf prototypes at f (analog-prototypes.ts definitions). */
  const bell = (f: number, f0: number, gainDb: number, q: number) => {
    const w = f / f0;
    const a = 10 ** (gainDb / 40);
    return ((1 - w * w) ** 2 + ((a / q) * w) ** 2) / ((1 - w * w) ** 2 + (w / (a * q)) ** 2);
  };
  const highShelf = (f: number, f0: number, gainDb: number) => {
    const w = f / f0;
    const a = 10 ** (gainDb / 40);
    const k = Math.sqrt(a) * Math.SQRT2 * w;
    return (a * a * ((1 - a * w * w) ** 2 + k * k)) / ((a - w * w) ** 2 + k * k);
  };
  const design = (f: number) => bell(f, 1000, 4, 1) * highShelf(f, 8000, -3);

  it("matches the EQ's design, band-averaged, within 0.05 dB (third-octave bands to 16 kHz)", () => {
    // Measured: largest error 0.008 dB over the 28 bands (the EQ promises 0.1 dB to its
    // prototypes; the spectra of one noise before and after share their randomness).
    const { a } = stereoPair(0, 0);
    const b = renderInserts(a, [
      {
        type: 'eq',
        bands: [
          { type: 'bell', freqHz: 1000, gainDb: 4, q: 1 },
          { type: 'highshelf', freqHz: 8000, gainDb: -3, q: Math.SQRT1_2 },
        ],
      },
    ]);
    const c = compareAudio(a, b);
    // The signal's density is flat (20 Hz–19.2 kHz), so a band's power changes by the mean
    // of |H|² over the band in Hz.
    let checked = 0;
    let worst = 0;
    for (const band of c.thirdOctaveBands) {
      if (band.centreHz < 25 || band.centreHz > 16000) continue;
      const lo = band.centreHz * 2 ** (-1 / 6);
      const hi = band.centreHz * 2 ** (1 / 6);
      let sum = 0;
      const steps = 2000;
      for (let i = 0; i < steps; i++) sum += design(lo + ((i + 0.5) * (hi - lo)) / steps);
      const expected = 10 * Math.log10(sum / steps);
      expect(band.differenceDb).not.toBeNull();
      const error = Math.abs(band.differenceDb! - c.loudnessMatchGainDb - expected);
      worst = Math.max(worst, error);
      expect(error).toBeLessThan(0.05);
      checked++;
    }
    expect(checked).toBe(28);
    expect(worst).toBeGreaterThan(0); // real numbers, not a tautology
    // The loudness match itself (the −3 dB shelf outweighs the bell under K-weighting).
    expect(c.loudnessMatchGainDb).toBeCloseTo(c.a.integratedLufs - c.b.integratedLufs, 9);
    expect(Math.abs(c.loudnessMatchGainDb)).toBeGreaterThan(0.3);
    expect(c.findings.join(' ')).toMatch(/At matched loudness/);
  });
});
