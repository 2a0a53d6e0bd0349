/**
 * Denoise on a tone that never pauses: a 440 Hz sine at 0.5 over white noise of a known
 * level. The automatic profile must learn the noise, not the tone or its window leakage, and
 * the report's figures must be true: the floor against the noise's RMS as generated, the
 * reduction against the real noise put through the same gains (shadow filtering, exact
 * because the STFT is linear for fixed gains). Before the fix the floor read 6 dB high at
 * −40 dBFS and 25 dB high at −60 dBFS, and the reduction 17 dB low.
 */
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import { denoiseWithShadows } from '../../../src/edit/repair/denoise.js';
import { db, energy } from './measure.js';
import { mix, whiteNoise } from './signals.js';

const FS = 48000;
const SECONDS = 3;

const mono = (x: ArrayLike<number>): AudioData => ({
  sampleRate: FS,
  channels: [Float32Array.from(x)],
});

describe('denoise: a steady tone is not noise', () => {
  for (const noiseDbfs of [-40, -60]) {
    it(`440 Hz at 0.5 over white noise at ${noiseDbfs} dBFS: floor within 0.5 dB, reduction within 1 dB of the measured one, tone kept`, () => {
      const n = FS * SECONDS;
      const tone = Float64Array.from(
        { length: n },
        (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / FS),
      );
      const noise = whiteNoise(n, 10 ** (noiseDbfs / 20), 7);
      const result = denoiseWithShadows(mono(mix(tone, noise)), {}, [mono(tone), mono(noise)]);
      const trueFloor = db(energy(noise) / n);
      const measuredReduction = db(energy(noise) / energy(result.shadows[1].channels[0]));
      const toneChange = db(energy(result.shadows[0].channels[0]) / energy(tone));
      const { noiseFloorDbfs, noiseReductionDb } = result.report;
      console.info(
        `denoise tone/${noiseDbfs}: floor ${noiseFloorDbfs?.toFixed(2)} dBFS (true ${trueFloor.toFixed(2)}), reduction ${noiseReductionDb.toFixed(2)} dB (measured ${measuredReduction.toFixed(2)}), tone ${toneChange.toFixed(3)} dB`,
      );
      expect(Math.abs((noiseFloorDbfs ?? 0) - trueFloor)).toBeLessThan(0.5);
      expect(Math.abs(noiseReductionDb - measuredReduction)).toBeLessThan(1);
      // The floor is −24 dB: the noise away from the tone must actually come down.
      expect(measuredReduction).toBeGreaterThan(12);
      expect(toneChange).toBeGreaterThan(-0.1);
      expect(result.report.summary).toContain(`noise reduced by ${noiseReductionDb.toFixed(1)} dB`);
    });
  }
});
