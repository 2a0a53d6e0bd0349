import { describe, expect, it } from 'vitest';
import { resampleImpulseResponse } from '../../../src/dsp/time/ir-resample.js';
import { randomImpulseResponse } from './convolution-signals.js';

interface Tone {
  readonly hz: number;
  readonly amplitude: number;
  readonly phase: number;
}
const tone = (tones: readonly Tone[], t: number): number =>
  tones.reduce(
    (s, { hz, amplitude, phase }) => s + amplitude * Math.sin(2 * Math.PI * hz * t + phase),
    0,
  );

/** Error of resampled tones against the same tones computed at the new rate, in dB. */
function toneErrorDb(input: readonly Tone[], expected: readonly Tone[], from: number, to: number) {
  const x = Float64Array.from({ length: 16384 }, (_, n) => tone(input, n / from));
  // The resampler scales taps by from/to (IR semantics); undo that to compare signals.
  const y = resampleImpulseResponse(x, from, to).map((v) => (v * to) / from);
  // Skip the edges, where the input is cut off (a full kernel reach at the lower rate).
  const margin = Math.ceil((300 * Math.max(from, to)) / Math.min(from, to));
  const last = Math.floor(((x.length - margin) * to) / from);
  let error = 0;
  let reference = 0;
  for (let m = Math.ceil((margin * to) / from); m < last; m++) {
    const exact = tone(expected, m / to);
    error += (y[m] - exact) ** 2;
    reference += exact ** 2;
  }
  return 10 * Math.log10(error / reference);
}

describe('impulse-response resampling (Kaiser-windowed sinc)', () => {
  const audible: Tone[] = [
    { hz: 100, amplitude: 0.3, phase: 0.1 },
    { hz: 1000, amplitude: 0.3, phase: 1.2 },
    { hz: 5000, amplitude: 0.2, phase: 2.3 },
    { hz: 15000, amplitude: 0.1, phase: 0.7 },
    { hz: 19000, amplitude: 0.1, phase: 2.9 },
  ];

  for (const [from, to] of [
    [44100, 48000],
    [48000, 44100],
    [48000, 96000],
    [96000, 48000],
  ]) {
    it(`${from} → ${to} Hz: tones up to 19 kHz come out within −90 dB of exact`, () => {
      expect(toneErrorDb(audible, audible, from, to)).toBeLessThan(-90);
    });
  }

  it('96 → 44.1 kHz: a 30 kHz tone is removed, not aliased (to −90 dB)', () => {
    const low: Tone[] = [{ hz: 1000, amplitude: 0.5, phase: 0 }];
    const high: Tone[] = [...low, { hz: 30000, amplitude: 0.5, phase: 0 }];
    expect(toneErrorDb(high, low, 96000, 44100)).toBeLessThan(-90);
  });

  // An IR that starts with at least one kernel reach (≈ 132 input samples) of silence keeps
  // its band-limited pulse's pre-ringing; one that starts at once loses the part before
  // t = 0 (as any resampler writing a file from t = 0 does), which the report quantifies.
  it('keeps the IR’s frequency response H(f) and timing (taps scaled by fromRate/toRate)', () => {
    const from = 44100;
    const to = 48000;
    const h = new Float32Array(2441);
    h.set(randomImpulseResponse(2000, 21), 441);
    const g = resampleImpulseResponse(h, from, to);
    const response = (x: ArrayLike<number>, fs: number, hz: number): [number, number] => {
      let re = 0;
      let im = 0;
      for (let n = 0; n < x.length; n++) {
        re += x[n] * Math.cos((2 * Math.PI * hz * n) / fs);
        im -= x[n] * Math.sin((2 * Math.PI * hz * n) / fs);
      }
      return [re, im];
    };
    for (const hz of [50, 1000, 5000, 12000, 18000]) {
      const [ar, ai] = response(h, from, hz);
      const [br, bi] = response(g, to, hz);
      // Complex difference relative to |H|: magnitude and phase both kept (−100 dB).
      expect(Math.hypot(br - ar, bi - ai) / Math.hypot(ar, ai)).toBeLessThan(1e-5);
    }
    // Timing: an impulse at 441 samples (10 ms) peaks at sample 480 (10 ms) at 48 kHz.
    const pulse = new Float32Array(1000);
    pulse[441] = 1;
    const moved = resampleImpulseResponse(pulse, from, to);
    let peak = 0;
    for (let m = 0; m < moved.length; m++) if (Math.abs(moved[m]) > Math.abs(moved[peak])) peak = m;
    expect(peak).toBe(480);
  });

  it('equal rates return a copy', () => {
    const h = randomImpulseResponse(100, 3);
    const g = resampleImpulseResponse(h, 48000, 48000);
    expect(g).toEqual(h);
    expect(g).not.toBe(h);
  });
});
