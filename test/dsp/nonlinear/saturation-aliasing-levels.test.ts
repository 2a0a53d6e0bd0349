import { describe, expect, it } from 'vitest';
import { dbToGain } from '../../../src/core/units.js';
import { type BiquadCoefficients, rbj } from '../../../src/dsp/biquad.js';
import { EMPHASIS_CORNER_HZ, EMPHASIS_GAIN_DB } from '../../../src/dsp/nonlinear/emphasis.js';
import { AUDIO_OVERSAMPLING } from '../../../src/dsp/nonlinear/oversampler.js';
import { saturationProcessor } from '../../../src/dsp/nonlinear/saturation.js';
import { valuesFromSettings } from '../../../src/dsp/params.js';
import { aliasingOf5kHz } from './aliasing.js';

/**
 * Absolute aliasing levels of the saturation, against what its oversampling can give at best.
 *
 * The stimulus is the one in aliasing.ts: a 5 kHz sine at 0.5 FS (−6 dBFS) at 48 kHz, driven
 * 24 dB into the curve (7.9× overdrive). With ideal filters, running the curve at R = F·48 kHz
 * leaves exactly one kind of aliasing in the audio band: harmonics above R/2 fold at the top
 * rate, and those landing below 20 kHz pass the way down untouched. That floor is computed
 * here from the curve alone — one period of the curve's output sampled at R (1 ms, R/1000
 * points) is its exact sampled spectrum on 1 kHz bins — and the measured level must sit on it,
 * within what the half-band filters' design (stopband, ripple) can add or remove.
 */

const FS = 48000;
const FREQUENCY_HZ = 5000;
const INPUT_AMPLITUDE = 0.5;
const DRIVE_DB = 24;
const AUDIO_BAND_KHZ = 20;
/** Images and aliases are rejected by at least this much (linear gain). */
const STOPBAND = dbToGain(-AUDIO_OVERSAMPLING.stopbandDb);
/** Top-rate components from here up are in some stage's stop band on the way down. */
const STOPBAND_EDGE_HZ = (1 - AUDIO_OVERSAMPLING.passbandEdge) * FS;

type Curve = 'tape' | 'hard' | 'soft';
const CURVES: Record<Curve, (x: number) => number> = {
  soft: Math.tanh,
  tape: (x) => (2 / Math.PI) * Math.atan((Math.PI / 2) * x),
  hard: (x) => Math.max(-1, Math.min(1, x)),
};

/** H(e^{jω}) of a biquad as [re, im]. */
function response(c: BiquadCoefficients, frequencyHz: number, rate: number): [number, number] {
  const w = (2 * Math.PI * frequencyHz) / rate;
  const nRe = c.b0 + c.b1 * Math.cos(w) + c.b2 * Math.cos(2 * w);
  const nIm = -(c.b1 * Math.sin(w) + c.b2 * Math.sin(2 * w));
  const dRe = 1 + c.a1 * Math.cos(w) + c.a2 * Math.cos(2 * w);
  const dIm = -(c.a1 * Math.sin(w) + c.a2 * Math.sin(2 * w));
  const d = dRe * dRe + dIm * dIm;
  return [(nRe * dRe + nIm * dIm) / d, (nIm * dRe - nRe * dIm) / d];
}

interface Floor {
  /** Non-harmonic power below 20 kHz against the fundamental with ideal filters, dB. */
  readonly db: number;
  /** Amplitude (RMS over a period) of that aliasing and of the fundamental. */
  readonly aliasRms: number;
  readonly fundamentalRms: number;
  /** RMS of everything the way down must reject (top-rate bins in its stop bands). */
  readonly stopbandRms: number;
}

/**
 * The steady-state spectrum of the curve's output at R = factor·FS, from a direct DFT of one
 * 1 ms period. In tape mode the curve sits between the emphasis shelves, which in the steady
 * state are a complex gain on the 5 kHz input and a magnitude per output bin.
 */
