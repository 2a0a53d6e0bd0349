import { describe, expect, it } from 'vitest';
import type { ProcessSpec } from '../../../src/core/block.js';
import { Prng } from '../../../src/core/prng.js';
import { biquadMagnitude, rbj } from '../../../src/dsp/biquad.js';
import { delayProcessor } from '../../../src/dsp/time/delay.js';
import { noise, run } from '../contract.js';
import { db, dftMagnitude, energy, expectSamples, impulse, prepared } from './helpers.js';

const stereo = (sampleRate: number, tempoBpm?: number): ProcessSpec => ({
  sampleRate,
  maxBlockSize: 512,
  channels: 2,
  tempoBpm,
});

describe('delay: the echo lands on the exact sample', () => {
  // round(timeMs·fs/1000), worked by hand.
  const cases: [number, number, number][] = [
    [375, 48000, 18000],
    [375, 44100, 16538], // 16537.5 rounds up
    [1, 44100, 44], // 44.1
    [123.456, 96000, 11852], // 11851.776
    [4999, 48000, 239952],
  ];
  for (const [timeMs, fs, expected] of cases) {
    it(`${timeMs} ms at ${fs} Hz → sample ${expected}, nothing else`, () => {
      const p = prepared(delayProcessor, { timeMs, feedbackPercent: 0, mix: 100 }, stereo(fs));
      const out = run(p, impulse(2, expected + 2000, [0, 1]), 512);
      for (const data of out) {
        for (let i = 0; i < data.length; i++) {
          if (data[i] !== (i === expected ? 1 : 0)) {
            throw new Error(`sample ${i} is ${data[i]}`);
          }
        }
      }
    });
  }

  it('mix 50 % gives half the dry impulse and half the echo', () => {
    const p = prepared(delayProcessor, { timeMs: 10, feedbackPercent: 0, mix: 50 }, stereo(48000));
    const [left] = run(p, impulse(2, 1000, [0, 1]), 64);
    expect(left[0]).toBe(0.5);
    expect(left[480]).toBe(0.5);
    expect(energy(left)).toBe(0.5);
  });

  // 1/8. at 120 bpm = 375 ms; 1/4T at 90 bpm = 444.44 ms; 1/16 at 140 bpm = 107.14 ms.
  const synced: [string, number | undefined, number][] = [
    ['1/8.', 120, 18000],
    ['1/8.', undefined, 18000], // tempo unknown → 120
    ['1/4T', 90, 21333], // 21333.33
    ['1/16', 140, 5143], // 5142.86
  ];
  for (const [note, bpm, expected] of synced) {
    it(`note ${note} at ${bpm ?? 'default'} bpm lands on sample ${expected} at 48 kHz`, () => {
      const p = prepared(
        delayProcessor,
        { note, timeMs: 100, feedbackPercent: 0, mix: 100 },
        stereo(48000, bpm),
      );
      const [left] = run(p, impulse(2, expected + 100, [0, 1]), 512);
      expect(left.indexOf(1)).toBe(expected);
      expect(energy(left)).toBe(1);
    });
  }
});

