import { describe, expect, it } from 'vitest';
import { voicedRegions } from '../../../src/edit/pitch/pitch-marks.js';
import { renderPsola } from '../../../src/edit/pitch/psola.js';
import { trackPitch } from '../../../src/edit/pitch/track.js';
import { singMelody } from './helpers/sung-melody.js';

/**
 * TD-PSOLA at (almost) no change is the identity: the asymmetric Hann windows of
 * neighbouring marks sum to exactly 1, the grains go back where they came from, and the
 * original fades in and out under the first and last grains — so any latency or gain
 * error of the overlap-add would show here as a residual.
 */
describe('PSOLA', () => {
  it('at a ratio of 1 + 1e-9 returns the voice within −100 dB (no latency, no gain change)', () => {
    const fs = 48000;
    const x = singMelody([
      { midi: 50, detuneCents: 0, startSeconds: 0.1, endSeconds: 0.7, vowel: 'a' },
      { midi: 55, detuneCents: 0, startSeconds: 0.7, endSeconds: 1.2, vowel: 'e', legato: true },
    ]).samples;
    const track = trackPitch({ sampleRate: fs, channels: [x] });
    const regions = voicedRegions(x, track);
    expect(regions.length).toBeGreaterThan(0);
    const [y] = renderPsola([x], regions, () => 1 + 1e-9, 'preserve');
    let error = 0;
    let power = 0;
    let changed = 0;
    for (let i = 0; i < x.length; i++) {
      error += (y[i] - x[i]) ** 2;
      power += x[i] ** 2;
      if (y[i] !== x[i]) changed++;
    }
    const residualDb = 10 * Math.log10(error / power);
    console.log(
      `PSOLA identity: residual ${residualDb.toFixed(1)} dB over ${changed} re-synthesised samples`,
    );
    expect(changed).toBeGreaterThan(0.8 * fs); // the voiced second really went through PSOLA
    expect(residualDb).toBeLessThan(-100);
  });
});
