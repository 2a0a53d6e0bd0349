/**
 * Sample statistics against their mathematical values on constructed signals: RMS of a sine,
 * DC offset, Pearson correlation, clipped samples, leading/trailing silence, crest factor, PLR.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/analyze.js';
import { CLIP_THRESHOLD } from '../../src/analysis/signal-stats.js';
import { Prng } from '../../src/core/prng.js';
import { expectWithin } from './loudness-cases.js';
import { stereo, toneSegments } from './signals.js';

const fs = 48000;

describe('RMS, crest factor and PLR', () => {
  it('a full-scale sine reads −3.01 dBFS RMS, crest factor 3.01 dB, and is not clipped', () => {
    const sine = toneSegments(fs, [{ seconds: 1, dbfs: 0 }]);
    const report = analyzeAudio(stereo(fs, sine));
    expectWithin(report.rmsDbfs, 10 * Math.log10(0.5), 1e-6, 'RMS');
    expectWithin(report.perChannel[0].rmsDbfs, -3.0103, 1e-4, 'channel RMS');
    expectWithin(report.samplePeakDbfs, 0, 1e-6, 'sample peak');
    expectWithin(report.crestFactorDb, 3.0103, 1e-4, 'crest factor');
    expect(report.clippedSamples).toBe(0);
  });

  it('overall RMS is the mean of the channels’ mean squares', () => {
    const loud = toneSegments(fs, [{ seconds: 1, dbfs: -6 }]);
    const quiet = toneSegments(fs, [{ seconds: 1, dbfs: -26 }]);
    const report = analyzeAudio({ sampleRate: fs, channels: [loud, quiet] });
    const meanSquare = (0.5 * 10 ** (-6 / 10) + 0.5 * 10 ** (-26 / 10)) / 2;
    expectWithin(report.rmsDbfs, 10 * Math.log10(meanSquare), 1e-6, 'RMS');
    expectWithin(report.perChannel[1].rmsDbfs, -26 - 3.0103, 1e-4, 'quiet channel RMS');
  });

  it('PLR is true peak minus integrated loudness', () => {
    const tone = toneSegments(fs, [{ seconds: 5, dbfs: -10 }]);
    const report = analyzeAudio(stereo(fs, tone));
    expectWithin(report.plrDb, report.truePeakDbtp - report.integratedLufs, 1e-12, 'PLR');
    expectWithin(report.plrDb, -10 - (-10 + 0.698 - 0.691), 0.002, 'PLR of a 1 kHz tone');
  });
});

describe('DC offset', () => {
  it('is the mean sample value', () => {
    const sine = toneSegments(fs, [{ seconds: 1, dbfs: -12 }]);
    const offset = sine.map((x) => x + 0.25);
    const report = analyzeAudio({ sampleRate: fs, channels: [offset, sine] });
    expectWithin(report.perChannel[0].dcOffset, 0.25, 1e-6, 'DC with offset');
    expectWithin(report.perChannel[1].dcOffset, 0, 1e-6, 'DC without offset');
  });
});

describe('stereo correlation (Pearson, first two channels)', () => {
  const prng = new Prng(11);
  const noise = () => Float32Array.from({ length: fs * 10 }, () => prng.gaussian() * 0.1);
  const left = noise();

  it('is 1 for identical channels and −1 for inverted ones', () => {
    expect(analyzeAudio(stereo(fs, left)).stereoCorrelation).toBeCloseTo(1, 12);
    const inverted = left.map((x) => -x);
    expect(
      analyzeAudio({ sampleRate: fs, channels: [left, inverted] }).stereoCorrelation,
    ).toBeCloseTo(-1, 12);
  });

  it('is near 0 for independent noise (|r| < 5/√n)', () => {
    const report = analyzeAudio({ sampleRate: fs, channels: [left, noise()] });
    expect(Math.abs(report.stereoCorrelation ?? 1)).toBeLessThan(5 / Math.sqrt(left.length));
  });

  it('is unchanged by a DC offset and by scaling, and uses only the first two channels', () => {
    const right = left.map((x, i) => 0.5 * x + 0.3 * Math.sin(i / 7));
    const plain = analyzeAudio({ sampleRate: fs, channels: [left, right] }).stereoCorrelation ?? 0;
    const shifted = analyzeAudio({
      sampleRate: fs,
      channels: [left.map((x) => 3 * x + 0.4), right.map((x) => x - 0.2), noise()],
    }).stereoCorrelation;
    expect(shifted).toBeCloseTo(plain, 5);
    expect(plain).toBeGreaterThan(0.1);
  });

  it('is null for mono, silence, or a channel without variance', () => {
    expect(analyzeAudio({ sampleRate: fs, channels: [left] }).stereoCorrelation).toBeNull();
    const silent = new Float32Array(fs);
    expect(analyzeAudio(stereo(fs, silent)).stereoCorrelation).toBeNull();
    const dc = new Float32Array(fs).fill(0.5);
    expect(
      analyzeAudio({ sampleRate: fs, channels: [left.subarray(0, fs), dc] }).stereoCorrelation,
    ).toBeNull();
  });
});

describe('clipped samples: runs of ≥ 3 samples with |x| ≥ 1 − 2⁻¹⁵', () => {
  /** Writes runs of `value` at the given positions into a quiet sine. */
  function withRuns(runs: Array<{ at: number; length: number; value: number }>): Float32Array {
    const x = toneSegments(fs, [{ seconds: 1, dbfs: -20 }]);
    for (const { at, length, value } of runs) x.fill(value, at, at + length);
    return x;
  }

  it('counts every sample of runs of 3 or more, of either sign, and nothing shorter', () => {
    const x = withRuns([
      { at: 1000, length: 1, value: 1 }, // a lone full-scale sample: a peak, not a clip
      { at: 2000, length: 2, value: 1 },
      { at: 3000, length: 3, value: 1 }, // 3
      { at: 4000, length: 5, value: -1 }, // 5
      { at: 5000, length: 4, value: CLIP_THRESHOLD }, // 4: exactly 32767/32768 counts
      { at: 6000, length: 6, value: 0.99996 }, // just below the threshold: no clip
      { at: 7000, length: 3, value: 1.5 }, // 3: float data beyond full scale
    ]);
    const report = analyzeAudio({ sampleRate: fs, channels: [x] });
    expect(report.clippedSamples).toBe(15);
    expect(report.perChannel[0].clippedSamples).toBe(15);
  });

  it('sums over channels and counts runs that continue across chunk boundaries', () => {
    const x = withRuns([{ at: 47000, length: 3, value: 1 }]);
    const y = withRuns([{ at: 100, length: 10, value: -1 }]);
    const report = analyzeAudio({ sampleRate: fs, channels: [x, y] }, { chunkFrames: 4001 });
    expect(report.perChannel.map((c) => c.clippedSamples)).toEqual([3, 10]);
    expect(report.clippedSamples).toBe(13);
    // A run split by a chunk boundary: sample 4000 in the first chunk, 4001–4002 in the next.
    const z = withRuns([{ at: 4000, length: 3, value: 1 }]);
    expect(
      analyzeAudio({ sampleRate: fs, channels: [z] }, { chunkFrames: 4001 }).clippedSamples,
    ).toBe(3);
  });
});

