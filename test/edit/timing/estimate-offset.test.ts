import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../../src/core/errors.js';
import {
  estimateOffset,
  MIN_OFFSET_CORRELATION,
} from '../../../src/edit/timing/estimate-offset.js';
import {
  bandLimitedNoise,
  exactDelay,
  melody,
  mono,
  renderHits,
  rockPattern,
  voiceLike,
  withNoise,
} from './signals.js';

const FS = 48000;
const SECONDS = 2.5;
const frames = SECONDS * FS;
const notes = melody(5, SECONDS);
const material = {
  voice: voiceLike(FS, SECONDS, notes, 6),
  drums: renderHits(rockPattern(120, 1, FS, 0.2).hits, FS, frames),
  'band-limited noise (200 Hz – 4 kHz)': bandLimitedNoise(FS, frames, 200, 4000, 7),
};

describe('estimateOffset (GCC-PHAT, sub-sample)', () => {
  for (const [name, guide] of Object.entries(material)) {
    for (const delaySamples of [23.37, 0.004321 * FS, -17.81]) {
      it(`${name}: a take ${delaySamples.toFixed(3)} samples late (own noise at 20 dB SNR, −6 dB) is found within 0.1 sample`, () => {
        const take = withNoise(exactDelay(guide, delaySamples), 20, 99).map((v) => v * 0.5);
        const estimate = estimateOffset(mono(FS, guide), mono(FS, take), { maxSeconds: 0.1 });
        expect(Math.abs(estimate.seconds * FS - delaySamples)).toBeLessThan(0.1);
        expect(estimate.confidence).toBeGreaterThan(0.9);
      });
    }
  }

  it('finds a polarity-inverted copy too (by the magnitude of the peak)', () => {
    const guide = material.voice;
    const take = exactDelay(guide, 100.25).map((v) => -v);
    const estimate = estimateOffset(mono(FS, guide), mono(FS, take));
    expect(Math.abs(estimate.seconds * FS - 100.25)).toBeLessThan(0.1);
  });

  it.each([
    ['another melody', voiceLike(FS, SECONDS, melody(11, SECONDS), 12)],
    ['the same notes sung again (other phases, vibrato, breath)', voiceLike(FS, SECONDS, notes, 7)],
    ['drums', material.drums],
  ])('refuses a take that is not the guide: %s', (_, take) => {
    let error: unknown;
    try {
      estimateOffset(mono(FS, material.voice), mono(FS, take));
    } catch (e) {
      error = e;
    }
    expect(isMixdownError(error) && error.code).toBe('invalid-argument');
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Cannot align: the take does not match the guide \(correlation 0\.\d\d, at least 0\.3 needed within ±1 s\); check that they are the same part, or align a different performance with a warp instead\.$/,
    );
    const correlation = Number(/correlation (0\.\d\d)/.exec(message)?.[1]);
    expect(correlation).toBeLessThan(MIN_OFFSET_CORRELATION);
  });

  it('refuses a silent take', () => {
    expect(() => estimateOffset(mono(FS, material.voice), mono(FS, new Float32Array(FS)))).toThrow(
      'Cannot align: the take is silent.',
    );
  });

  it('refuses guide and take at different sample rates', () => {
    expect(() => estimateOffset(mono(FS, material.voice), mono(44100, material.voice))).toThrow(
      'Cannot compare a take at 44100 Hz with a guide at 48000 Hz; resample one of them first.',
    );
  });
});