describe('delay: each repeat falls by the feedback setting', () => {
  const fs = 48000;
  const d = 4800; // 100 ms: windows of whole 10 Hz bins
  /** Per-repeat level change at `frequencyHz`, from DFTs of successive echo windows. */
  const perRepeatDb = (settings: Record<string, unknown>, frequencyHz: number): number[] => {
    const p = prepared(delayProcessor, { timeMs: 100, mix: 100, ...settings }, stereo(fs));
    const [left] = run(p, impulse(2, 6 * d, [0, 1]), 512);
    const levels = [1, 2, 3, 4, 5].map((k) => dftMagnitude(left, k * d, d, frequencyHz, fs));
    return levels.slice(1).map((level, k) => db(level / levels[k]));
  };
  /** What the loop must do per pass: g·|H_highpass(f)·H_lowpass(f)| (RBJ Butterworth). */
  const expectedDb = (g: number, lowCutHz: number, highCutHz: number, f: number): number =>
    db(g) +
    db(biquadMagnitude(rbj('highpass', lowCutHz, Math.SQRT1_2, 0, fs), f, fs)) +
    db(biquadMagnitude(rbj('lowpass', highCutHz, Math.SQRT1_2, 0, fs), f, fs));

  for (const percent of [25, 50, 90]) {
    it(`${percent} % → ${db(percent / 100).toFixed(2)} dB per repeat at 1 kHz (filters wide open)`, () => {
      const settings = { feedbackPercent: percent, lowCutHz: 20, highCutHz: 20000 };
      for (const change of perRepeatDb(settings, 1000)) {
        expect(Math.abs(change - expectedDb(percent / 100, 20, 20000, 1000))).toBeLessThan(1e-3);
        expect(Math.abs(change - db(percent / 100))).toBeLessThan(0.01);
      }
    });
  }

  it('the tone filters act once per repeat: g·|H(f)| at 200 Hz, 1 kHz, 4 kHz, 8 kHz', () => {
    const settings = { feedbackPercent: 80, lowCutHz: 400, highCutHz: 3000 };
    for (const f of [200, 1000, 4000, 8000]) {
      const expected = expectedDb(0.8, 400, 3000, f);
      for (const change of perRepeatDb(settings, f)) {
        expect(Math.abs(change - expected)).toBeLessThan(0.01);
      }
    }
  });

  it('reports a tail that reaches −90 dB: (⌈90/6.02⌉ + 1) repeats at 50 %', () => {
    const p = prepared(delayProcessor, { timeMs: 100, feedbackPercent: 50 }, stereo(fs));
    expect(p.tailSamples).toBe(16 * d);
  });
});

describe('delay: stereo', () => {
  const fs = 48000;
  const d = 960; // 20 ms
  const windows = (out: Float32Array[], k: number) =>
    out.map((data) => energy(data, k * d, (k + 1) * d));

  for (const on of [[0], [1], [0, 1]]) {
    it(`ping-pong: an impulse on ${on.map((c) => 'LR'[c]).join('+')} repeats L, R, L, R …`, () => {
      const p = prepared(
        delayProcessor,
        { timeMs: 20, feedbackPercent: 70, pingPong: true, mix: 100, lowCutHz: 300 },
        stereo(fs),
      );
      const out = run(p, impulse(2, 8 * d, on), 256);
      // The mono sum enters on the left: the first echo is (L+R)/2, unfiltered, and the
      // right side is exactly silent until the second repeat arrives.
      expect(out[0][d]).toBe(on.length / 2);
      expect(energy(out[1], 0, 2 * d)).toBe(0);
      for (let k = 1; k <= 6; k++) {
        const [left, right] = windows(out, k);
        const [loud, quiet] = k % 2 === 1 ? [left, right] : [right, left];
        // The quiet side holds only the filters' ringing from the repeat before (the
        // 300 Hz high-pass decays by e^(−2π·300·0.707·20 ms) ≈ −230 dB per window).
        expect(loud).toBeGreaterThan(1e-3);
        expect(quiet / loud).toBeLessThan(1e-12);
      }
    });
  }

  it('without ping-pong each side keeps its own echoes', () => {
    const p = prepared(delayProcessor, { timeMs: 20, feedbackPercent: 70, mix: 100 }, stereo(fs));
    const [left, right] = run(p, impulse(2, 8 * d, [0]), 256);
    expect(energy(right)).toBe(0);
    for (let k = 1; k <= 6; k++) expect(energy(left, k * d, (k + 1) * d)).toBeGreaterThan(1e-3);
  });

  it('width 0 makes the echoes mono (both sides carry the mid)', () => {
    const p = prepared(
      delayProcessor,
      { timeMs: 20, feedbackPercent: 70, pingPong: true, mix: 100, widthPercent: 0 },
      stereo(fs),
    );
    const [left, right] = run(p, impulse(2, 8 * d, [0]), 256);
    expectSamples(left, (i) => right[i]);
    expect(left[d]).toBe(0.25); // (L+R)/2 = ½ enters, mid = ½·(½ + 0)
  });
});

