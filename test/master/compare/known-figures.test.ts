import { describe, expect, it } from 'vitest';
import { compareAudio } from '../../../src/master/compare/index.js';
import { fadedSine, toneSegments } from '../../analysis/signals.js';
import { delayedNoisePair } from './signals.js';

/**
 * The figures compare prints beside each other — loudness, true peak, LRA, PLR, crest factor,
 * width and correlation — read back from signals whose values are known by construction:
 * a copy scaled by a known gain, an fs/4 tone whose samples miss its peaks by 3.01 dB, the
 * EBU Tech 3342 level steps, and stereo images whose mid/side energies follow from algebra.
 */
const FS = 48000;

const db = (gain: number) => 20 * Math.log10(gain);
const stereoNoise = (seedL: number, seedR: number) => ({
  sampleRate: FS,
  channels: [
    delayedNoisePair(2 ** 17, FS, 0, 0, seedL).a,
    delayedNoisePair(2 ** 17, FS, 0, 0, seedR).a,
  ],
});
const scaled = (audio: { sampleRate: number; channels: Float32Array[] }, gain: number) => ({
  sampleRate: audio.sampleRate,
  channels: audio.channels.map((x) => x.map((v) => v * gain)),
});

/**
 * |H_K(f)|² at 48 kHz from the two biquads published in ITU-R BS.1770-4 (Annex 1): the
 * standard's own numbers, not the analyser's filter code.
 */
function kWeightPower(frequencyHz: number): number {
  const w = (2 * Math.PI * frequencyHz) / FS;
  const power = (b: number[], a: number[]) => {
    // |b0 + b1·z⁻¹ + b2·z⁻²|² / |1 + a1·z⁻¹ + a2·z⁻²|² at z = e^{jw}
    const mag = (c0: number, c1: number, c2: number) =>
      (c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w)) ** 2 +
      (c1 * Math.sin(w) + c2 * Math.sin(2 * w)) ** 2;
    return mag(b[0], b[1], b[2]) / mag(1, a[0], a[1]);
  };
  return (
    power(
      [1.53512485958697, -2.69169618940638, 1.19839281085285],
      [-1.69065929318241, 0.73248077421585],
    ) * power([1, -2, 1], [-1.99004745483398, 0.99007225036621])
  );
}

/** BS.1770 loudness of a sine of peak `amplitude` in both channels, at `frequencyHz`. */
function sineLufs(amplitude: number, frequencyHz: number): number {
  return -0.691 + 10 * Math.log10(2 * amplitude ** 2 * 0.5 * kWeightPower(frequencyHz));
}

describe('compare: a copy scaled by a known gain', () => {
  // Scaling by 1/2 is exact in floating point, so every level moves by exactly 20·log10(1/2).
  const a = stereoNoise(31, 32);
  const c = compareAudio(a, scaled(a, 0.5));
  const g = db(0.5);

  it('moves loudness and true peak by the gain, and asks for the gain back', () => {
    expect(Math.abs(c.b.integratedLufs - c.a.integratedLufs - g)).toBeLessThan(1e-9);
    expect(Math.abs(c.b.truePeakDbtp - c.a.truePeakDbtp - g)).toBeLessThan(1e-9);
    expect(Math.abs(c.loudnessMatchGainDb + g)).toBeLessThan(1e-9);
  });

  it('leaves PLR, crest factor, LRA, width and correlation unchanged', () => {
    expect(Math.abs(c.b.plrDb - c.a.plrDb)).toBeLessThan(1e-9);
    expect(Math.abs(c.b.crestFactorDb - c.a.crestFactorDb)).toBeLessThan(1e-9);
    expect(Math.abs(c.b.loudnessRangeLu - c.a.loudnessRangeLu)).toBeLessThan(1e-9);
    expect(Math.abs(c.b.sideToMidDb - c.a.sideToMidDb)).toBeLessThan(1e-9);
    expect(c.b.correlation).toBeCloseTo(c.a.correlation!, 12);
    // …and the band differences vanish once the loudness is matched.
    for (const band of c.octaveBands) expect(Math.abs(band.differenceDb ?? 0)).toBeLessThan(1e-6);
  });

  it('reads a gain that Float32 rounds (−3.7 dB) to 1e-4 dB', () => {
    const k = 10 ** (-3.7 / 20);
    const d = compareAudio(a, scaled(a, k));
    expect(Math.abs(d.b.integratedLufs - d.a.integratedLufs + 3.7)).toBeLessThan(1e-4);
    expect(Math.abs(d.b.truePeakDbtp - d.a.truePeakDbtp + 3.7)).toBeLessThan(1e-4);
    expect(Math.abs(d.b.plrDb - d.a.plrDb)).toBeLessThan(1e-4);
    expect(d.findings[0]).toMatch(/^b is 3\.7 LU quieter/);
  });
});

