import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { DIFFUSER_STAGES, Diffuser } from '../../../src/dsp/time/diffuser.js';
import { SchroederAllpass } from '../../../src/dsp/time/schroeder-allpass.js';

describe('Diffuser (four allpasses in one loop)', () => {
  // Loud noise, and noise near the flush floor (1e-30), where the flushing must agree too.
  for (const level of [1, 1e-29]) {
    it(`computes exactly what four SchroederAllpass stages in series compute, in any blocks (level ${level})`, () => {
      const prng = new Prng(11);
      const delays = [331, 229, 167, 113];
      const gains = [0.75, -0.7, 0.625, 0.5];
      const diffuser = new Diffuser(400);
      const chain = delays.map((d, k) => {
        const allpass = new SchroederAllpass(400);
        allpass.setDelay(d);
        allpass.gain = gains[k];
        diffuser.setStage(k, d, gains[k]);
        return allpass;
      });
      expect(chain.length).toBe(DIFFUSER_STAGES);
      const frames = 20000;
      const input = Float64Array.from({ length: frames }, (_, i) =>
        i < 2000 ? level * (prng.next() - 0.5) : 0,
      );
      const expected = input.map((x) => chain.reduce((v, allpass) => allpass.process(v), x));
      const actual = input.slice();
      for (let pos = 0; pos < frames; ) {
        const n = Math.min(frames - pos, 1 + Math.floor(prng.next() * 700));
        diffuser.process(actual.subarray(pos, pos + n), n);
        pos += n;
      }
      for (let i = 0; i < frames; i++) {
        if (actual[i] !== expected[i])
          throw new Error(`sample ${i}: ${actual[i]} vs ${expected[i]}`);
      }
      expect(Math.abs(expected[2500])).toBeGreaterThan(level === 1 ? 1e-6 : -1);
      if (level < 1) expect(expected[frames - 1]).toBe(0);
    });
  }
});
