import { describe, expect, it } from 'vitest';
import { biquadMagnitude } from '../../../src/dsp/biquad.js';
import { absorptionFilter } from '../../../src/dsp/time/absorption.js';
import { reverbProcessor } from '../../../src/dsp/time/reverb.js';
import { run } from '../contract.js';
import { energy, expectSamples, impulse, prepared } from './helpers.js';
import { impulseResponse, stereoSpec as stereo } from './reverb-signals.js';
import { octaveBand, t30Seconds } from './rt60.js';

describe('T30 helper (Schroeder integration) against known decays', () => {
  it('an exact exponential decay of T60 = 1.234 s measures 1.234 s', () => {
    const fs = 48000;
    const h = Float32Array.from({ length: 3 * fs }, (_, n) => 10 ** ((-3 * n) / (fs * 1.234)));
    expect(t30Seconds(h, fs)).toBeCloseTo(1.234, 3);
  });
});

describe('reverb: measured RT60 (T30) matches the decay setting', () => {
  // Measured on the left output of a centred impulse; T30 per ISO 3382 (fit −5…−35 dB).
  // Spec tolerance 15 %; the design (Jot gains, lossless matrix, allpass-interpolated
  // modulation) keeps it within 3 %, which the second check holds it to.
  for (const sampleRate of [44100, 48000]) {
    for (const decaySeconds of [0.5, 1.5, 3]) {
      it(`${decaySeconds} s at ${sampleRate} Hz: broadband with damping 0, and the 1 kHz octave with default damping`, () => {
        const seconds = 1.6 * decaySeconds + 0.3;
        const [flat] = impulseResponse({ decaySeconds, damping: 0 }, sampleRate, seconds);
        const broadband = t30Seconds(flat, sampleRate);
        const [damped] = impulseResponse({ decaySeconds }, sampleRate, seconds);
        const mid = t30Seconds(octaveBand(damped, 1000, sampleRate), sampleRate);
        for (const measured of [broadband, mid]) {
          const error = Math.abs(measured - decaySeconds) / decaySeconds;
          expect(error).toBeLessThan(0.15);
          expect(error).toBeLessThan(0.03);
        }
      });
    }
  }

  it('damping shortens the high-frequency decay to what the absorption filters predict', () => {
    // Default damping 35 % at 6 kHz: T60(f) = −60·m / (fs·20·log10|H(f)|) for any line m.
    const fs = 48000;
    const [left] = impulseResponse({ decaySeconds: 1.5 }, fs, 2.7);
    const m = 3000;
    const filter = absorptionFilter(m, fs, 1.5, 1.5 * 10 ** -0.35, 6000);
    const predicted = (-60 * m) / (fs * 20 * Math.log10(biquadMagnitude(filter, 12000, fs)));
    const measured = t30Seconds(octaveBand(left, 12000, fs), fs);
    expect(predicted).toBeLessThan(0.75); // the design really does damp: 0.68 s vs 1.5 s
    expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.15);
  });
});