describe('leading and trailing silence (first / last sample above −60 dBFS)', () => {
  it('measures the silence around a constructed signal', () => {
    // 0.5 s zeros, 1 s at 0.1, 0.25 s of noise at −70 dBFS (below the threshold).
    const prng = new Prng(5);
    const left = new Float32Array(Math.round(1.75 * fs));
    left.fill(0.1, 0.5 * fs, 1.5 * fs);
    for (let i = 1.5 * fs; i < left.length; i++) left[i] = prng.uniform(-1, 1) * 10 ** (-70 / 20);
    // The right channel starts 0.1 s later and stops 0.1 s earlier: the union counts.
    const right = new Float32Array(left.length);
    right.fill(-0.5, 0.6 * fs, 1.4 * fs);
    const report = analyzeAudio({ sampleRate: fs, channels: [left, right] });
    expect(report.leadingSilenceSeconds).toBe(0.5);
    expect(report.trailingSilenceSeconds).toBe(0.25);
  });

  it('treats samples at or below 0.001 as silence and anything above as sound', () => {
    const x = new Float32Array(fs);
    x[100] = 0.00099;
    x[200] = 0.0011;
    x[300] = -0.0011;
    x[400] = -0.00099;
    const report = analyzeAudio({ sampleRate: fs, channels: [x] });
    expect(report.leadingSilenceSeconds).toBe(200 / fs);
    expect(report.trailingSilenceSeconds).toBe((fs - 1 - 300) / fs);
  });

  it('is the whole duration for silence', () => {
    const report = analyzeAudio({ sampleRate: fs, channels: [new Float32Array(fs / 2)] });
    expect(report.leadingSilenceSeconds).toBe(0.5);
    expect(report.trailingSilenceSeconds).toBe(0.5);
  });
});
