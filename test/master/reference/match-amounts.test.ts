import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../../src/analysis/index.js';
import {
  combineReferences,
  matchReferences,
  profileAudio,
  renderMatch,
} from '../../../src/master/reference/index.js';
import {
  audibleBand,
  fromMidSide,
  mean,
  shapedNoise,
  sideToMidDbOf,
  thirdOctaveCentres,
  thirdOctaveLevelsDb,
} from './signals.js';

/**
 * Each amount scales its own part of the match and nothing else. The mix is 1.5 dB/octave
 * darker than the reference (±6 dB end to end: inside the default ±6 dB bounds once the
 * median is removed) and 5 dB narrower (side/mid −10 dB against −5 dB), and 6 dB quieter.
 */
const fs = 48000;
const frames = 2 ** 18;
const referenceShape = audibleBand((f) => -4 * Math.log2(f / 1000));
const mixShape = audibleBand((f) => referenceShape(f) - 1.5 * Math.log2(f / 1000));
const reference = {
  sampleRate: fs,
  channels: fromMidSide(
    shapedNoise(frames, fs, referenceShape, 11, -18),
    shapedNoise(frames, fs, referenceShape, 12, -23),
  ),
};
const mix = {
  sampleRate: fs,
  channels: fromMidSide(
    shapedNoise(frames, fs, mixShape, 13, -24),
    shapedNoise(frames, fs, mixShape, 14, -34),
  ),
};
const target = combineReferences([{ profile: profileAudio(reference) }]);
const mixProfile = profileAudio(mix);
const centres = thirdOctaveCentres(40, 16000);
const referenceLufs = analyzeAudio(reference).integratedLufs;
const mixLufs = analyzeAudio(mix).integratedLufs;

function matched(amounts: { eq: number; loudness: number; width: number }) {
  const match = matchReferences(mixProfile, target, {
    matchEqPercent: amounts.eq,
    matchLoudnessPercent: amounts.loudness,
    matchWidthPercent: amounts.width,
  });
  return { match, audio: renderMatch(mix, match).audio };
}

describe('match amounts', () => {
  it('at 0 % EQ and width, the input passes unchanged except for a loudness gain', () => {
    const { match, audio } = matched({ eq: 0, loudness: 100, width: 0 });
    const gain = 10 ** ((referenceLufs - mixLufs) / 20);
    expect(match.loudness.targetLufs).toBeCloseTo(referenceLufs, 6);
    for (let c = 0; c < 2; c++) {
      let worst = 0;
      for (let i = 0; i < frames; i++) {
        worst = Math.max(worst, Math.abs(audio.channels[c][i] - mix.channels[c][i] * gain));
      }
      // Float32 rounding of one multiplication, nothing more (signal peaks ≈ 0.3).
      expect(worst).toBeLessThan(1e-7);
    }
  });

  it('at 0 % everything, the output is the input, bit for bit', () => {
    const { audio } = matched({ eq: 0, loudness: 0, width: 0 });
    expect(audio.channels[0]).toEqual(mix.channels[0]);
    expect(audio.channels[1]).toEqual(mix.channels[1]);
  });

  it('the loudness target moves linearly with its amount', () => {
    for (const percent of [0, 30, 100]) {
      const { match } = matched({ eq: 0, loudness: percent, width: 0 });
      expect(match.loudness.targetLufs).toBeCloseTo(
        mixLufs + (percent / 100) * (referenceLufs - mixLufs),
        6,
      );
    }
  });

  it('the measured side/mid ratio moves in proportion to the width amount', () => {
    const before = sideToMidDbOf(mix.channels[0], mix.channels[1]);
    const goal = sideToMidDbOf(reference.channels[0], reference.channels[1]);
    expect(goal - before).toBeCloseTo(5, 1);
    for (const percent of [25, 50, 75, 100]) {
      const { audio } = matched({ eq: 0, loudness: 0, width: percent });
      const measured = sideToMidDbOf(audio.channels[0], audio.channels[1]);
      expect(Math.abs(measured - (before + (percent / 100) * (goal - before)))).toBeLessThan(0.15);
    }
  });

  it('the spectrum moves in proportion to the EQ amount (in dB, band by band)', () => {
    const levels = (x: Float32Array[]) => thirdOctaveLevelsDb(x, fs, centres);
    const tonal = (x: Float32Array[]) => {
      const l = levels(x);
      const r = levels(reference.channels);
      const d = l.map((v, i) => v - r[i]);
      const m = mean(d);
      return d.map((v) => v - m);
    };
    const start = tonal(mix.channels);
    const half = tonal(matched({ eq: 50, loudness: 0, width: 0 }).audio.channels);
    const errors = half.map((v, i) => v - 0.5 * start[i]);
    expect(Math.max(...start.map(Math.abs))).toBeGreaterThan(5);
    expect(mean(errors.map(Math.abs))).toBeLessThan(0.15);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(0.5);
  });

  it('refuses amounts outside 0–100 %', () => {
    expect(() => matchReferences(mixProfile, target, { matchEqPercent: 120 })).toThrow(
      /matchEqPercent must be between 0 and 100 %/,
    );
  });
});
