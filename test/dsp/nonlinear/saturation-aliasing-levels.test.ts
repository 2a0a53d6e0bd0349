import { describe, expect, it } from 'vitest';
import { dbToGain } from '../../../src/core/units.js';
import { aliasingOf5kHz } from './aliasing.js';
import { type ModelCurve, modelSpectrum } from './saturation-model.js';
import { createSaturation } from './saturation-setup.js';

/**
 * Absolute aliasing levels of the saturation (antiderivative anti-aliasing at an oversampled
 * rate), against the level the method itself gives.
 *
 * The stimulus is aliasing.ts's: a 5 kHz sine at 0.5 FS (−6 dBFS) at 48 kHz, driven 24 dB into
 * the curve (7.9× overdrive). The output repeats every 48 samples, so its spectrum lies on
 * 1 kHz bins; audio-band aliasing is every non-harmonic bin up to 20 kHz against the
 * fundamental. The expected level comes from saturation-model.ts: the same Float32 input
 * through the oversampler's filters as their exact responses and the curve as the mean of f
 * along each line segment by quadrature — none of the processor's code runs in it.
 *
 * The only thing left between model and measurement is the Float32 output, each sample within
 * 2^−24 of |y| ≤ 1.3 (relative rounding; the model's own double arithmetic and the ADAA
 * midpoint fallback, < 1e−11, are far below). By Parseval that moves the RMS of the audio-band
 * aliasing by at most 2^−24·1.3 and the fundamental's likewise.
 */

const FS = 48000;
const DRIVE_DB = 24;
const ROUNDING_RMS = 2 ** -24 * 1.3;
/** The target for every curve at its default oversampling. */
const TARGET_DB = -80;

const CURVES: Record<'soft' | 'tape' | 'hard', ModelCurve> = {
  soft: { f: Math.tanh, corners: [], tape: false },
  tape: { f: (x) => (2 / Math.PI) * Math.atan((Math.PI / 2) * x), corners: [], tape: true },
  hard: { f: (x) => Math.max(-1, Math.min(1, x)), corners: [-1, 1], tape: false },
};

interface Level {
  readonly db: number;
  readonly aliasRms: number;
  readonly fundamentalRms: number;
}

/** The model's audio-band aliasing for the stimulus. */
function modelled(curve: keyof typeof CURVES, factor: 4 | 8): Level {
  const drive = dbToGain(DRIVE_DB);
  const input = new Float64Array(48);
  for (let i = 0; i < 48; i++) {
    input[i] = drive * Math.fround(0.5 * Math.sin((2 * Math.PI * 5000 * i) / FS));
  }
  const s = modelSpectrum(CURVES[curve], input, factor, FS);
  // Bin k of the 48-point period is k kHz; RMS amplitude √2·|Y_k|/48 (DC: |Y_0|/48).
  const rms = (k: number) => ((k === 0 ? 1 : Math.SQRT2) * Math.hypot(s.re[k], s.im[k])) / 48;
  let alias = 0;
  for (let k = 0; k <= 20; k++) if (k === 0 || k % 5 !== 0) alias += rms(k) ** 2;
  const fundamentalRms = rms(5);
  return {
    db: 10 * Math.log10(alias / fundamentalRms ** 2),
    aliasRms: Math.sqrt(alias),
    fundamentalRms,
  };
}

function measured(curve: string, oversampling?: string): number {
  const settings: Record<string, unknown> = { curve, driveDb: DRIVE_DB };
  if (oversampling) settings.oversampling = oversampling;
  return aliasingOf5kHz(createSaturation(settings)).audioBandDb;
}

function bounds(level: Level): { lowest: number; highest: number } {
  const db = (alias: number, fundamental: number) => 20 * Math.log10(alias / fundamental);
  return {
    highest: db(level.aliasRms + ROUNDING_RMS, level.fundamentalRms - ROUNDING_RMS),
    lowest: db(Math.max(0, level.aliasRms - ROUNDING_RMS), level.fundamentalRms + ROUNDING_RMS),
  };
}

/*
 * What the model gives (audio-band aliasing against the fundamental):
 *   at 8× (the default):  soft −126.7 dB, tape −97.8 dB, hard −93.2 dB;
 *   at 4×:                soft −88.3 dB,  tape −68.2 dB, hard −63.2 dB.
 * Without anti-aliasing the same filters left tape at −43.1/−66.5 dB and hard at −39.0/−59.9 dB
 * (4×/8×): the box average of ADAA takes 25–33 dB off what folds back.
 */
describe('saturation: audio-band aliasing of a −6 dBFS 5 kHz sine at 48 kHz, driven 24 dB', () => {
  for (const curve of ['soft', 'tape', 'hard'] as const) {
    it(`${curve}, default oversampling: below ${TARGET_DB} dB, where the method puts it`, () => {
      const level = modelled(curve, 8);
      const { lowest, highest } = bounds(level);
      const got = measured(curve);
      expect(level.db).toBeLessThan(TARGET_DB);
      expect(got).toBeLessThanOrEqual(highest);
      expect(got).toBeGreaterThanOrEqual(lowest);
    });

    it(`${curve} at 4×: where the method puts it`, () => {
      const level = modelled(curve, 4);
      const { lowest, highest } = bounds(level);
      const got = measured(curve, '4x');
      expect(got).toBeLessThanOrEqual(highest);
      expect(got).toBeGreaterThanOrEqual(lowest);
    });
  }

  it('the bounds are tight enough to mean something: within 0.5 dB for tape and hard at 8×', () => {
    for (const curve of ['tape', 'hard'] as const) {
      const { lowest, highest } = bounds(modelled(curve, 8));
      expect(highest - lowest).toBeLessThan(0.5);
    }
  });
});
