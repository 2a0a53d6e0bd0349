/**
 * De-clip against ground truth: tonal and voice-like material (6 s at 48 kHz, −60 dBFS
 * noise floor) hard-clipped so that 1 % or 3 % of its samples are cut, then turned down
 * 1 dB (clipping before a gain change, so the ceiling is below full scale). The score is the
 * RMS error against the (equally turned down) original over the samples that were clipped,
 * before and after repair.
 */
import { describe, expect, it } from 'vitest';
import { declip } from '../../../src/edit/repair/declip.js';
import { differingSamples } from './measure.js';
import { tonalChords, voiceLike, whiteNoise } from './signals.js';

const FS = 48000;
const SECONDS = 6;
const POST_GAIN = 10 ** (-1 / 20);

function material(kind: 'tonal' | 'voice'): Float64Array {
  const base =
    kind === 'tonal' ? tonalChords(FS, SECONDS, 51, 0.9) : voiceLike(FS, SECONDS, 52, 0.9);
  const floor = whiteNoise(base.length, 10 ** (-60 / 20), 53);
  return base.map((v, i) => v + floor[i]);
}

/** Clips so that `percent` % of samples are cut, then applies POST_GAIN. */
function clip(clean: Float64Array, percent: number, positiveOnly = false) {
  const magnitudes = Float64Array.from(clean, Math.abs).sort();
  const level = magnitudes[Math.floor(magnitudes.length * (1 - percent / 100))];
  const clipped = Float32Array.from(
    clean,
    (v) => POST_GAIN * (positiveOnly ? Math.min(level, v) : Math.max(-level, Math.min(level, v))),
  );
  const truth = Float64Array.from(clean, (v) => POST_GAIN * v);
  const damaged: number[] = [];
  clean.forEach((v, i) => {
    if (v > level || (!positiveOnly && v < -level)) damaged.push(i);
  });
  return { clipped, truth, damaged, ceiling: POST_GAIN * level };
}

describe('declip: error against the unclipped original', () => {
  for (const kind of ['tonal', 'voice'] as const) {
    for (const percent of [1, 3]) {
      it(`${kind}, ${percent} % clipped: ≥ 10 dB less error over the clipped samples`, () => {
        const { clipped, truth, damaged, ceiling } = clip(material(kind), percent);
        const result = declip({ sampleRate: FS, channels: [clipped] });
        const y = result.audio.channels[0];
        let before = 0;
        let after = 0;
        for (const i of damaged) {
          before += (clipped[i] - truth[i]) ** 2;
          after += (y[i] - truth[i]) ** 2;
        }
        const improvementDb = 10 * Math.log10(before / after);
        const r = result.report;
        console.info(
          `declip ${kind} ${percent} %: error ${(10 * Math.log10(before / damaged.length)).toFixed(1)} → ${(10 * Math.log10(after / damaged.length)).toFixed(1)} dB (improvement ${improvementDb.toFixed(1)} dB); ${r.summary}`,
        );
        expect(improvementDb).toBeGreaterThanOrEqual(10);
        // Found what was clipped: the count within 1 %, the ceiling to float precision.
        expect(Math.abs(r.clippedSamples - damaged.length)).toBeLessThanOrEqual(
          0.01 * damaged.length,
        );
        expect(r.clippedPercent).toBeCloseTo((100 * r.clippedSamples) / clipped.length, 9);
        expect(r.channels[0].positiveLevelDbfs ?? 0).toBeCloseTo(20 * Math.log10(ceiling), 4);
        expect(r.channels[0].negativeLevelDbfs ?? 0).toBeCloseTo(20 * Math.log10(ceiling), 4);
        // Rebuilt samples lie at or beyond the ceiling on their own side.
        for (const i of damaged) {
          expect(Math.sign(truth[i]) * y[i]).toBeGreaterThanOrEqual(ceiling * (1 - 1e-6));
        }
        // Only samples at the ceiling (within the 0.01 dB default tolerance) change.
        const atCeiling = ceiling * 10 ** (-0.01 / 20);
        let changedElsewhere = 0;
        for (let i = 0; i < y.length; i++) {
          if (y[i] !== clipped[i] && Math.abs(clipped[i]) < atCeiling) changedElsewhere++;
        }
        expect(changedElsewhere).toBe(0);
      });
    }
  }
});

describe('declip: ceilings, gain and no-clipping', () => {
  it('finds one-sided clipping and leaves the other side alone', () => {
    const { clipped } = clip(material('voice'), 2, true);
    const r = declip({ sampleRate: FS, channels: [clipped] }).report;
    expect(r.channels[0].positiveLevelDbfs).not.toBeNull();
    expect(r.channels[0].negativeLevelDbfs).toBeNull();
  });

  it('keepPeak puts the highest rebuilt peak back at the old ceiling; outputGainDb adds to it', () => {
    const { clipped, ceiling } = clip(material('tonal'), 2);
    const kept = declip({ sampleRate: FS, channels: [clipped] }, { keepPeak: true });
    expect(kept.report.peakDbfs ?? 0).toBeCloseTo(20 * Math.log10(ceiling), 3);
    const lowered = declip(
      { sampleRate: FS, channels: [clipped] },
      { keepPeak: true, outputGainDb: -3 },
    );
    expect(lowered.report.appliedGainDb).toBeCloseTo(kept.report.appliedGainDb - 3, 9);
    expect(lowered.report.peakDbfs ?? 0).toBeCloseTo(20 * Math.log10(ceiling) - 3, 3);
  });

  it('unclipped material is reported clean and returned bit for bit', () => {
    const x = Float32Array.from(material('voice'));
    const result = declip({ sampleRate: FS, channels: [x] });
    expect(result.report.clippedSamples).toBe(0);
    expect(result.report.changed).toBe(false);
    expect(differingSamples(result.audio.channels[0], x)).toBe(0);
  });
});