function idealFloor(curve: Curve, factor: number): Floor {
  const rate = factor * FS;
  const n = rate / 1000;
  let gain = dbToGain(DRIVE_DB) * INPUT_AMPLITUDE;
  let phase = 0;
  let deEmphasis = (_hz: number) => 1;
  if (curve === 'tape') {
    const [re, im] = response(
      rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, EMPHASIS_GAIN_DB, rate),
      FREQUENCY_HZ,
      rate,
    );
    gain *= Math.hypot(re, im);
    phase = Math.atan2(im, re);
    const cut = rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, -EMPHASIS_GAIN_DB, rate);
    deEmphasis = (hz) => Math.hypot(...response(cut, hz, rate));
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = CURVES[curve](gain * Math.sin((2 * Math.PI * FREQUENCY_HZ * i) / rate + phase));
  }
  // Bin k of the n-point period is k kHz; its RMS amplitude is √2·|Y_k|/n (one-sided).
  const rms = (k: number): number => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += y[i] * Math.cos((2 * Math.PI * k * i) / n);
      im -= y[i] * Math.sin((2 * Math.PI * k * i) / n);
    }
    return ((Math.SQRT2 * Math.hypot(re, im)) / n) * deEmphasis(k * 1000);
  };
  let alias = 0;
  let stop = 0;
  for (let k = 1; k < n / 2; k++) {
    const a = rms(k);
    if (k <= AUDIO_BAND_KHZ && k % 5 !== 0) alias += a * a;
    if (k * 1000 >= STOPBAND_EDGE_HZ) stop += a * a;
  }
  const fundamental = rms(FREQUENCY_HZ / 1000);
  return {
    db: 10 * Math.log10(alias / fundamental ** 2),
    aliasRms: Math.sqrt(alias),
    fundamentalRms: fundamental,
    stopbandRms: Math.sqrt(stop),
  };
}

/**
 * What the real filters can add to or take from the ideal floor, as RMS amplitudes (Parseval),
 * each bounded from the design (δ = the stopband gain, S = log2 factor stages each way):
 * - the way up turns the sine into a sum of sinusoids whose amplitudes depart from the ideal
 *   one by at most A·((1 + δ)^2S − 1) in all (each stage keeps what it gets within 1 ± δ and
 *   adds an image of it at most δ as large); the curve, 1-Lipschitz, passes that departure on
 *   no larger, after the tape mode's pre-emphasis has raised it by at most its peak gain;
 * - the way down lets through at most δ of what lies in its stop bands, and moves what it
 *   keeps by its ripple, (1 + δ)^S − 1.
 */
function designError(floor: Floor, curve: Curve, factor: number) {
  const stages = Math.log2(factor);
  const ripple = (1 + STOPBAND) ** stages - 1;
  const emphasisPeak = curve === 'tape' ? dbToGain(EMPHASIS_GAIN_DB) : 1;
  const curveInput = dbToGain(DRIVE_DB) * INPUT_AMPLITUDE * emphasisPeak;
  const absolute =
    (curveInput * ((1 + STOPBAND) ** (2 * stages) - 1)) / Math.SQRT2 +
    STOPBAND * floor.stopbandRms +
    2 ** -24;
  const db = (alias: number, fundamental: number) => 20 * Math.log10(alias / fundamental);
  return {
    /** The most the measurement can read, dB. */
    highest: db(
      floor.aliasRms * (1 + ripple) + absolute,
      floor.fundamentalRms * (1 - ripple) - absolute,
    ),
    /** The least it can read, dB (−∞ when the filters' own error could hide the floor). */
    lowest: db(
      Math.max(0, floor.aliasRms * (1 - ripple) - absolute),
      floor.fundamentalRms * (1 + ripple) + absolute,
    ),
  };
}

function measured(curve: Curve, factor: number): number {
  const p = saturationProcessor.create(
    valuesFromSettings(saturationProcessor.params, {
      curve,
      driveDb: DRIVE_DB,
      oversampling: `${factor}x`,
    }),
  );
  p.prepare({ sampleRate: FS, maxBlockSize: 512, channels: 1 });
  return aliasingOf5kHz(p).audioBandDb;
}

/*
 * The ideal floors this computes (audio-band aliasing against the fundamental):
 *   tape −43.1 dB at 4×, −66.5 dB at 8×;  hard −39.0 dB at 4×, −59.9 dB at 8×;
 *   soft −65.6 dB at 4×, −130.6 dB at 8×.
 * Tape and hard are limited by the factor itself: their harmonics fall slowly (hard ~1/k², the
 * arctan's poles lie close to the real axis, and the pre-emphasis drives 5 kHz harder still),
 * so more of them fold back from above R/2 than any half-band filter can help with.
 */
describe('saturation: audio-band aliasing of a −6 dBFS 5 kHz sine at 48 kHz, driven 24 dB', () => {
  for (const curve of ['tape', 'hard', 'soft'] as const) {
    for (const factor of [4, 8]) {
      it(`${curve} at ${factor}×: reads the floor ${factor}× oversampling leaves, within the filters' design error`, () => {
        const floor = idealFloor(curve, factor);
        const { lowest, highest } = designError(floor, curve, factor);
        const got = measured(curve, factor);
        expect(got).toBeLessThanOrEqual(highest);
        expect(got).toBeGreaterThanOrEqual(lowest);
      });
    }
  }

  it('the bounds are tight enough to mean something: within 2 dB of the floor for tape and hard at 4×', () => {
    for (const curve of ['tape', 'hard'] as const) {
      const floor = idealFloor(curve, 4);
      const { lowest, highest } = designError(floor, curve, 4);
      expect(highest - lowest).toBeLessThan(2);
    }
  });
});
