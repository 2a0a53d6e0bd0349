import { describe, expect, it } from 'vitest';
import { compressorProcessor } from '../../../src/dsp/dynamics/compressor.js';
import { AUTO_MAKEUP_REFERENCE_DB } from '../../../src/dsp/dynamics/compressor-engine.js';
import { butterworthHighPassDb, tutorialReductionDb } from './reference.js';
import {
  ampToDb,
  create,
  crossing,
  gainDb,
  peakDb,
  probe,
  render,
  rmsDb,
  tone,
} from './signals.js';

const FS = 48000;

function largestDifference(a: Float64Array, b: Float64Array, from: number): number {
  let worst = 0;
  for (let i = from; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Static curve, measured: a steady tone, long enough to settle, and the output level read
 * back. Peak detection sees the tone's sample peak; a 1 kHz cosine at 48 kHz has a sample
 * exactly on every peak. The attack is the shortest allowed (0.01 ms, the detector follows
 * within a sample) and the release the longest (5 s), so the reduction holds the value the
 * curve gives at the peak.
 */
function measuredPeakCurveDb(T: number, R: number, W: number, levelDb: number): number {
  const p = create(compressorProcessor, {
    thresholdDb: T,
    ratio: R,
    kneeDb: W,
    attackMs: 0.01,
    releaseMs: 5000,
  });
  const frames = FS / 10;
  const [out] = render(p, [tone(1000, levelDb, frames, FS)]);
  return peakDb(out, frames - FS / 50);
}

describe('compressor static curve within 0.1 dB of the tutorial curve (Giannoulis et al. 2012)', () => {
  for (const W of [0, 6, 12]) {
    for (const T of [-40, -20, -10]) {
      it(`peak detection, knee ${W} dB, threshold ${T} dB, ratios 1.5–100, levels −60…0 dBFS`, () => {
        let worst = 0;
        for (const R of [1.5, 2, 4, 10, 100]) {
          for (let level = -60; level <= 0; level += 2) {
            const expected = level - tutorialReductionDb(level, T, R, W);
            worst = Math.max(worst, Math.abs(measuredPeakCurveDb(T, R, W, level) - expected));
          }
        }
        expect(worst).toBeLessThan(0.1);
      });
    }
  }

  it('RMS detection: the curve applies to the RMS level (a sine is 3.01 dB below its peak)', () => {
    let worst = 0;
    for (const [T, R, W] of [
      [-30, 4, 0],
      [-20, 10, 6],
      [-12, 2, 12],
    ]) {
      for (let peak = -50; peak <= 0; peak += 5) {
        const p = create(compressorProcessor, {
          thresholdDb: T,
          ratio: R,
          kneeDb: W,
          attackMs: 10,
          releaseMs: 5000,
          detection: 'rms',
        });
        // 4 kHz (12 samples a period): the 10 ms RMS window ripples by ±0.01 dB on it.
        const frames = (FS * 3) / 10;
        const input = tone(4000, peak, frames, FS);
        const [out] = render(p, [input]);
        const from = frames - 4800;
        const gain = rmsDb(out, from) - rmsDb(input, from);
        const rmsLevel = peak + ampToDb(Math.SQRT1_2);
        worst = Math.max(worst, Math.abs(gain + tutorialReductionDb(rmsLevel, T, R, W)));
      }
    }
    expect(worst).toBeLessThan(0.1);
  });

  it('ratio 1 and signals below the knee pass bit-exact (gain exactly 1)', () => {
    const input = tone(1000, -6, 4800, FS);
    const unity = create(compressorProcessor, { thresholdDb: -40, ratio: 1 });
    expect(render(unity, [input])[0]).toEqual(input);
    const below = create(compressorProcessor, { thresholdDb: -3, kneeDb: 6 });
    expect(render(below, [input])[0]).toEqual(input);
  });
});

describe('attack and release time constants within 10 %', () => {
  // Definition: the time for the gain reduction (in dB) to cover 1 − 1/e of a level step,
  // measured from the gain trajectory of a probe tone that steps from below the threshold
  // to 30 dB above it and back.
  for (const fs of [44100, 48000, 96000]) {
    for (const [attackMs, releaseMs] of [
      [1, 50],
      [10, 200],
      [50, 1000],
    ]) {
      it(`${fs} Hz: attack ${attackMs} ms, release ${releaseMs} ms`, () => {
        const p = create(
          compressorProcessor,
          { thresholdDb: -40, ratio: 4, kneeDb: 0, attackMs, releaseMs },
          fs,
        );
        const stepUp = Math.round(0.05 * fs);
        const stepDown = stepUp + Math.round((10 * attackMs * fs) / 1000);
        const frames = stepDown + Math.round((10 * releaseMs * fs) / 1000);
        const input = probe(frames, (i) => (i >= stepUp && i < stepDown ? -10 : -60));
        const reduction = gainDb(render(p, [input], undefined, 256)[0], input).map((g) => -g);

        const full = 30 * (1 - 1 / 4); // static reduction at 30 dB over threshold
        expect(reduction[stepDown - 1]).toBeCloseTo(full, 2);
        const attackSamples = crossing(reduction, full * (1 - 1 / Math.E), stepUp - 1, 'up');
        const releaseSamples = crossing(reduction, full / Math.E, stepDown - 1, 'down');
        const attackError = (attackSamples / fs) * 1000 - attackMs;
        const releaseError = (releaseSamples / fs) * 1000 - releaseMs;
        expect(Math.abs(attackError) / attackMs).toBeLessThan(0.1);
        expect(Math.abs(releaseError) / releaseMs).toBeLessThan(0.1);
      });
    }
  }
});

describe('makeup, auto makeup and dry/wet mix', () => {
  const steady = (settings: Record<string, unknown>, levelDb: number): number => {
    const p = create(compressorProcessor, { attackMs: 0.01, releaseMs: 5000, ...settings });
    const input = probe(4800, () => levelDb);
    return gainDb(render(p, [input])[0], input)[4799];
  };

  it('makeup adds its gain after compression', () => {
    const base = { thresholdDb: -30, ratio: 4, kneeDb: 0 };
    expect(steady({ ...base, makeupDb: 7 }, -10)).toBeCloseTo(-15 + 7, 2);
  });

  it(`auto makeup: a signal at ${AUTO_MAKEUP_REFERENCE_DB} dBFS keeps its level`, () => {
    for (const [T, R, W] of [
      [-30, 4, 6],
      [-40, 10, 0],
      [-20, 2, 12],
    ]) {
      const gain = steady(
        { thresholdDb: T, ratio: R, kneeDb: W, autoMakeup: true },
        AUTO_MAKEUP_REFERENCE_DB,
      );
      expect(Math.abs(gain)).toBeLessThan(0.1);
    }
    // Threshold above the reference: nothing to compensate.
    expect(steady({ thresholdDb: -10, kneeDb: 0, autoMakeup: true }, -30)).toBe(0);
  });

  it('mix 50 %: half dry plus half compressed', () => {
    const reductionDb = 15; // −10 dBFS, threshold −30, ratio 4
    const expected = ampToDb(0.5 + 0.5 * 10 ** (-reductionDb / 20));
    const gain = steady({ thresholdDb: -30, ratio: 4, kneeDb: 0, mixPercent: 50 }, -10);
    expect(gain).toBeCloseTo(expected, 2);
  });
});

describe('external sidechain', () => {
  const settings = { thresholdDb: -30, ratio: 4, kneeDb: 0, attackMs: 0.01, releaseMs: 5000 };

  it('a keyed signal ducks a steady tone by the curve at the key level', () => {
    const frames = FS / 2;
    const input = tone(1000, -20, frames, FS);
    const key = tone(200, -10, frames, FS);
    const ducked = render(create(compressorProcessor, settings), [input], [key])[0];
    // Key at −10 dBFS: 20 dB over threshold at 4:1 → 15 dB of reduction.
    expect(Math.abs(peakDb(ducked, frames - 4800) - (-20 - 15))).toBeLessThan(0.1);

    // A silent key: no reduction, although the input itself is over the threshold.
    const silentKey = new Float32Array(frames);
    const passed = render(create(compressorProcessor, settings), [input], [silentKey])[0];
    expect(passed).toEqual(input);
  });

  it('a mono key ducks both channels of a stereo input equally', () => {
    const frames = FS / 4;
    const left = probe(frames, () => -20);
    const right = probe(frames, () => -26);
    const key = tone(200, -10, frames, FS);
    const p = create(compressorProcessor, settings, FS, 2);
    const [outL, outR] = render(p, [left, right], [key]);
    const gl = gainDb(outL, left);
    const gr = gainDb(outR, right);
    expect(largestDifference(gl, gr, frames - 4800)).toBeLessThan(1e-5);
    expect(Math.min(...gl.subarray(frames - 4800))).toBeCloseTo(-15, 1);
  });

  for (const hpfHz of [100, 200, 400]) {
    it(`sidechain high-pass at ${hpfHz} Hz lowers a 50 Hz key by the filter's magnitude`, () => {
      const frames = FS;
      const input = probe(frames, () => -30);
      const key = tone(50, 0, frames, FS);
      const p = create(compressorProcessor, {
        thresholdDb: -60,
        ratio: 4,
        kneeDb: 0,
        attackMs: 0.01,
        releaseMs: 200,
        sidechainHpfHz: hpfHz,
      });
      const gain = gainDb(render(p, [input], [key])[0], input);
      // Instant attack: the largest reduction is the curve at the filtered key's peak
      // (read after the filter's onset transient has been released).
      const maxReduction = -Math.min(...gain.subarray((3 * frames) / 4));
      const keyLevel = butterworthHighPassDb(50, hpfHz, FS);
      expect(Math.abs(maxReduction - tutorialReductionDb(keyLevel, -60, 4, 0))).toBeLessThan(0.1);
    });
  }

  it('without the high-pass the same key is reduced by the full curve', () => {
    const frames = FS / 2;
    const input = probe(frames, () => -30);
    const p = create(compressorProcessor, {
      thresholdDb: -60,
      ratio: 4,
      kneeDb: 0,
      attackMs: 0.01,
      releaseMs: 200,
    });
    const gain = gainDb(render(p, [input], [tone(50, 0, frames, FS)])[0], input);
    expect(-Math.min(...gain.subarray(frames / 2))).toBeCloseTo(45, 1);
  });
});

describe('stereo link', () => {
  const settings = { thresholdDb: -30, ratio: 4, kneeDb: 0, attackMs: 0.01, releaseMs: 5000 };
  const frames = FS / 4;
  // A loud tone only in L; R carries a quiet probe below the threshold so its gain shows.
  const left = probe(frames, () => -10);
  const right = probe(frames, () => -50);

  it('100 %: a tone only in L reduces R by the same gain', () => {
    const p = create(compressorProcessor, { ...settings, stereoLinkPercent: 100 }, FS, 2);
    const [outL, outR] = render(p, [left, right]);
    const gl = gainDb(outL, left);
    const gr = gainDb(outR, right);
    expect(largestDifference(gl, gr, 0)).toBeLessThan(1e-5);
    expect(gl[frames - 1]).toBeCloseTo(-15, 2);
  });

  it('0 %: each channel has its own detector (R untouched)', () => {
    const p = create(compressorProcessor, { ...settings, stereoLinkPercent: 0 }, FS, 2);
    const [outL, outR] = render(p, [left, right]);
    expect(outR).toEqual(right);
    expect(gainDb(outL, left)[frames - 1]).toBeCloseTo(-15, 2);
  });

  it('unlinking while running releases R from the linked reduction, without a jump', () => {
    const p = create(
      compressorProcessor,
      { ...settings, releaseMs: 50, stereoLinkPercent: 100 },
      FS,
      2,
    );
    render(p, [left, right]);
    p.setParameter('stereoLinkPercent', 0);
    const [, outR] = render(p, [left, right]);
    const gr = gainDb(outR, right);
    expect(Math.abs(gr[0] + 15)).toBeLessThan(0.01);
    // Then the 50 ms release: 1/e of the 15 dB left after 50 ms.
    expect(Math.abs(gr[0.05 * FS - 1] + 15 / Math.E)).toBeLessThan(0.05);
  });

  it('50 %: R is driven by the mean of its own and the loudest level (linear blend)', () => {
    const p = create(compressorProcessor, { ...settings, stereoLinkPercent: 50 }, FS, 2);
    const [outL, outR] = render(p, [left, right]);
    const blended = ampToDb(0.5 * 10 ** (-50 / 20) + 0.5 * 10 ** (-10 / 20));
    const expected = -tutorialReductionDb(blended, -30, 4, 0);
    expect(gainDb(outR, right)[frames - 1]).toBeCloseTo(expected, 2);
    expect(gainDb(outL, left)[frames - 1]).toBeCloseTo(-15, 2);
  });
});

describe('parameter changes while running', () => {
  it('makeup ramps linearly in dB over 20 ms instead of jumping', () => {
    const p = create(compressorProcessor, { thresholdDb: -20, makeupDb: 0 });
    const before = probe(4800, () => -40);
    render(p, [before]);
    p.setParameter('makeupDb', 6);
    const input = probe(4800, () => -40);
    const gain = gainDb(render(p, [input])[0], input);
    const rampSamples = 0.02 * FS;
    for (let i = 0; i < rampSamples; i++) {
      expect(Math.abs(gain[i] - (6 * (i + 1)) / rampSamples)).toBeLessThan(1e-4);
    }
    expect(gain[4799]).toBeCloseTo(6, 5);
  });

  it('a ratio change reaches the gain through attack and release (no step)', () => {
    const p = create(compressorProcessor, {
      thresholdDb: -40,
      ratio: 2,
      kneeDb: 0,
      attackMs: 5,
      releaseMs: 50,
    });
    render(p, [probe(FS / 2, () => -10)]);
    p.setParameter('ratio', 10);
    const input = probe(FS / 2, () => -10);
    const gain = gainDb(render(p, [input])[0], input);
    // From −15 dB (2:1) toward −27 dB (10:1) with the 5 ms attack: 63 % after 5 ms.
    expect(gain[0]).toBeGreaterThan(-15.3);
    expect(Math.abs(gain[Math.round(0.005 * FS) - 1] - (-15 - 12 * (1 - 1 / Math.E)))).toBeLessThan(
      0.05,
    );
    expect(gain[FS / 2 - 1]).toBeCloseTo(-27, 2);
  });
});

describe('fast and general paths', () => {
  it('the stereo peak fast path gives bit-identical output to the general passes', () => {
    const frames = FS / 2;
    const left = tone(110, -8, frames, FS).map((x, i) => x * (1 + 0.5 * Math.sin(i / 3000)));
    const right = tone(330, -14, frames, FS);
    const settings = { thresholdDb: -30, ratio: 6, kneeDb: 8, attackMs: 2, releaseMs: 80 };
    // A key with a third (silent) channel takes the general path; the level is the same.
    const silent = new Float32Array(frames);
    const fast = render(create(compressorProcessor, settings, FS, 2), [left, right], [left, right]);
    const general = render(
      create(compressorProcessor, settings, FS, 2),
      [left, right],
      [left, right, silent],
    );
    expect(fast[0]).toEqual(general[0]);
    expect(fast[1]).toEqual(general[1]);
    expect(peakDb(fast[0], frames / 2)).toBeLessThan(-10); // it did compress
  });
});