describe('compare: true peak between the samples (an fs/4 tone)', () => {
  // x[n] = A·sin(πn/2 + φ). At φ = 45° every sample is ±A/√2, so the sample peak is 3.01 dB
  // under the true peak A; at φ = 0° the samples include ±A. Same tone, same loudness.
  const A = 0.5;
  const seconds = 5;
  const fade = 0.01;
  const tone = (phaseDegrees: number) => {
    const x = fadedSine(FS, 4, A, phaseDegrees, seconds, fade);
    return { sampleRate: FS, channels: [x, x] };
  };
  const c = compareAudio(tone(45), tone(0));

  it('reads the true peak at the amplitude for both phases (within 0.05 dB)', () => {
    expect(Math.abs(c.a.truePeakDbtp - db(A))).toBeLessThan(0.05);
    expect(Math.abs(c.b.truePeakDbtp - db(A))).toBeLessThan(0.05);
  });

  it('shows the 3.01 dB the samples miss in the crest factor, not in the true peak', () => {
    // Crest factor is sample peak over RMS; the raised-cosine fades (mean g² = 3/8 over each)
    // lower the RMS by the factor 1 − 2·fade·(5/8)/seconds.
    const rmsLoss = -10 * Math.log10(1 - (2 * fade * (5 / 8)) / seconds);
    expect(Math.abs(c.a.crestFactorDb - rmsLoss)).toBeLessThan(1e-3);
    expect(Math.abs(c.b.crestFactorDb - (10 * Math.log10(2) + rmsLoss))).toBeLessThan(1e-3);
    expect(Math.abs(c.b.truePeakDbtp - c.a.truePeakDbtp)).toBeLessThan(0.05);
  });

  it('gives PLR = A in dB − (−0.691 + 10·log10(2 · A²/2 · |H_K|²)) within 0.01 dB', () => {
    // The fades take 0.003 dB off the gated loudness (two of 47 blocks lose 1.6 % each).
    const lufs = sineLufs(A, FS / 4);
    expect(Math.abs(c.a.integratedLufs - lufs)).toBeLessThan(0.01);
    expect(Math.abs(c.a.plrDb - (db(A) - lufs))).toBeLessThan(0.01);
    expect(Math.abs(c.b.plrDb - (db(A) - lufs))).toBeLessThan(0.01);
    expect(Math.abs(c.b.integratedLufs - c.a.integratedLufs)).toBeLessThan(1e-3);
  });
});

describe('compare: loudness range (EBU Tech 3342 cases 1 and 2)', () => {
  // 20 s of 1 kHz at −20 dBFS then 20 s at −30 (case 1, LRA 10 LU) against −20 then −15
  // (case 2, 5 LU): the standard allows ±1 LU; the analyser reads them to 0.005 LU.
  const steps = (levels: number[]) => {
    const x = toneSegments(
      FS,
      levels.map((dbfs) => ({ seconds: 20, dbfs })),
    );
    return { sampleRate: FS, channels: [x, x] };
  };
  const c = compareAudio(steps([-20, -30]), steps([-20, -15]));

  it('reports 10 LU and 5 LU', () => {
    expect(Math.abs(c.a.loudnessRangeLu - 10)).toBeLessThan(0.005);
    expect(Math.abs(c.b.loudnessRangeLu - 5)).toBeLessThan(0.005);
  });

  it('gives PLR as the loudest tone over the gated mean of the two levels (to 0.005 dB)', () => {
    // Both segments pass the relative gate, and every 400 ms block holds whole periods of
    // 1 kHz, so the integrated loudness is the level of the mean of the two energies.
    const integrated = (levels: number[]) =>
      10 *
      Math.log10(levels.reduce((s, l) => s + 10 ** (sineLufs(10 ** (l / 20), 1000) / 10), 0) / 2);
    const expectPlr = (measured: number, levels: number[]) =>
      expect(Math.abs(measured - (Math.max(...levels) - integrated(levels)))).toBeLessThan(0.005);
    expectPlr(c.a.plrDb, [-20, -30]);
    expectPlr(c.b.plrDb, [-20, -15]);
    expect(Math.abs(c.a.truePeakDbtp + 20)).toBeLessThan(0.05);
    expect(Math.abs(c.b.truePeakDbtp + 15)).toBeLessThan(0.05);
  });
});

describe('compare: stereo width from mid/side algebra', () => {
  // L = x, R = g·x: M = (1 + g)x/2, S = (1 − g)x/2, so side/mid = 20·log10|(1 − g)/(1 + g)|
  // whatever x is, and the correlation is sign(g).
  const x = delayedNoisePair(2 ** 17, FS, 0, 0, 41).a;
  const panned = (g: number) => ({ sampleRate: FS, channels: [x, x.map((v) => v * g)] });
  const widthDb = (g: number) => db(Math.abs((1 - g) / (1 + g)));

  it('reads −9.54 dB for R = L/2 and +4.44 dB for R = −L/4, to 1e-4 dB', () => {
    const c = compareAudio(panned(0.5), panned(-0.25));
    expect(Math.abs(c.a.sideToMidDb - widthDb(0.5))).toBeLessThan(1e-4);
    expect(Math.abs(c.b.sideToMidDb - widthDb(-0.25))).toBeLessThan(1e-4);
    expect(c.a.correlation).toBeCloseTo(1, 9);
    expect(c.b.correlation).toBeCloseTo(-1, 9);
    expect(c.findings.join(' ')).toMatch(/b is wider: side\/mid 4\.4 against -9\.5 dB/);
  });

  it('reads mono as −∞ and a quadrature pair (sin, cos over whole periods) as 0 dB', () => {
    const n = 48 * 2000; // 2000 periods of 1 kHz
    const sin = new Float32Array(n);
    const cos = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      sin[i] = 0.25 * Math.sin((2 * Math.PI * i) / 48);
      cos[i] = 0.25 * Math.cos((2 * Math.PI * i) / 48);
    }
    // L·R sums to zero over whole periods: mid and side carry equal energy, correlation 0.
    const c = compareAudio(panned(1), { sampleRate: FS, channels: [sin, cos] });
    expect(c.a.sideToMidDb).toBe(Number.NEGATIVE_INFINITY);
    expect(Math.abs(c.b.sideToMidDb)).toBeLessThan(1e-4);
    expect(Math.abs(c.b.correlation!)).toBeLessThan(1e-6);
    // A width change from mono is infinite: no finding is made of it.
    expect(c.findings.join(' ')).not.toMatch(/wider|narrower/);
  });
});
