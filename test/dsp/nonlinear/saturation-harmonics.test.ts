import { describe, expect, it } from 'vitest';
import { dbToGain } from '../../../src/core/units.js';
import { rbj } from '../../../src/dsp/biquad.js';
import { EMPHASIS_CORNER_HZ, EMPHASIS_GAIN_DB } from '../../../src/dsp/nonlinear/emphasis.js';
import { AUDIO_OVERSAMPLING } from '../../../src/dsp/nonlinear/oversampler.js';
import { run } from '../contract.js';
import { harmonicAmplitudes } from './harmonics.js';
import { biquadResponse } from './saturation-model.js';
import { createSaturation, sineInput } from './saturation-setup.js';
import { toDb, toneAmplitude } from './spectrum.js';

/**
 * What the anti-aliased curve keeps: the harmonics of a driven sine against the curve's own
 * Fourier series, and the small-signal response against flat.
 *
 * First-order ADAA (src/dsp/nonlinear/adaa.ts) outputs, per top-rate step, the mean of f along
 * the straight line between two corrected input samples u = P∗x, and then applies Q. With T one
 * top-rate sample and ω = 2π·f/rate:
 * - for a linear f the mean is (u[n] + u[n−1])/2, so the small-signal response is exactly
 *   P(ω)·cos(ω/2)·Q(ω), with the method's P = [−1/12, 7/6, −1/12], Q = [−1/12, 7/12, 7/12, −1/12];
 * - for a sine x of amplitude A the straight lines depart from x by at most A·ω²/8 and P moves
 *   the samples by at most A·ω²/12, so (f being 1-Lipschitz) each mean is that of f(x(t)) over
 *   the step to within A·ω²·5/24; the mean over the step is a box filter, which multiplies
 *   harmonic k by sinc(k·f0·T), and Q (Σ|q| = 4/3) passes the departure on at most 4/3 as
 *   large. A bounded error e moves a Fourier amplitude by at most 2·max|e|.
 */

const FS = 48000;
const FACTOR = 8;
const RATE = FS * FACTOR;
const DELTA = dbToGain(-AUDIO_OVERSAMPLING.stopbandDb);
const STAGES = Math.log2(FACTOR);
/** Gain error of the way down (S stages, each within 1 ± δ in its pass band). */
const DOWN_RIPPLE = (1 + DELTA) ** STAGES - 1;
/** Departure of the way up from an exact sine (ripple and images; see the aliasing-levels test). */
const UP_DEPARTURE = (1 + DELTA) ** (2 * STAGES) - 1;

const P = [-1 / 12, 7 / 6, -1 / 12];
const Q = [-1 / 12, 7 / 12, 7 / 12, -1 / 12];

/** |Σ h_j e^(−iωj)| of a short FIR. */
function firMagnitude(taps: number[], w: number): number {
  let re = 0;
  let im = 0;
  taps.forEach((h, j) => {
    re += h * Math.cos(w * j);
    im -= h * Math.sin(w * j);
  });
  return Math.hypot(re, im);
}

describe('saturation (default 8×): small-signal response of the anti-aliased curve', () => {
  // The hard curve is exactly linear below ±1, so a 0.25 FS sine sees only the linear chain.
  for (const frequencyHz of [1000, 5000, 10000, 15000, 20000]) {
    it(`${frequencyHz / 1000} kHz: P·cos(ω/2)·Q within the round trip's ripple, and flat within 0.01 dB`, () => {
      const x = sineInput(FS / 2, frequencyHz, 0.25);
      const p = createSaturation({ curve: 'hard', driveDb: 0 });
      const y = run(p, [x], 512)[0];
      const count = FS / 4; // whole periods of every tested frequency
      const gain =
        toneAmplitude(y, 4800 + p.latency, count, frequencyHz, FS) /
        toneAmplitude(x, 4800, count, frequencyHz, FS);
      const w = (2 * Math.PI * frequencyHz) / RATE;
      const expected = firMagnitude(P, w) * Math.cos(w / 2) * firMagnitude(Q, w);
      const ripple = (1 + DELTA) ** (2 * STAGES) - 1;
      expect(Math.abs(toDb(gain) - toDb(expected))).toBeLessThanOrEqual(toDb(1 + ripple) + 1e-6);
      expect(Math.abs(toDb(gain))).toBeLessThan(0.01);
    });
  }
});

/*
 * 1125 Hz is 3 periods in 128 samples; as 48 kHz is not a multiple of it, whatever folds back
 * lands on the 375 Hz grid between its harmonics, and correlation over whole periods sees the
 * harmonics alone.
 */
describe('saturation (default 8×): harmonics of a 1125 Hz, −6 dBFS sine driven 24 dB match the static curve', () => {
  const F0 = 1125;
  const INPUT = 0.5;
  const DRIVE = dbToGain(24);
  const CURVES = {
    soft: Math.tanh,
    tape: (x: number) => (2 / Math.PI) * Math.atan((Math.PI / 2) * x),
    hard: (x: number) => Math.max(-1, Math.min(1, x)),
  };
  const shelf = (gainDb: number) =>
    rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, gainDb, RATE);

  for (const [name, f] of Object.entries(CURVES)) {
    it(`${name}: harmonics 1–9 within the method's bound of the Fourier series`, () => {
      const tape = name === 'tape';
      // In tape mode the curve sees the sine through the pre-emphasis shelf (a gain at F0 in
      // the steady state) and its harmonics leave through the de-emphasis shelf.
      const pre = tape ? Math.hypot(...biquadResponse(shelf(EMPHASIS_GAIN_DB), F0 / RATE)) : 1;
      const de = (hz: number) =>
        tape ? Math.hypot(...biquadResponse(shelf(-EMPHASIS_GAIN_DB), hz / RATE)) : 1;
      const amplitude = INPUT * DRIVE * pre;
      const c = harmonicAmplitudes(f, amplitude);
      const w0 = (2 * Math.PI * F0) / RATE;
      // The peak the way up can reach: the tape shelf's whole boost on every component.
      const peak = INPUT * DRIVE * (tape ? dbToGain(EMPHASIS_GAIN_DB) : 1);
      const absolute =
        2 * (4 / 3) * amplitude * w0 * w0 * (5 / 24) + 2 * peak * UP_DEPARTURE + 2 * 2 ** -24;

      const x = sineInput(FS, F0, INPUT);
      const p = createSaturation({ curve: name, driveDb: 24 });
      const y = run(p, [x], 512)[0];
      for (let k = 1; k <= 9; k++) {
        const hz = k * F0;
        const got = toneAmplitude(y, 9600, 128 * 300, hz, FS);
        const w = k * w0;
        const box = Math.sin(w / 2) / (w / 2);
        const kept = Math.abs(firMagnitude(Q, w) * box - 1);
        const expected = c[k] * de(hz);
        const tolerance = expected * (DOWN_RIPPLE + kept) + absolute * de(hz);
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(tolerance);
      }
    });
  }

  it('the bound is tight enough to mean something: under 0.1 dB on the soft curve’s third harmonic', () => {
    const amplitude = INPUT * DRIVE;
    const c3 = harmonicAmplitudes(Math.tanh, amplitude)[3];
    const w0 = (2 * Math.PI * F0) / RATE;
    const absolute = 2 * (4 / 3) * amplitude * w0 * w0 * (5 / 24) + 2 * amplitude * UP_DEPARTURE;
    expect(toDb(1 + absolute / c3)).toBeLessThan(0.1);
  });
});
