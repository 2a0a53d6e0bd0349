import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../src/core/fft.js';
import {
  combineReferences,
  matchReferences,
  profileAudio,
  renderInserts,
} from '../../../src/master/reference/index.js';
import type { InsertDocument } from '../../../src/session/schema.js';
import { audibleBand, fromMidSide, shapedNoise } from './signals.js';

/**
 * The match EQ's realised response, read from its impulse response: mid (L = R = δ) and side
 * (L = −R = δ) separately. The FIR must follow its declared curve — linear in dB over
 * log-frequency between points, flat beyond the ends, clamped to the bounds — computed here
 * from that definition, at the input's own sample rate.
 */
const FRAMES = 65536;
const AT = 16384;

/** |H| in dB at `frequencyHz` of the insert, for mid ('mid') or side ('side') excitation. */
function responseDb(insert: InsertDocument, sampleRate: number, which: 'mid' | 'side') {
  const left = new Float32Array(FRAMES);
  const right = new Float32Array(FRAMES);
  left[AT] = 1;
  right[AT] = which === 'mid' ? 1 : -1;
  const out = renderInserts({ sampleRate, channels: [left, right] }, [insert]);
  const fft = new RealFft(FRAMES);
  const spectrum = fft.createSpectrum();
  // L = M′ + S′: with only mid (or only side) excited, L is that path's impulse response.
  fft.forward(out.channels[0], spectrum);
  return (frequencyHz: number) => {
    const k = Math.round((frequencyHz * FRAMES) / sampleRate);
    return 10 * Math.log10(spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2);
  };
}

/** The curve as documented, written out independently. */
function declared(points: [number, number][], frequencyHz: number, lo: number, hi: number) {
  let g: number;
  if (frequencyHz <= points[0][0]) g = points[0][1];
  else if (frequencyHz >= points[points.length - 1][0]) g = points[points.length - 1][1];
  else {
    const j = points.findIndex(([f]) => f >= frequencyHz);
    const [f0, g0] = points[j - 1];
    const [f1, g1] = points[j];
    g = g0 + ((g1 - g0) * Math.log2(frequencyHz / f0)) / Math.log2(f1 / f0);
  }
  return Math.min(hi, Math.max(-lo, g));
}

describe('match EQ response', () => {
  const mid: [number, number][] = [
    [100, 3],
    [1000, -2],
    [10000, 5],
  ];
  const side: [number, number][] = [
    [100, -8],
    [1000, 1],
    [10000, 2],
  ];
  const insert: InsertDocument = {
    type: 'match-eq',
    // Deliberately out of order: the processor sorts by frequency.
    points: [2, 0, 1].map((i) => ({
      frequencyHz: mid[i][0],
      midGainDb: mid[i][1],
      sideGainDb: side[i][1],
    })),
    maxBoostDb: 4,
    maxCutDb: 6,
  };
  const probes = [30, 60, 100, 200, 316, 1000, 2000, 3162, 6000, 10000, 16000];

  for (const sampleRate of [44100, 48000, 96000]) {
    it(`follows its declared mid and side curves within 0.1 dB at ${sampleRate} Hz`, () => {
      const m = responseDb(insert, sampleRate, 'mid');
      const s = responseDb(insert, sampleRate, 'side');
      for (const f of probes) {
        expect(Math.abs(m(f) - declared(mid, f, 6, 4))).toBeLessThan(0.1);
        expect(Math.abs(s(f) - declared(side, f, 6, 4))).toBeLessThan(0.1);
      }
      // The bounds are active here: +5 dB is held at +4, −8 dB at −6.
      expect(m(16000)).toBeCloseTo(4, 1);
      expect(s(30)).toBeCloseTo(-6, 1);
    });
  }

  it('is an exact identity with no latency when the curve is flat', () => {
    const x = shapedNoise(8192, 48000, () => 0, 5, -20);
    const flat = { type: 'match-eq', points: [{ frequencyHz: 1000, midGainDb: 0, sideGainDb: 0 }] };
    const out = renderInserts({ sampleRate: 48000, channels: [x, x.map((v) => -0.5 * v)] }, [flat]);
    expect(out.channels[0]).toEqual(x);
  });

  it('a match never boosts or cuts beyond its bounds, whatever the reference asks', () => {
    const fs = 48000;
    const frames = 2 ** 17;
    // The reference is 15 dB brighter above 5 kHz and 12 dB heavier below 80 Hz.
    const shape = audibleBand((f) => -4.5 * Math.log2(f / 1000));
    const demanding = audibleBand(
      (f) => shape(f) + (f > 5000 ? 15 : 0) + (f < 80 ? 12 : 0) - (f > 300 && f < 600 ? 10 : 0),
    );
    const reference = {
      sampleRate: fs,
      channels: fromMidSide(
        shapedNoise(frames, fs, demanding, 31, -18),
        shapedNoise(frames, fs, demanding, 32, -20),
      ),
    };
    const mix = {
      sampleRate: fs,
      channels: fromMidSide(
        shapedNoise(frames, fs, shape, 33, -20),
        shapedNoise(frames, fs, shape, 34, -36),
      ),
    };
    const match = matchReferences(
      profileAudio(mix),
      combineReferences([{ profile: profileAudio(reference) }]),
      { maxBoostDb: 3, maxCutDb: 2 },
    );
    for (const which of ['mid', 'side'] as const) {
      const r = responseDb(match.insert, fs, which);
      const levels = [];
      for (let f = 20; f <= 20000; f *= 2 ** (1 / 12)) levels.push(r(f));
      // 0.05 dB: the FIR's ripple around its design (Blackman window).
      expect(Math.max(...levels)).toBeLessThanOrEqual(3 + 0.05);
      expect(Math.min(...levels)).toBeGreaterThanOrEqual(-2 - 0.05);
      // The bounds are reached: the reference asks for far more.
      expect(Math.max(...levels)).toBeGreaterThan(2.9);
      expect(Math.min(...levels)).toBeLessThan(-1.9);
    }
    expect(match.decisions[0].reason).toMatch(/held at the \+3\/−2 dB bounds/);
  });
});
