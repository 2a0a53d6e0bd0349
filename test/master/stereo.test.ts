import { describe, expect, it } from 'vitest';
import { stereoProcessor } from '../../src/master/processors/stereo.js';
import { magnitudeDb, maxAbsOf, processWith, tone, toneAmplitude } from './helpers.js';

/**
 * The stereo tools in the mid/side convention M = (L + R)/2, S = (L − R)/2,
 * L = M + S, R = M − S: widths scale S per band, monoBelowHz removes S below a frequency,
 * mid and side gains scale M and S.
 */

const fs = 48000;

/** A signal that is pure side (L = s, R = −s) or pure mid (L = R = m). */
function sideOnly(s: Float32Array): Float32Array[] {
  return [s.slice(), s.map((v) => -v)];
}
function midOnly(m: Float32Array): Float32Array[] {
  return [m.slice(), m.slice()];
}

/** Mid and side amplitude of a tone at `f` in a stereo output (settled second half). */
function midSideAt(y: Float32Array[], f: number): { mid: number; side: number } {
  const n = y[0].length;
  const mid = y[0].map((v, i) => (v + y[1][i]) / 2);
  const side = y[0].map((v, i) => (v - y[1][i]) / 2);
  return {
    mid: toneAmplitude(mid, f, fs, n / 2, n / 2),
    side: toneAmplitude(side, f, fs, n / 2, n / 2),
  };
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe('stereo: neutral settings', () => {
  it('a left-only impulse stays on the left with flat magnitude (M and S share one allpass)', () => {
    const n = 1 << 15;
    const left = new Float32Array(n);
    left[0] = 0.9;
    const [l, r] = processWith(stereoProcessor, {}, fs, [left, new Float32Array(n)]);
    let worst = 0;
    for (const m of magnitudeDb(l.map((v) => v / 0.9))) worst = Math.max(worst, Math.abs(m));
    expect(worst).toBeLessThan(0.01);
    expect(maxAbsOf(r)).toBeLessThan(1e-6);
  });
});

describe('stereo: width per band', () => {
  const settings = {
    lowCrossoverHz: 250,
    highCrossoverHz: 4000,
    lowWidthPercent: 50,
    midWidthPercent: 150,
    highWidthPercent: 0,
  };
  /**
   * LR4 lowpass and highpass at one crossover are in phase, |LP| = 1/(1 + r⁴) and
   * |HP| = r⁴/(1 + r⁴) with r = tan(πf/fs)/tan(πfc/fs) (bilinear, pre-warped), so the side
   * comes out scaled by w_low·L₁ + w_mid·H₁·L₂ + w_high·H₁·H₂.
   */
  function expectedSideGain(f: number): number {
    const r = (fc: number) => (Math.tan((Math.PI * f) / fs) / Math.tan((Math.PI * fc) / fs)) ** 4;
    const [r1, r2] = [r(250), r(4000)];
    const [l1, h1, l2, h2] = [1 / (1 + r1), r1 / (1 + r1), 1 / (1 + r2), r2 / (1 + r2)];
    return 0.5 * l1 + 1.5 * h1 * l2 + 0 * h1 * h2;
  }
  for (const [f, width] of [
    [60, 0.5],
    [1000, 1.5],
    [12000, 0],
  ] as const) {
    it(`side at ${f} Hz is scaled by ≈ ${width} (the crossover's band sum); mid at ${f} Hz is untouched`, () => {
      const side = processWith(stereoProcessor, settings, fs, sideOnly(tone(f, 0.3, fs, fs)));
      const mid = processWith(stereoProcessor, settings, fs, midOnly(tone(f, 0.3, fs, fs)));
      const s = midSideAt(side, f);
      const expected = expectedSideGain(f);
      expect(Math.abs(expected - width)).toBeLessThan(0.01);
      if (width === 0) expect(s.side / 0.3).toBeLessThan(10 ** (-40 / 20));
      else expect(Math.abs(db(s.side / 0.3) - db(expected))).toBeLessThan(0.01);
      expect(s.mid).toBeLessThan(1e-4);
      const m = midSideAt(mid, f);
      expect(Math.abs(db(m.mid / 0.3))).toBeLessThan(0.01);
      expect(m.side).toBeLessThan(1e-6);
    });
  }
});

describe('stereo: mono below a frequency', () => {
  const settings = { monoBelowHz: 120 };
  it('side two octaves below 120 Hz is removed (≥ 45 dB down; LR4 is 24 dB/oct)', () => {
    const y = processWith(stereoProcessor, settings, fs, sideOnly(tone(30, 0.3, fs, fs)));
    expect(db(midSideAt(y, 30).side / 0.3)).toBeLessThan(-45);
  });
  it('side at 1 kHz and mid at 30 Hz pass unchanged (within 0.02 dB)', () => {
    const side = processWith(stereoProcessor, settings, fs, sideOnly(tone(1000, 0.3, fs, fs)));
    expect(Math.abs(db(midSideAt(side, 1000).side / 0.3))).toBeLessThan(0.02);
    const mid = processWith(stereoProcessor, settings, fs, midOnly(tone(30, 0.3, fs, fs)));
    expect(Math.abs(db(midSideAt(mid, 30).mid / 0.3))).toBeLessThan(0.02);
  });
  it('above the low crossover it also makes the whole low band mono', () => {
    const y = processWith(
      stereoProcessor,
      { monoBelowHz: 400, lowCrossoverHz: 200 },
      fs,
      sideOnly(tone(100, 0.3, fs, fs)),
    );
    expect(db(midSideAt(y, 100).side / 0.3)).toBeLessThan(-30);
  });
});

describe('stereo: mid and side gains', () => {
  it('scale M and S by their gains: a left-only tone becomes M·g_m ± S·g_s', () => {
    const x = tone(1000, 0.4, fs, fs);
    const y = processWith(stereoProcessor, { midGainDb: -6, sideGainDb: 3 }, fs, [
      x,
      new Float32Array(fs),
    ]);
    const { mid, side } = midSideAt(y, 1000);
    // Left only: M = S = x/2.
    expect(Math.abs(db(mid / 0.2) + 6)).toBeLessThan(0.02);
    expect(Math.abs(db(side / 0.2) - 3)).toBeLessThan(0.02);
  });

  it('a mono input is all mid: only the mid gain applies', () => {
    const x = tone(1000, 0.4, fs, fs);
    const [y] = processWith(
      stereoProcessor,
      { midGainDb: -6, sideGainDb: 12, lowWidthPercent: 0 },
      fs,
      [x],
    );
    expect(Math.abs(db(toneAmplitude(y, 1000, fs, fs / 2, fs / 2) / 0.4) + 6)).toBeLessThan(0.01);
  });
});
