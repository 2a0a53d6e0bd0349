import { describe, expect, it } from 'vitest';
import { dbToGain } from '../../../src/core/units.js';
import { biquadMagnitude, rbj } from '../../../src/dsp/biquad.js';
import { EMPHASIS_CORNER_HZ, EMPHASIS_GAIN_DB } from '../../../src/dsp/nonlinear/emphasis.js';
import { AUDIO_OVERSAMPLING } from '../../../src/dsp/nonlinear/oversampler.js';
import { run } from '../contract.js';
import { type Aliasing, aliasingOf5kHz } from './aliasing.js';
import { harmonicAmplitudes, harmonicTail } from './harmonics.js';
import { createSaturation, sineInput } from './saturation-setup.js';
import { toDb, toneAmplitude } from './spectrum.js';

const FS = 48000;
const FLOAT_EPS = 2 ** -24;
/** Worst pass-band gain error of the default 8× round trip (3 stages, up and down): (1 + δ)^6 − 1. */
const RIPPLE_8X = (1 + 10 ** (-AUDIO_OVERSAMPLING.stopbandDb / 20)) ** 6 - 1;

const CURVES = {
  soft: Math.tanh,
  tape: (x: number) => (2 / Math.PI) * Math.atan((Math.PI / 2) * x),
  hard: (x: number) => Math.max(-1, Math.min(1, x)),
};

function aliasingDb(settings: Record<string, unknown>): Aliasing {
  return aliasingOf5kHz(createSaturation(settings));
}

// Aliasing measured as in aliasing.ts: non-harmonic power up to 20 kHz against the fundamental.
describe('saturation: aliasing of a 5 kHz sine at 48 kHz driven 24 dB into the curve', () => {
  // 0.5 FS × 24 dB = a 7.9× overdrive: tanh turns it into a rounded square wave.
  it('soft (tanh): below −60 dB in the audio band at the default 8×; about −17 dB without oversampling', () => {
    const direct = aliasingDb({ curve: 'soft', driveDb: 24, oversampling: '1x' });
    const oversampled = aliasingDb({ curve: 'soft', driveDb: 24 });
    expect(direct.audioBandDb).toBeGreaterThan(-25);
    expect(oversampled.audioBandDb).toBeLessThan(-60);
  });

  for (const curve of ['tape', 'hard'] as const) {
    it(`${curve}: the default 8× lowers audio-band aliasing by more than 20 dB against 1×`, () => {
      const direct = aliasingDb({ curve, driveDb: 24, oversampling: '1x' });
      const oversampled = aliasingDb({ curve, driveDb: 24 });
      expect(oversampled.audioBandDb).toBeLessThan(direct.audioBandDb - 20);
    });
  }
});

describe('saturation: static curves against their formulas at 10 Hz', () => {
  const frames = FS;
  const driveDb = 6; // a full-scale sine reaches 2.0 at the curve: well into its bend
  const g = dbToGain(driveDb);

  for (const [name, f] of Object.entries(CURVES)) {
    it(`${name}: y = f(drive·x) at 1× (no filters: exact to Float32 rounding)`, () => {
      const x = sineInput(frames, 10, 1);
      const y = run(createSaturation({ curve: name, driveDb, oversampling: '1x' }), [x], 512)[0];
      // tape at 1× still runs its emphasis pair at 48 kHz; at 10 Hz it is transparent to 1e-6.
      const tolerance = name === 'tape' ? 1e-6 : FLOAT_EPS;
      let worst = 0;
      for (let i = 0; i < frames; i++) worst = Math.max(worst, Math.abs(y[i] - f(g * x[i])));
      expect(worst).toBeLessThanOrEqual(tolerance);
    });

    it(`${name}: y[n] = f(drive·x[n − latency]) at the default 8×, within ripple and the band-limit of its harmonics`, () => {
      const x = sineInput(frames, 10, 1);
      const p = createSaturation({ curve: name, driveDb });
      const y = run(p, [x], 512)[0];
      // Tolerance from the design, not from the output: the round trip's ripple, the harmonics
      // the way down removes (those above the 0.4535·fs pass band), and for tape the emphasis
      // pair's departure from unity at the harmonics that matter (≤ 1 kHz), plus rounding.
      const cutoff = AUDIO_OVERSAMPLING.passbandEdge * FS;
      // (The anti-aliased curve's own departure is of second order in the step between
      // top-rate samples; saturation-harmonics.test.ts bounds it.)
      let tolerance = RIPPLE_8X * 1 + harmonicTail(f, g, 10, cutoff) + FLOAT_EPS;
      if (name === 'tape') {
        const shelf = rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, EMPHASIS_GAIN_DB, 8 * FS);
        tolerance += Math.abs(biquadMagnitude(shelf, 1000, 8 * FS) - 1) * 2;
      }
      let worst = 0;
      for (let i = 4800; i < frames; i++)
        worst = Math.max(worst, Math.abs(y[i] - f(g * x[i - p.latency])));
      expect(worst).toBeLessThanOrEqual(tolerance);
    });
  }
});