describe('delay: steady and moving parameters', () => {
  it('width 0 without ping-pong: both sides carry the mid of their own echoes', () => {
    const fs = 48000;
    const p = prepared(
      delayProcessor,
      { timeMs: 20, feedbackPercent: 50, mix: 100, widthPercent: 0 },
      stereo(fs),
    );
    const [left, right] = run(p, impulse(2, 4800, [0]), 256);
    expectSamples(left, (i) => right[i]);
    expect(left[960]).toBe(0.5);
  });

  it('changes mid-stream (glides, ramps, a new time) give the same output in any blocks', () => {
    const fs = 48000;
    const settings = { timeMs: 30, feedbackPercent: 60, lowCutHz: 200, mix: 50, widthPercent: 60 };
    const input = noise(2, fs / 2, 8);
    const render = (blocks: number | 'random'): Float32Array[] => {
      const p = prepared(delayProcessor, settings, stereo(fs));
      const half = (from: number, to: number) =>
        run(
          p,
          input.map((x) => x.subarray(from, to)),
          blocks,
        );
      const first = half(0, 6000);
      p.setParameter('highCutHz', 3000);
      p.setParameter('feedbackPercent', 80);
      p.setParameter('widthPercent', 100);
      p.setParameter('timeMs', 41);
      const second = half(6000, input[0].length);
      return first.map((a, c) => Float32Array.from([...a, ...second[c]]));
    };
    const reference = render(512);
    const random = render('random');
    for (let c = 0; c < 2; c++) expectSamples(random[c], (i) => reference[c][i]);
  });
});

describe('delay: tone filter automation', () => {
  // RBJ sections degenerate at Nyquist (poles and zeros pile up at z = −1); gliding one in
  // the feedback loop overshot to 21 from noise of 0.3 at 8 kHz before the cutoffs were
  // kept below 0.45·fs.
  for (const sampleRate of [8000, 22050]) {
    it(`${sampleRate} Hz: cutoffs and feedback moved every few blocks stay bounded`, () => {
      const prng = new Prng(2);
      const p = prepared(
        delayProcessor,
        { timeMs: 30, feedbackPercent: 90, mix: 100 },
        { sampleRate, maxBlockSize: 512, channels: 2 },
      );
      const input = noise(2, 10 * sampleRate, 4).map((x) => x.map((v) => 0.6 * v));
      let peak = 0;
      for (let pos = 0, k = 0; pos < input[0].length; k++) {
        if (k % 3 === 0) {
          p.setParameter('highCutHz', 1000 * 20 ** prng.next());
          p.setParameter('lowCutHz', 20 * 100 ** prng.next());
          p.setParameter('feedbackPercent', prng.next() * 98);
        }
        const n = Math.min(input[0].length - pos, 1 + Math.floor(prng.next() * 512));
        const out = run(
          p,
          input.map((x) => x.subarray(pos, pos + n)),
          n,
        );
        for (const data of out) for (const v of data) peak = Math.max(peak, Math.abs(v));
        pos += n;
      }
      expect(peak).toBeLessThan(2);
    });
  }
});

describe('delay: time changes are smooth', () => {
  it('a jump from 300 to 420 ms crossfades: no step beyond the sine slope plus the fade slope', () => {
    const fs = 48000;
    const amplitude = 0.5;
    const f = 440;
    const input = [new Float32Array(2 * fs)];
    for (let i = 0; i < input[0].length; i++) {
      input[0][i] = amplitude * Math.sin((2 * Math.PI * f * i) / fs);
    }
    const p = prepared(
      delayProcessor,
      { timeMs: 300, feedbackPercent: 0, mix: 100 },
      { sampleRate: fs, maxBlockSize: 512, channels: 1 },
    );
    const first = run(p, [input[0].subarray(0, fs)], 512)[0];
    p.setParameter('timeMs', 420);
    const second = run(p, [input[0].subarray(fs)], 512)[0];
    const out = new Float32Array(2 * fs);
    out.set(first);
    out.set(second, fs);
    // y = (1−w)a + w·b: |Δy| ≤ A·2sin(ω/2) + |Δw|·2A, with Δw = 1/(50 ms·fs).
    const fade = 0.05 * fs;
    const bound = amplitude * 2 * Math.sin((Math.PI * f) / fs) + (2 * amplitude) / fade + 1e-6;
    let steepest = 0;
    for (let i = 14400 + 1; i < out.length; i++) {
      steepest = Math.max(steepest, Math.abs(out[i] - out[i - 1]));
    }
    expect(steepest).toBeLessThanOrEqual(bound);
    // After the fade the output is exactly the input 420 ms earlier (20160 samples).
    expectSamples(out, (i) => input[0][i - 20160], fs + fade + 1);
  });
});
