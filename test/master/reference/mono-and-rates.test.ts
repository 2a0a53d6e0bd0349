import { describe, expect, it } from 'vitest';
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
  thirdOctaveCentres,
  thirdOctaveLevelsDb,
} from './signals.js';

/**
 * Mono mixes are matched in their one channel (mid only); references at another sample rate
 * are profiled at their own rate (a profile is in Hz) and matched all the same; references
 * too narrow-band to speak for the top octave are refused, not guessed.
 */
const referenceShape = audibleBand((f) => -4.5 * Math.log2(f / 1000));
const mixShape = audibleBand(
  (f) => referenceShape(f) + 1 * Math.log2(f / 1000) - 3 * Math.exp(-0.5 * Math.log2(f / 200) ** 2),
);

function tonalError(result: Float32Array[], fs: number, reference: Float32Array[], refFs: number) {
  const centres = thirdOctaveCentres(40, 16000);
  const a = thirdOctaveLevelsDb(result, fs, centres);
  const b = thirdOctaveLevelsDb(reference, refFs, centres);
  // Levels are compared as shapes: the offset (level, transform length, rate) is removed.
  const d = a.map((v, i) => v - b[i]);
  const offset = mean(d);
  return mean(d.map((v) => Math.abs(v - offset)));
}

describe('mono mixes and other sample rates', () => {
  const refFs = 96000;
  const reference = {
    sampleRate: refFs,
    channels: fromMidSide(
      shapedNoise(2 ** 19, refFs, referenceShape, 41, -18),
      shapedNoise(2 ** 19, refFs, referenceShape, 42, -24),
    ),
  };
  const target = combineReferences([{ profile: profileAudio(reference) }]);

  it('matches a mono mix (one channel, mid only) to a stereo reference at another rate', () => {
    const fs = 44100;
    const mix = { sampleRate: fs, channels: [shapedNoise(2 ** 18, fs, mixShape, 43, -22)] };
    const match = matchReferences(profileAudio(mix), target);
    const result = renderMatch(mix, match).audio;
    expect(result.channels).toHaveLength(1);
    expect(tonalError(mix.channels, fs, reference.channels, refFs)).toBeGreaterThan(1);
    expect(tonalError(result.channels, fs, reference.channels, refFs)).toBeLessThan(0.2);
    expect(match.decisions[1].reason).toMatch(/mono/);
  });

  it('matches a stereo mix at 44.1 kHz to a reference at 96 kHz', () => {
    const fs = 44100;
    const mix = {
      sampleRate: fs,
      channels: fromMidSide(
        shapedNoise(2 ** 18, fs, mixShape, 44, -22),
        shapedNoise(2 ** 18, fs, mixShape, 45, -30),
      ),
    };
    const match = matchReferences(profileAudio(mix), target);
    const result = renderMatch(mix, match).audio;
    expect(tonalError(result.channels, fs, reference.channels, refFs)).toBeLessThan(0.2);
  });

  it('refuses a reference whose sample rate cannot speak for the top of the spectrum', () => {
    const lowFs = 22050;
    const narrow = {
      sampleRate: lowFs,
      channels: [shapedNoise(2 ** 16, lowFs, referenceShape, 46, -18)],
    };
    const mix = { sampleRate: 48000, channels: [shapedNoise(2 ** 16, 48000, mixShape, 47, -22)] };
    expect(() =>
      matchReferences(profileAudio(mix), combineReferences([{ profile: profileAudio(narrow) }])),
    ).toThrow(/only reaches 9\.9 kHz .*use files sampled at 32 kHz or more/);
  });
});
