/**
 * The K-weighting filter: coefficients against the reference table (loudness.md §1.1–1.2),
 * the implementation against the textbook difference equation and the analytic magnitude
 * response, and the BS.1770 calibration (stereo 1 kHz at −18 dBFS reads −17.993 LUFS at 48 kHz).
 */
import { describe, expect, it } from 'vitest';
import {
  type BiquadCoefficients,
  biquadMagnitude,
  KWeightedEnergy,
  kWeightingCoefficients,
} from '../../src/analysis/k-weighting.js';
import { Prng } from '../../src/core/prng.js';
import {
  expectWithin,
  idealAtRate,
  kGainAt1kHzDb,
  measureLoudness,
  RATES,
  TOLERANCE_LU,
} from './loudness-cases.js';
import { toneSegments } from './signals.js';

type Row = readonly [b0: number, b1: number, b2: number, a1: number, a2: number];

/** loudness.md §1.1 (48 kHz, BS.1770's own table) and §1.2 (derived at 44.1 and 96 kHz). */
const REFERENCE: Record<number, { pre: Row; rlb: Row }> = {
  48000: {
    pre: [
      1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585,
    ],
    rlb: [1, -2, 1, -1.99004745483398, 0.99007225036621],
  },
  44100: {
    pre: [
      1.53084123005035, -2.65097999515473, 1.16907907992159, -1.66365511325602, 0.71259542807323,
    ],
    rlb: [1, -2, 1, -1.9891696736298, 0.98919903578704],
  },
  96000: {
    pre: [
      1.5597142289758, -2.92674157825108, 1.37826120231582, -1.84460946989011, 0.85584332293064,
    ],
    rlb: [1, -2, 1, -1.99501754472472, 0.99502375904092],
  },
};

const asRow = (c: BiquadCoefficients): number[] => [c.b0, c.b1, c.b2, c.a1, c.a2];

describe('K-weighting coefficients', () => {
  it.each(RATES)('at %i Hz equal the reference table to 1e-10', (fs) => {
    const { preFilter, rlbHighPass } = kWeightingCoefficients(fs);
    const reference = REFERENCE[fs];
    asRow(preFilter).forEach((value, i) => {
      expect(Math.abs(value - reference.pre[i]), `pre-filter coefficient ${i}`).toBeLessThan(1e-10);
    });
    asRow(rlbHighPass).forEach((value, i) => {
      expect(Math.abs(value - reference.rlb[i]), `RLB coefficient ${i}`).toBeLessThan(1e-10);
    });
  });

  it('give +0.698 dB at 1000 Hz and +0.691 dB at 997 Hz at 48 kHz (loudness.md §1.2)', () => {
    const { preFilter, rlbHighPass } = kWeightingCoefficients(48000);
    const gainDb = (f: number) =>
      20 *
      Math.log10(biquadMagnitude(preFilter, f, 48000) * biquadMagnitude(rlbHighPass, f, 48000));
    expect(gainDb(1000)).toBeCloseTo(0.698, 3);
    expect(gainDb(997)).toBeCloseTo(0.691, 3);
  });

  it('refuse rates where the shelf would reach Nyquist', () => {
    expect(() => kWeightingCoefficients(4000)).toThrow(RangeError);
    expect(() => kWeightingCoefficients(Number.NaN)).toThrow(RangeError);
  });
});

/** The biquad difference equation as written in textbooks (direct form I), in doubles. */
function referenceFilter(c: BiquadCoefficients, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    const x1 = n >= 1 ? x[n - 1] : 0;
    const x2 = n >= 2 ? x[n - 2] : 0;
    const y1 = n >= 1 ? y[n - 1] : 0;
    const y2 = n >= 2 ? y[n - 2] : 0;
    y[n] = c.b0 * x[n] + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
  }
  return y;
}

function weightedEnergy(
  fs: number,
  channels: Float32Array[],
  weights: number[],
  chunk = channels[0].length,
): Float64Array {
  const frames = channels[0].length;
  const bank = new KWeightedEnergy(fs, weights, chunk);
  const energy = new Float64Array(frames);
  const scratch = new Float64Array(chunk);
  for (let start = 0; start < frames; start += chunk) {
    const count = Math.min(chunk, frames - start);
    bank.process(channels, start, count, scratch);
    energy.set(scratch.subarray(0, count), start);
  }
  return energy;
}