describe('reverb: shape of the tail', () => {
  const fs = 48000;

  /** Energy in dB of successive 100 ms windows of the left impulse response. */
  const windowLevels = (settings: Record<string, unknown>): number[] => {
    const [left] = impulseResponse({ decaySeconds: 1.5, ...settings }, fs, 2.5);
    const window = 0.1 * fs;
    const levels: number[] = [];
    for (let k = 0; (k + 1) * window <= left.length; k++) {
      levels.push(10 * Math.log10(energy(left, k * window, (k + 1) * window)));
    }
    return levels;
  };

  it('decays monotonically: every 100 ms window is quieter than the one before', () => {
    const levels = windowLevels({});
    for (let k = 1; k < levels.length; k++) expect(levels[k]).toBeLessThan(levels[k - 1]);
  });

  it('without damping the tail is one straight slope: 60 dB per 1.5 s = 4 ± 1 dB per window', () => {
    // From 200 ms on, once the echo density has built up. (With damping the broadband
    // slope is steeper at first, while the fast-dying highs still count: two slopes.)
    const levels = windowLevels({ damping: 0 });
    for (let k = 2; k < levels.length; k++) {
      expect(Math.abs(levels[k] - levels[k - 1] + 4)).toBeLessThan(1);
    }
  });

  it('builds no DC: the impulse response sums to zero, a DC step dies away with the tail', () => {
    // A DC blocker (zero at z = 1) on the input makes H(1) = 0 for the time-invariant
    // network; the modulated network leaks a little DC (±1e-4…1e-3 of the absolute sum,
    // depending on the LFO phases), which a second blocker on the output removes.
    const [ir] = impulseResponse({ decaySeconds: 1.5 }, fs, 3);
    let sum = 0;
    let absSum = 0;
    for (const v of ir) {
      sum += v;
      absSum += Math.abs(v);
    }
    expect(Math.abs(sum)).toBeLessThan(1e-4 * absSum);
    // The worst case, a 10 s decay: a step's response must fall at the tail's 6 dB/s, not
    // settle at an offset.
    const p = prepared(reverbProcessor, { decaySeconds: 10, mix: 100 }, stereo(fs));
    const step = [new Float32Array(6 * fs).fill(0.5), new Float32Array(6 * fs).fill(0.5)];
    const [out] = run(p, step, 512);
    const mean = (second: number) => {
      let s = 0;
      for (let i = second * fs; i < (second + 1) * fs; i++) s += out[i];
      return Math.abs(s / fs);
    };
    expect(mean(5)).toBeLessThan(mean(1) / 10);
  });

  for (const preset of ['room', 'hall'] as const) {
    it(`${preset}: left and right are decorrelated (|ρ| < 0.1) for a centred and a left impulse`, () => {
      for (const on of [[0, 1], [0]]) {
        const p = prepared(reverbProcessor, { preset, mix: 100 }, stereo(fs));
        const [left, right] = run(p, impulse(2, 2 * fs, on), 512);
        let cross = 0;
        for (let i = 0; i < left.length; i++) cross += left[i] * right[i];
        const rho = cross / Math.sqrt(energy(left) * energy(right));
        expect(Math.abs(rho)).toBeLessThan(0.1);
      }
    });
  }

  it('width 0 gives identical channels; a mono track hears the mid', () => {
    const [left, right] = impulseResponse({ widthPercent: 0 }, fs, 0.5);
    expectSamples(left, (i) => right[i]);
    expect(energy(left)).toBeGreaterThan(0.01);
    const mono = prepared(
      reverbProcessor,
      { mix: 100, preDelayMs: 0 },
      { ...stereo(fs), channels: 1 },
    );
    const [single] = run(mono, impulse(1, fs / 2), 512);
    expect(energy(single)).toBeGreaterThan(0.01);
  });

  it('pre-delay holds the reverb back by exactly round(ms·fs/1000) samples', () => {
    // Without modulation the reverb is time-invariant, so a shift of the input is exact.
    const early = impulseResponse({ preDelayMs: 0, modulation: 0 }, fs, 0.3)[0];
    const late = impulseResponse({ preDelayMs: 37.5, modulation: 0 }, fs, 0.3)[0];
    const shift = 1800;
    expectSamples(late, (i) => (i < shift ? 0 : early[i - shift]));
  });

  it('tailSamples covers the decay to −90 dB of the early level', () => {
    const p = prepared(reverbProcessor, { preset: 'room', mix: 100 }, stereo(fs));
    const [left] = run(p, impulse(2, p.tailSamples + 4800), 512);
    const rms = (from: number) => Math.sqrt(energy(left, from, from + 2400) / 2400);
    let loudest = 0;
    for (let k = 0; k < 10; k++) loudest = Math.max(loudest, rms(k * 2400));
    expect(20 * Math.log10(rms(p.tailSamples) / loudest)).toBeLessThan(-85);
  });
});