describe('saturation: gain staging', () => {
  const frames = 9600;
  const amplitude = 1e-3; // −60 dBFS

  it('quiet signals pass at drive + output, less the first-harmonic compression of tanh', () => {
    for (const [driveDb, outputDb] of [
      [12, -12],
      [24, -6],
      [0, 6],
    ]) {
      const p = createSaturation({ curve: 'soft', driveDb, outputDb });
      const y = run(p, [sineInput(frames, 1000, amplitude)], 512)[0];
      const level = toneAmplitude(y, 4800, 4800, 1000, FS) / amplitude;
      // tanh(x) ≈ x − x³/3: at 24 dB of drive the curve already takes off 0.0007 dB.
      const a = amplitude * dbToGain(driveDb);
      const curveDb = toDb(harmonicAmplitudes(Math.tanh, a)[1] / a);
      const expected = driveDb + outputDb + curveDb;
      expect(Math.abs(toDb(level) - expected)).toBeLessThan(toDb(1 + RIPPLE_8X) + 1e-5);
    }
  });

  it('loud signals saturate at the output gain: the soft curve never passes ±1 before it', () => {
    const p = createSaturation({ curve: 'soft', driveDb: 30, outputDb: -6 });
    const y = run(p, [sineInput(frames, 100, 1)], 512)[0];
    let peak = 0;
    for (let i = 4800; i < frames; i++) peak = Math.max(peak, Math.abs(y[i]));
    expect(peak).toBeLessThanOrEqual(dbToGain(-6) * (1 + 0.01));
    expect(peak).toBeGreaterThan(dbToGain(-6) * 0.99);
  });

  it('mix 0 % returns the input delayed by the latency, bit-exact', () => {
    const p = createSaturation({ curve: 'hard', driveDb: 20, mix: 0 });
    const x = sineInput(frames, 440, 0.9);
    const y = run(p, [x], 512)[0];
    for (let i = p.latency; i < frames; i++) expect(y[i]).toBe(x[i - p.latency]);
  });

  it('mix 50 % of a quiet signal with drive + output = 0 dB is the aligned input', () => {
    const p = createSaturation({ curve: 'soft', driveDb: 12, outputDb: -12, mix: 50 });
    const x = sineInput(frames, 3000, amplitude);
    const y = run(p, [x], 512)[0];
    let worst = 0;
    for (let i = 4800; i < frames; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - p.latency]));
    expect(worst / amplitude).toBeLessThan(1e-4);
  });

  it('odd symmetry: a polarity-inverted input gives exactly the inverted output', () => {
    for (const curve of ['soft', 'tape', 'hard']) {
      const x = sineInput(frames, 700, 0.8);
      const minus = x.map((v) => -v);
      const a = run(createSaturation({ curve, driveDb: 18 }), [x], 512)[0];
      const b = run(createSaturation({ curve, driveDb: 18 }), [minus], 512)[0];
      for (let i = 0; i < frames; i++) if (b[i] !== -a[i]) expect(b[i]).toBe(-a[i]);
    }
  });
});

describe('saturation: the tape curve saturates highs first', () => {
  const level = (curve: string, driveDb: number, amplitude: number, frequencyHz: number) => {
    const p = createSaturation({ curve, driveDb, outputDb: -driveDb });
    const y = run(p, [sineInput(FS / 2, frequencyHz, amplitude)], 512)[0];
    return toDb(toneAmplitude(y, 12000, 12000, frequencyHz, FS) / amplitude);
  };

  it('quiet: the emphasis pair cancels (10 kHz against 100 Hz within 0.001 dB)', () => {
    expect(Math.abs(level('tape', 0, 1e-3, 10000) - level('tape', 0, 1e-3, 100))).toBeLessThan(
      1e-3,
    );
  });

  it('driven 12 dB: 10 kHz comes out over 2 dB duller than 100 Hz; the memoryless soft curve stays flat', () => {
    const tapeTilt = level('tape', 12, 0.5, 10000) - level('tape', 12, 0.5, 100);
    const softTilt = level('soft', 12, 0.5, 10000) - level('soft', 12, 0.5, 100);
    expect(tapeTilt).toBeLessThan(-2);
    expect(Math.abs(softTilt)).toBeLessThan(0.01);
  });
});
