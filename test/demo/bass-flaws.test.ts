import { beforeAll, describe, expect, it } from 'vitest';
import { type BassTake, recordBassTake } from '../../src/demo/synth/bass-take.js';
import { lagOf } from './helpers/cross-correlation.js';
import { sinusoidAt } from './helpers/sinusoid-level.js';
import { dbfs } from './helpers/takes.js';
import { fullSongContext } from './helpers/vocal-context.js';

const ctx = fullSongContext(1);
const fs = ctx.sampleRate;
let bass: BassTake;
beforeAll(() => {
  bass = recordBassTake(ctx, true);
});

describe('the late bass overdub', () => {
  it('trails its clean reference by the stated 23.4 ms = 1123.2 samples (cross-correlation, within 0.1 sample)', () => {
    const truth = bass.lateOverdub!;
    expect(truth.offsetMs).toBe(23.4);
    expect(truth.offsetSamples).toBeCloseTo(1123.2, 9);
    // Three excerpts, each 4 s: the offset is constant through the song.
    for (const startSeconds of [1, 12, 24]) {
      const lag = lagOf(bass.reference!, bass.take, startSeconds * fs, 4 * fs, 2400);
      expect(Math.abs(lag - truth.offsetSamples)).toBeLessThan(0.1);
    }
  });

  it('is not a whole number of samples late: the best integer shift leaves a residual the true offset does not', () => {
    // Parabolic peak refinement could be fooled by a plain 1123-sample shift; check the waveform.
    const start = 5 * fs;
    const length = fs;
    const residual = (shift: (n: number) => number) => {
      let sum = 0;
      for (let n = start; n < start + length; n++) sum += (bass.take[n] - shift(n)) ** 2;
      return Math.sqrt(sum / length);
    };
    const reference = bass.reference!;
    const whole = residual((n) => reference[n - 1123]);
    const fractional = residual((n) => 0.8 * reference[n - 1123] + 0.2 * reference[n - 1124]);
    expect(fractional).toBeLessThan(whole);
  });
});

describe('mains hum on the bass DI', () => {
  it('has the stated harmonics of 50 Hz at the stated levels and phases, measured in the silent tail', () => {
    const hum = bass.hum!;
    expect(hum.mainsHz).toBe(50);
    expect(hum.harmonics.map((h) => h.frequencyHz)).toEqual([50, 100, 150, 200, 250, 300]);
    // The last 1.8 s hold only noise and hum: 90 whole cycles of 50 Hz. The room noise in
    // one 0.56 Hz DFT bin is near −97 dBFS, so a −66 dBFS harmonic reads within ~0.5 dB
    // and ~0.05 rad, the −46 dBFS fundamental within ~0.02 dB.
    const length = Math.round(1.8 * fs);
    const start = bass.take.length - length;
    for (const h of hum.harmonics) {
      const measured = sinusoidAt(bass.take, h.frequencyHz, fs, start, length);
      const tolerance = h.harmonic === 1 ? 0.05 : 0.5;
      expect(
        Math.abs(dbfs(measured.amplitude) - h.levelDbfs),
        `harmonic ${h.harmonic}`,
      ).toBeLessThan(tolerance);
      const phaseError = Math.atan2(
        Math.sin(measured.phaseRadians - h.phaseRadians),
        Math.cos(measured.phaseRadians - h.phaseRadians),
      );
      expect(Math.abs(phaseError), `harmonic ${h.harmonic}`).toBeLessThan(0.1);
    }
  });

  it('is at 50.00 Hz: the strongest component between 40 and 60 Hz (0.25 Hz scan, then 0.01 Hz)', () => {
    const start = bass.take.length - 2 * fs;
    const strongest = (from: number, to: number, step: number) => {
      let best = { hz: 0, amplitude: 0 };
      for (let hz = from; hz <= to + 1e-9; hz += step) {
        const { amplitude } = sinusoidAt(bass.take, hz, fs, start, 2 * fs);
        if (amplitude > best.amplitude) best = { hz, amplitude };
      }
      return best.hz;
    };
    const coarse = strongest(40, 60, 0.25);
    expect(Math.abs(strongest(coarse - 0.25, coarse + 0.25, 0.01) - 50)).toBeLessThan(0.02);
  });

  it('is absent from the clean reference (below −90 dBFS at 50 Hz: room noise only)', () => {
    const start = bass.reference!.length - fs;
    expect(dbfs(sinusoidAt(bass.reference!, 50, fs, start, fs).amplitude)).toBeLessThan(-90);
  });
});
