import { describe, expect, it } from 'vitest';
import {
  designInterpolator,
  VERIFICATION_GRADE,
} from '../../../src/analysis/interpolator-design.js';
import { Prng } from '../../../src/core/prng.js';
import { LookaheadGain } from '../../../src/dsp/nonlinear/lookahead-gain.js';
import { MeterInterpolant } from '../../../src/dsp/nonlinear/meter-interpolant.js';
import { parabolicUnderReadDb } from '../../../src/dsp/nonlinear/parabolic-peak.js';
import { SlidingMin } from '../../../src/dsp/nonlinear/sliding-min.js';
import {
  DETECTION_FACTOR,
  DETECTOR_UNDER_READ_DB,
  TruePeakDetector,
} from '../../../src/dsp/nonlinear/true-peak-detector.js';
import { toDb } from './spectrum.js';

describe('true-peak detector', () => {
  it('the parabola refinement beats the bare 8× grid bound of loudness.md §2 by a wide margin', () => {
    // Bare grid: −20·log10(cos(π f/(n fs))) = 0.169 dB at fs/2 for n = 8.
    const bare = -20 * Math.log10(Math.cos(Math.PI / (2 * DETECTION_FACTOR)));
    expect(bare).toBeCloseTo(0.169, 3);
    expect(DETECTOR_UNDER_READ_DB).toBeLessThan(bare / 20);
    // The under-read grows with frequency, so the fs/2 value bounds every lower one.
    let last = 0;
    for (const f of [0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5]) {
      const u = parabolicUnderReadDb(f, DETECTION_FACTOR);
      expect(u).toBeGreaterThanOrEqual(last);
      last = u;
    }
  });

  it('reads a sine’s amplitude within the stated limits, for any frequency up to 0.47·fs and any phase', () => {
    const fs = 48000;
    const prng = new Prng(5);
    let worstLowDb = 0;
    let worstHighDb = 0;
    for (const f of [50, 997, 5000, 11025, 15000, 19000, 21000, 22000, 22560]) {
      for (let trial = 0; trial < 6; trial++) {
        const phase = prng.uniform(0, 2 * Math.PI);
        const frames = 4096;
        const x = new Float64Array(frames);
        for (let i = 0; i < frames; i++) x[i] = 0.7 * Math.sin((2 * Math.PI * f * i) / fs + phase);
        const d = new TruePeakDetector(1, 512);
        const peaks = new Float64Array(512);
        let max = 0;
        for (let p = 0; p < frames; p += 512) {
          d.detect(0, x.subarray(p, p + 512), 512, peaks);
          // Past the filters' start-up, and before the end.
          if (p >= 1024) for (const v of peaks) max = Math.max(max, v);
        }
        const errorDb = toDb((max * d.underReadGain) / 0.7);
        worstLowDb = Math.min(worstLowDb, errorDb);
        worstHighDb = Math.max(worstHighDb, errorDb);
      }
    }
    // Never low (after the margin); high by no more than the margin and ripple it adds.
    expect(worstLowDb).toBeGreaterThanOrEqual(0);
    expect(worstHighDb).toBeLessThan(0.02);
  });
});

describe('sliding minimum', () => {
  it('equals the brute-force minimum over the last W values, for several W', () => {
    const prng = new Prng(9);
    const values = Array.from({ length: 3000 }, () => Math.floor(prng.uniform(-50, 0)));
    for (const window of [1, 2, 7, 64, 300]) {
      const m = new SlidingMin(400, window);
      let mismatches = 0;
      values.forEach((v, i) => {
        let expected = Number.POSITIVE_INFINITY;
        for (let k = Math.max(0, i - window + 1); k <= i; k++)
          expected = Math.min(expected, values[k]);
        if (m.push(v) !== expected) mismatches++;
      });
      expect(mismatches).toBe(0);
    }
  });
});

describe('look-ahead gain computer', () => {
  it('never exceeds a target over the plateau [k + S − 1, k + H − 1], whatever the release', () => {
    const prng = new Prng(13);
    for (const [S, H, releaseMs, adaptive] of [
      [96, 103, 100, true],
      [33, 40, 5, false],
      [10, 10, 1, true],
    ] as const) {
      const g = new LookaheadGain(200, 300);
      g.setLengths(S, H);
      g.setRelease(releaseMs, adaptive, 48000);
      const n = 20000;
      const targets = new Float64Array(n);
      for (let i = 0; i < n; i++) targets[i] = prng.next() < 0.02 ? -prng.uniform(0, 2) : 0;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = g.next(targets[i]);
      for (let k = 0; k < n - H; k++) {
        if (targets[k] === 0) continue;
        for (let m = k + S - 1; m <= k + H - 1; m++) {
          if (out[m] > targets[k] + 1e-12) expect(out[m]).toBeLessThanOrEqual(targets[k]);
        }
      }
      expect(Math.max(...out)).toBeLessThanOrEqual(0);
    }
  });

  it('returns exactly 0 (unity gain) while no reduction is asked for, also after one has ended', () => {
    const g = new LookaheadGain(100, 100);
    g.setLengths(50, 60);
    g.setRelease(1, false, 48000);
    for (let i = 0; i < 100; i++) expect(g.next(0)).toBe(0);
    g.next(-1);
    let last = -1;
    for (let i = 0; i < 48000; i++) last = g.next(0);
    expect(last).toBe(0);
  });
});

describe('meter interpolant', () => {
  it('equals the analyser’s branches evaluated directly, x[n − 24] on phase 0', () => {
    const design = designInterpolator(8, VERIFICATION_GRADE);
    const m = new MeterInterpolant(1, 512);
    const n = 3000;
    const x = new Float64Array(n).map((_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 2.9));
    const top = new Float64Array(n * 8);
    const block = new Float64Array(512 * 8);
    for (let p = 0; p < n; p += 250) {
      const k = Math.min(250, n - p); // not a multiple of 4: the one-frame path runs too
      m.process(0, x.subarray(p, p + k), k, block);
      top.set(block.subarray(0, k * 8), p * 8);
    }
    let worst = 0;
    for (let i = 100; i < n; i++) {
      worst = Math.max(worst, Math.abs(top[i * 8] - x[i - m.delay]));
      for (let p = 1; p < 8; p++) {
        let y = 0;
        for (let j = 0; j < 48; j++) y += design.branches[p - 1][j] * x[i - 47 + j];
        worst = Math.max(worst, Math.abs(y - top[i * 8 + p]));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
