/**
 * The automatic noise profile on a sloping spectrum: pink noise alone, whose power rises
 * steeply towards DC. The profile of the lowest bins is held against the noise's own mean
 * bin power in the same STFT (ground truth: the average periodogram of the noise). Before
 * the fix the DC bin read 6.3 dB low (its power is χ² with one degree of freedom, read with
 * the exponential law) and bins 1–2 read 4.8 and 2.1 dB low (the median window, cut short
 * by the edge, took its value from higher, quieter bins); the denoiser then let that noise
 * through.
 */
import { describe, expect, it } from 'vitest';
import {
  BinPowerHistogram,
  medianAcrossFrequency,
} from '../../../src/edit/repair/noise-profile.js';
import { binPowers, denoiseFftSize, Stft } from '../../../src/edit/repair/stft.js';
import { db } from './measure.js';
import { pinkNoise } from './signals.js';

const FS = 48000;

describe('denoise profile: pink noise near DC', () => {
  it('the lowest bins read within 1 dB of the noise’s mean bin power', () => {
    const x = Float32Array.from(pinkNoise(FS * 6, 0.01, 22));
    const stft = new Stft(denoiseFftSize(FS));
    const histogram = new BinPowerHistogram(stft.binCount);
    const spectrum = stft.createSpectrum();
    const powers = new Float64Array(stft.binCount);
    const truth = new Float64Array(stft.binCount);
    let frames = 0;
    for (let j = 0; j < stft.frameCount(x.length); j++) {
      const start = stft.frameStart(j);
      if (start < 0 || start + stft.fftSize > x.length) continue;
      stft.analyze(x, j, spectrum);
      binPowers(spectrum, powers);
      histogram.add(powers);
      for (let k = 0; k < powers.length; k++) truth[k] += powers[k];
      frames++;
    }
    const profile = medianAcrossFrequency(
      histogram.estimateNoise(),
      FS,
      stft.fftSize,
      histogram.steadyBins(),
    );
    const errors = [0, 1, 2, 3, 4, 6, 8].map((k) => db(profile[k] / (truth[k] / frames)));
    console.info(
      `pink profile error, bins 0,1,2,3,4,6,8: ${errors.map((e) => e.toFixed(2)).join(', ')} dB`,
    );
    for (const e of errors) expect(Math.abs(e)).toBeLessThan(1);
  });
});
