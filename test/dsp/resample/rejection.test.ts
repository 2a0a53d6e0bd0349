import { describe, expect, it } from 'vitest';
import { alignedOutput, monoResampler } from './aligned.js';
import { CONVERSIONS, khz, PROMISED_REJECTION_DB, QUALITIES } from './conversions.js';
import { highestSpur, tone } from './measure.js';

/**
 * Images and aliases, measured on the output spectrum (7-term Blackman–Harris, 16384 frames,
 * zero-padded ×4). A full-scale tone goes in; everything in the output other than the tone
 * itself must lie below the promised rejection, relative to full scale:
 * - a tone below the lower Nyquist passes (or, in the transition band, is attenuated); its
 *   images (upsampling: at k·fs_in ± f) and any other spur must be rejected;
 * - a tone above the output's Nyquist (downsampling) must vanish: its alias is the spur.
 * The stop band starts exactly at the lower Nyquist, so this holds for every input frequency.
 */
const FFT_FRAMES = 16384;

/** Input tones as fractions of the input Nyquist, with extra ones at the band edges. */
function toneFrequencies(fsIn: number, fsOut: number): number[] {
  const inputNyquist = fsIn / 2;
  const lowerNyquist = Math.min(fsIn, fsOut) / 2;
  const grid = [0.013, 0.11, 0.23, 0.37, 0.51, 0.64, 0.77, 0.86, 0.93, 0.995].map(
    (x) => x * inputNyquist,
  );
  const edges = [0.9 * lowerNyquist, 0.97 * lowerNyquist, 0.999 * lowerNyquist];
  if (fsOut < fsIn) edges.push(1.0005 * lowerNyquist, 1.03 * lowerNyquist, 1.2 * lowerNyquist);
  return [...grid, ...edges].filter((f) => f < inputNyquist);
}

describe('the measurement itself', () => {
  it('has a floor far below −120 dB and reads a tone at 0 dB within 0.05 dB', () => {
    const rate = 48000;
    for (const f of [1000, 1000 + (0.5 * rate) / FFT_FRAMES / 4, 17777.7, 23500]) {
      const exact = tone(FFT_FRAMES, rate, f, 1);
      const floor = highestSpur(exact, 0, FFT_FRAMES, rate, [f], 1);
      expect(floor.maxDb).toBeLessThan(-150);
      // Scalloping: the tone's own peak, read with nothing excluded, is within 0.05 dB of 0.
      const peak = highestSpur(exact, 0, FFT_FRAMES, rate, [], 1);
      expect(Math.abs(peak.maxDb)).toBeLessThan(0.05);
      expect(Math.abs(peak.atHz - f)).toBeLessThan(rate / FFT_FRAMES);
    }
    // And it does see a small spur: a −110 dB tone beside a full-scale one reads −110 ± 0.1 dB.
    const mixed = tone(FFT_FRAMES, rate, 5000, 1);
    const spur = tone(FFT_FRAMES, rate, 9123.4, 10 ** (-110 / 20));
    for (let k = 0; k < FFT_FRAMES; k++) mixed[k] += spur[k];
    const reading = highestSpur(mixed, 0, FFT_FRAMES, rate, [5000], 1);
    expect(reading.maxDb).toBeGreaterThan(-110.1);
    expect(reading.maxDb).toBeLessThan(-109.9);
  });
});

describe('images and aliases are rejected', () => {
  for (const quality of QUALITIES) {
    for (const [fsIn, fsOut] of CONVERSIONS) {
      const rejectionDb = PROMISED_REJECTION_DB[quality];
      it(`${khz(fsIn)} → ${khz(fsOut)} (${quality}): every spur below −${rejectionDb} dB`, () => {
        const resampler = monoResampler(fsIn, fsOut, quality);
        const skip = resampler.latencyOutputFrames + 16;
        const outputFrames = FFT_FRAMES + 2 * skip;
        const inputFrames = Math.ceil((outputFrames * fsIn) / fsOut);
        for (const f of toneFrequencies(fsIn, fsOut)) {
          const y = alignedOutput(resampler, tone(inputFrames, fsIn, f, 1), outputFrames);
          const passes = f < fsOut / 2;
          const reading = highestSpur(y, skip, FFT_FRAMES, fsOut, passes ? [f] : [], 1);
          expect(reading.maxDb, `tone ${f.toFixed(1)} Hz, spur at ${reading.atHz} Hz`).toBeLessThan(
            -rejectionDb,
          );
        }
      });
    }
  }
});
