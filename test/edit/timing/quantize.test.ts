import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { divisionBeats, quantizeWarp } from '../../../src/edit/timing/quantize.js';
import { warpOperation } from '../../../src/edit/timing/warp-operation.js';
import { matchPosition } from './measure.js';
import { drumHit, mono, renderHits, rockPattern } from './signals.js';

const FS = 48000;

describe('quantise', () => {
  it('knows its grid divisions in beats', () => {
    expect(divisionBeats('1/4')).toBe(1);
    expect(divisionBeats('1/16')).toBe(0.25);
    expect(divisionBeats('1/8T')).toBeCloseTo(1 / 3, 15);
    expect(divisionBeats('1/4T')).toBeCloseTo(2 / 3, 15);
  });

  // Two bars at 120 bpm, eighths; every eighth 10–25 ms early or late (seeded).
  const prng = new Prng(42);
  const errors = Array.from(
    { length: 16 },
    () => (prng.next() < 0.5 ? -1 : 1) * prng.uniform(0.01, 0.025),
  );
  const bpm = 120;
  const firstBeat = 0.5;
  const { hits, gridSeconds } = rockPattern(bpm, 2, FS, firstBeat, (i) => errors[i]);
  const take = renderHits(hits, FS, Math.round((firstBeat + 4 + 0.6) * FS));

  /** Where each eighth's hits are in `out`: matched to their known first 10 ms. */
  function positions(out: Float32Array, expected: readonly number[]): number[] {
    return gridSeconds.map((grid, i) => {
      const played = Math.round((grid + errors[i]) * FS);
      const template = new Float32Array(Math.round(0.01 * FS));
      for (const hit of hits.filter((h) => h.sample === played)) {
        const wave = drumHit(hit.kind, FS, hit.seed);
        for (let k = 0; k < template.length; k++) template[k] += hit.velocity * wave[k];
      }
      const at = Math.round(expected[i] * FS);
      return matchPosition(out, template, at - 0.03 * FS, at + 0.03 * FS) / FS;
    });
  }

  for (const strength of [100, 50]) {
    it(`at ${strength} % every hit lands within 2 ms of ${strength === 100 ? 'its grid line' : 'half way to it'}`, () => {
      const points = quantizeWarp(mono(FS, take), {
        bpm,
        firstBeatSeconds: firstBeat,
        division: '1/8',
        strength,
      });
      const out = warpOperation.apply(
        mono(FS, take),
        { points, preserveTransients: true },
        {
          path: 'q',
        },
      ).audio.channels[0];
      expect(out.length).toBe(take.length);
      const expected = gridSeconds.map((g, i) => g + errors[i] * (1 - strength / 100));
      const found = positions(out, expected);
      found.forEach((t, i) => {
        expect(Math.abs(t - expected[i])).toBeLessThan(0.002);
      });
    });
  }
});
