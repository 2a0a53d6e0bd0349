/**
 * EBU Tech 3342 loudness-range cases 1–4, synthesised (loudness.md §3.2), at 44.1, 48 and
 * 96 kHz: the standard's ±1 LU tolerance, and the exact value (the level difference between
 * the segments; it does not depend on the sample rate) to ±0.005 LU. Cases 5 and 6 need the
 * EBU's programme files.
 */
import { describe, it } from 'vitest';
import {
  expectWithin,
  LRA_TOLERANCE_LU,
  measureLoudness,
  once,
  RATES,
  REGRESSION_LU,
} from './loudness-cases.js';
import { toneSegments } from './signals.js';

const CASES = [
  { name: 'case 1: 20 s −20, 20 s −30 → 10 LU', levels: [-20, -30], expected: 10 },
  { name: 'case 2: 20 s −20, 20 s −15 → 5 LU', levels: [-20, -15], expected: 5 },
  { name: 'case 3: 20 s −40, 20 s −20 → 20 LU', levels: [-40, -20], expected: 20 },
  {
    name: 'case 4: 20 s each −50, −35, −20, −35, −50 → 15 LU (−50 under the relative gate)',
    levels: [-50, -35, -20, -35, -50],
    expected: 15,
  },
];

describe.each(RATES)('EBU Tech 3342 loudness range at %i Hz', (sampleRate) => {
  describe.each(CASES)('$name', ({ levels, expected }) => {
    const lra = once(() => {
      const samples = toneSegments(
        sampleRate,
        levels.map((dbfs) => ({ seconds: 20, dbfs })),
      );
      return measureLoudness(sampleRate, [samples, samples]).loudnessRangeLu;
    });

    it(`reads within ±${LRA_TOLERANCE_LU} LU`, () => {
      expectWithin(lra(), expected, LRA_TOLERANCE_LU, 'LRA');
    });

    it(`reads the exact level difference to ±${REGRESSION_LU} LU (regression)`, () => {
      expectWithin(lra(), expected, REGRESSION_LU, 'LRA');
    });
  });
});
