import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../../src/core/errors.js';
import {
  designPolyphaseFilter,
  type PolyphaseFilter,
} from '../../../src/dsp/resample/polyphase-filter.js';
import { conversionRatio } from '../../../src/dsp/resample/rational-ratio.js';

/** The prototype as (offset from centre in prototype samples, coefficient / up) pairs. */
function prototype(filter: PolyphaseFilter): { offsets: number[]; taps: number[] } {
  const { upFactor: up, downFactor: down, tapsPerPhase: K, oldestTap } = filter;
  const centre = filter.latencyOutputFrames * down;
  const offsets: number[] = [];
  const taps: number[] = [];
  for (let phase = 0; phase < up; phase++) {
    for (let t = 0; t < K; t++) {
      const h = filter.coefficients[phase * K + t];
      if (h === 0) continue;
      offsets.push((oldestTap - t) * up + phase - centre);
      taps.push(h / up);
    }
  }
  return { offsets, taps };
}

/**
 * Zero-phase response of a prototype symmetric about 0, at `frequencyHz`: Σ h(s)·cos(ωs)
 * (its symmetry is tested separately, so each pair ±s counts twice).
 */
function response(
  p: { offsets: number[]; taps: number[] },
  frequencyHz: number,
  prototypeRateHz: number,
): number {
  const w = (2 * Math.PI * frequencyHz) / prototypeRateHz;
  let sum = 0;
  for (let i = 0; i < p.taps.length; i++) {
    const s = p.offsets[i];
    if (s > 0) sum += 2 * p.taps[i] * Math.cos(w * s);
    else if (s === 0) sum += p.taps[i];
  }
  return sum;
}

describe('conversion ratios', () => {
  it('reduce fs_out / fs_in by their gcd', () => {
    expect(conversionRatio(44100, 48000)).toEqual({ up: 160, down: 147 });
    expect(conversionRatio(48000, 44100)).toEqual({ up: 147, down: 160 });
    expect(conversionRatio(96000, 48000)).toEqual({ up: 1, down: 2 });
    expect(conversionRatio(8000, 192000)).toEqual({ up: 24, down: 1 });
    expect(conversionRatio(96000, 44100)).toEqual({ up: 147, down: 320 });
    expect(conversionRatio(48000, 48000)).toEqual({ up: 1, down: 1 });
  });
});

describe('polyphase prototype design', () => {
  it('is symmetric about a centre that is a whole number of output samples, and causal', () => {
    for (const [fsIn, fsOut] of [
      [44100, 48000],
      [48000, 44100],
      [96000, 48000],
      [8000, 48000],
    ]) {
      const filter = designPolyphaseFilter(fsIn, fsOut);
      expect(Number.isInteger(filter.latencyOutputFrames)).toBe(true);
      expect(filter.newestTap).toBeGreaterThanOrEqual(0);
      expect(filter.latencyInputFrames).toBe((filter.latencyOutputFrames * fsIn) / fsOut);
      const p = prototype(filter);
      const byOffset = new Map(p.offsets.map((s, i) => [s, p.taps[i]]));
      expect(byOffset.size).toBe(filter.design.prototypeTaps);
      for (const [s, h] of byOffset) expect(byOffset.get(-s)).toBe(h);
    }
  });

  it('reports the Kaiser design: β from the attenuation, length from the transition band', () => {
    const standard = designPolyphaseFilter(48000, 44100, 'standard').design;
    expect(standard.kind).toBe('kaiser-windowed-sinc');
    expect(standard.passbandEdgeHz).toBe(0.9 * 22050);
    expect(standard.stopbandEdgeHz).toBe(22050);
    expect(standard.transitionHz).toBeCloseTo(2205, 9);
    expect(standard.kaiserBeta).toBeCloseTo(0.1102 * (104 - 8.7), 12);
    // Kaiser: window length − 1 = (A − 8) / (2.285 Δω), i.e. (A − 8) / (2.285 · 2π · Δf) seconds.
    expect(2 * standard.halfLengthSeconds).toBeCloseTo(96 / (2.285 * 2 * Math.PI * 2205), 12);
    const mastering = designPolyphaseFilter(48000, 44100, 'mastering').design;
    expect(mastering.kaiserBeta).toBeCloseTo(0.1102 * (124 - 8.7), 12);
  });

  // The prototype's own frequency response, computed from its taps (a DTFT): the pass band is
  // flat to ±0.01 dB up to 0.9 of the lower Nyquist, the stop band at least the promised
  // rejection from the lower Nyquist up to 1.5 × the higher rate (the worst lobes sit at the
  // band edge; Kaiser side lobes only fall further out).
  const cases: [number, number, 'standard' | 'mastering'][] = [
    [44100, 48000, 'standard'],
    [96000, 48000, 'standard'],
    [8000, 48000, 'standard'],
    [48000, 44100, 'mastering'],
  ];
  for (const [fsIn, fsOut, quality] of cases) {
    it(`${fsIn} → ${fsOut} Hz (${quality}): pass band ±0.01 dB, stop band below −${quality === 'standard' ? 100 : 120} dB`, () => {
      const filter = designPolyphaseFilter(fsIn, fsOut, quality);
      const p = prototype(filter);
      const rate = filter.upFactor * fsIn;
      const { passbandEdgeHz, stopbandEdgeHz, transitionHz, rejectionDb } = filter.design;
      let worstPassDb = 0;
      for (let i = 0; i <= 200; i++) {
        const db = 20 * Math.log10(Math.abs(response(p, (passbandEdgeHz * i) / 200, rate)));
        worstPassDb = Math.max(worstPassDb, Math.abs(db));
      }
      expect(worstPassDb).toBeLessThan(0.01);
      let worstStopDb = Number.NEGATIVE_INFINITY;
      const top = Math.min(rate / 2, 1.5 * Math.max(fsIn, fsOut));
      for (let f = stopbandEdgeHz; f <= top; f += transitionHz / 20) {
        worstStopDb = Math.max(worstStopDb, 20 * Math.log10(Math.abs(response(p, f, rate))));
      }
      expect(worstStopDb).toBeLessThan(-rejectionDb);
    });
  }
});

describe('design errors', () => {
  it('refuses rates that are not whole hertz, and ratios needing huge tables', () => {
    expect(() => designPolyphaseFilter(44100.5, 48000)).toThrow(MixdownError);
    expect(() => designPolyphaseFilter(0, 48000)).toThrow(MixdownError);
    expect(() => designPolyphaseFilter(44100, 48001)).toThrow(/phase filter table/);
  });

  it('equal rates give the identity', () => {
    const filter = designPolyphaseFilter(48000, 48000);
    expect(filter.design.kind).toBe('identity');
    expect(filter.latencyOutputFrames).toBe(0);
    expect(Array.from(filter.coefficients)).toEqual([1]);
  });
});
