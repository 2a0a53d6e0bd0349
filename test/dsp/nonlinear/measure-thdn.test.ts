import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import {
  measureLimiterThdN,
  THDN_TONES_HZ,
  thdPlusNoise,
} from '../../../src/dsp/nonlinear/measure-thdn.js';

describe('THD+N measurement', () => {
  const fs = 48000;
  const frames = 1 << 16;

  /** The two test tones plus known extra components; returns the signal and the true THD+N. */
  function synthetic(extraDb: number): { signal: Float64Array; expected: number } {
    const prng = new Prng(17);
    const signal = new Float64Array(frames);
    const a3 = 10 ** (extraDb / 20) * 0.5; // a 180 Hz harmonic
    const aSide = 10 ** (extraDb / 20) * 0.3; // sidebands at 1000 ± 120 Hz
    const noiseRms = 10 ** (extraDb / 20) * 0.2;
    for (let i = 0; i < frames; i++) {
      const t = i / fs;
      signal[i] =
        0.8 * Math.sin(2 * Math.PI * THDN_TONES_HZ[0] * t) +
        0.2 * Math.sin(2 * Math.PI * THDN_TONES_HZ[1] * t + 1) +
        a3 * Math.sin(2 * Math.PI * 180 * t + 0.3) +
        aSide * Math.sin(2 * Math.PI * 880 * t) +
        aSide * Math.sin(2 * Math.PI * 1120 * t + 2) +
        noiseRms * Math.sqrt(3) * prng.uniform(-1, 1);
    }
    const tonePower = (0.8 ** 2 + 0.2 ** 2) / 2;
    const extraPower = a3 ** 2 / 2 + aSide ** 2 + noiseRms ** 2;
    return { signal, expected: Math.sqrt(extraPower / (tonePower + extraPower)) };
  }

  for (const extraDb of [-30, -50, -70]) {
    it(`reads known added harmonic, sidebands and noise (${extraDb} dB each) within 0.1 dB`, () => {
      const { signal, expected } = synthetic(extraDb);
      const measured = thdPlusNoise(signal, 0, fs, THDN_TONES_HZ);
      expect(Math.abs(20 * Math.log10(measured / expected))).toBeLessThan(0.1);
    });
  }

  it('reads the bare test tones below −90 dB (window leakage floor)', () => {
    const { signal } = synthetic(-400);
    expect(20 * Math.log10(thdPlusNoise(signal, 0, fs, THDN_TONES_HZ))).toBeLessThan(-90);
  });

  it('the limiter measurement applies the asked-for gain reduction', () => {
    const r = measureLimiterThdN({ gainReductionDb: 6 });
    expect(r.peakGainReductionDb).toBeGreaterThan(6);
    expect(r.peakGainReductionDb).toBeLessThan(6.01);
    expect(Number.isFinite(r.thdnDb)).toBe(true);
  });
});