describe('K-weighted energy (filter implementation)', () => {
  it.each(RATES)(
    'at %i Hz equals the difference equation on noise, per channel and weighted',
    (fs) => {
      const prng = new Prng(fs);
      const channels = [0, 1, 2].map(() =>
        Float32Array.from({ length: 5000 }, () => prng.uniform(-1, 1)),
      );
      const weights = [1, 1.41, 0.5];
      const { preFilter, rlbHighPass } = kWeightingCoefficients(fs);
      const expected = new Float64Array(5000);
      channels.forEach((x, c) => {
        const y = referenceFilter(rlbHighPass, referenceFilter(preFilter, x));
        for (let n = 0; n < y.length; n++) expected[n] += weights[c] * y[n] * y[n];
      });
      const measured = weightedEnergy(fs, channels, weights);
      // The same recursion, summed in a different order, so rounded differently; the RLB poles
      // sit near z = 1 (1/(1 − r)² ≈ 4·10⁴), so the two may differ by ~κ·ε ≈ 1e-11 relative.
      // A wrong coefficient or structure differs by ≥ 1e-6.
      for (let n = 0; n < expected.length; n++) {
        expect(Math.abs(measured[n] - expected[n])).toBeLessThanOrEqual(1e-10 * (1 + expected[n]));
      }
    },
  );

  it.each(RATES)('at %i Hz has the analytic magnitude response for steady sines', (fs) => {
    const { preFilter, rlbHighPass } = kWeightingCoefficients(fs);
    for (const frequencyHz of [25, 100, 1000, 4000, 15000]) {
      const amplitude = 0.25;
      // 2 s of tone; average the last second (whole periods for these frequencies) after the
      // high-pass has settled.
      const tone = toneSegments(
        fs,
        [{ seconds: 2, dbfs: 20 * Math.log10(amplitude) }],
        frequencyHz,
      );
      const energy = weightedEnergy(fs, [tone], [1]);
      let sum = 0;
      for (let n = fs; n < 2 * fs; n++) sum += energy[n];
      const measuredGainDb = 10 * Math.log10(sum / fs / (amplitude * amplitude * 0.5));
      const expectedGainDb =
        20 *
        Math.log10(
          biquadMagnitude(preFilter, frequencyHz, fs) *
            biquadMagnitude(rlbHighPass, frequencyHz, fs),
        );
      expectWithin(measuredGainDb, expectedGainDb, 1e-4, `${frequencyHz} Hz gain`);
    }
  });

  it('gives bit-identical output whatever the chunk sizes', () => {
    const prng = new Prng(3);
    const channels = [0, 1, 2].map(() =>
      Float32Array.from({ length: 20000 }, (_, i) => (i > 9000 ? 0 : prng.uniform(-1, 1))),
    );
    const whole = weightedEnergy(44100, channels, [1, 1, 1.41]);
    for (const chunk of [1, 7, 4095, 4097]) {
      expect(weightedEnergy(44100, channels, [1, 1, 1.41], chunk)).toEqual(whole);
    }
  });
});

describe('BS.1770 calibration: stereo 1 kHz at −18 dBFS', () => {
  it.each(RATES)('reads −18 ± 0.1 LUFS, and the exact K-filter value, at %i Hz', (fs) => {
    const tone = toneSegments(fs, [{ seconds: 10, dbfs: -18 }]);
    const result = measureLoudness(fs, [tone, tone]);
    expectWithin(result.integratedLufs, -18, TOLERANCE_LU, 'I');
    // Exact: −18 dBFS peak per channel, two channels, K gain at 1 kHz, −0.691 offset.
    const exact = -18 + kGainAt1kHzDb(fs) - 0.691;
    expectWithin(result.integratedLufs, exact, 1e-4, 'I (exact)');
    expectWithin(result.integratedLufs, idealAtRate(-17.993, fs), 0.0006, 'I (published ideal)');
  });

  it('reads −17.993 LUFS at 48 kHz', () => {
    const tone = toneSegments(48000, [{ seconds: 10, dbfs: -18 }]);
    expect(measureLoudness(48000, [tone, tone]).integratedLufs).toBeCloseTo(-17.993, 3);
  });
});
