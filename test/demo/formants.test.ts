import { beforeAll, describe, expect, it } from 'vitest';
import { resonator, vowelFormants } from '../../src/demo/synth/formants.js';
import { midiToHz, VOWEL_FORMANTS, type Vowel } from '../../src/demo/synth/index.js';
import { recordVocalTake, VOCAL_TAKES } from '../../src/demo/synth/vocal-takes.js';
import { biquadMagnitude } from '../../src/dsp/biquad.js';
import { lpcFormants } from './helpers/lpc.js';
import { fullSongContext } from './helpers/vocal-context.js';

const VOWELS: Vowel[] = ['a', 'e', 'i', 'o', 'u'];

describe('the formant filter', () => {
  const fs = 48000;
  /** Peaks of the five-resonator cascade's magnitude on a 1 Hz grid below 4.5 kHz. */
  const responsePeaks = (vowel: Vowel): number[] => {
    const sections = vowelFormants(vowel).map((f) => resonator(f, fs));
    const db = (hz: number) =>
      sections.reduce((sum, s) => sum + 20 * Math.log10(biquadMagnitude(s, hz, fs)), 0);
    const peaks: number[] = [];
    for (let hz = 51; hz < 4500; hz++)
      if (db(hz) > db(hz - 1) && db(hz) >= db(hz + 1)) peaks.push(hz);
    return peaks;
  };

  it.each(VOWELS)(
    '/%s/ peaks within 3 percent of each stated F1–F3, with unity gain at DC',
    (vowel) => {
      const peaks = responsePeaks(vowel);
      for (const { frequencyHz } of VOWEL_FORMANTS[vowel]) {
        const nearest = peaks.reduce((best, p) =>
          Math.abs(p - frequencyHz) < Math.abs(best - frequencyHz) ? p : best,
        );
        expect(Math.abs(nearest / frequencyHz - 1)).toBeLessThan(0.03);
      }
      const dc = vowelFormants(vowel).reduce(
        (g, f) => g * biquadMagnitude(resonator(f, fs), 0, fs),
        1,
      );
      expect(dc).toBeCloseTo(1, 12);
    },
  );

  it('bandwidth: −3 dB points of one resonator lie ±B/2 about its centre (within 2 Hz)', () => {
    const formant = { frequencyHz: 1000, bandwidthHz: 100 };
    const c = resonator(formant, fs);
    const peak = biquadMagnitude(c, 1000, fs);
    let lo = 1000;
    while (biquadMagnitude(c, lo, fs) > peak / Math.SQRT2) lo -= 0.1;
    let hi = 1000;
    while (biquadMagnitude(c, hi, fs) > peak / Math.SQRT2) hi += 0.1;
    expect(Math.abs(hi - lo - 100)).toBeLessThan(2);
  });
});

describe('formants of the sung vowels (LPC, order 14 at 12 kHz)', () => {
  const ctx = fullSongContext(1);
  let x: Float32Array;
  beforeAll(() => {
    x = recordVocalTake(ctx, VOCAL_TAKES[0]).take;
  });

  /**
   * Each formant at or above twice the note's f0 (below that the harmonics are too sparse
   * for any envelope estimate): F1 within 12 %, F2 and F3 within 7 % of the stated value.
   * LPC on a voice pulls formants toward the nearest strong harmonic, most for F1.
   */
  it('are near the stated formants in every note of a beat or longer', () => {
    const fs = ctx.sampleRate;
    let checked = 0;
    for (const note of ctx.arrangement.melody.filter((n) => n.lengthSeconds >= 0.5)) {
      const start = Math.round((note.startSeconds + 0.08) * fs);
      const length = Math.round(Math.min(note.lengthSeconds - 0.13, 0.4) * fs);
      const found = lpcFormants(x, start, length, { sampleRate: fs, order: 14, preEmphasis: 0.9 })
        .filter((f) => f.bandwidthHz < 600 && f.frequencyHz > 150)
        .map((f) => f.frequencyHz);
      VOWEL_FORMANTS[note.vowel].forEach(({ frequencyHz }, i) => {
        if (frequencyHz < 2 * midiToHz(note.midi)) return;
        const nearest = found.reduce((b, f) =>
          Math.abs(f - frequencyHz) < Math.abs(b - frequencyHz) ? f : b,
        );
        const tolerance = i === 0 ? 0.12 : 0.07;
        expect(
          Math.abs(nearest / frequencyHz - 1),
          `note ${note.index} /${note.vowel}/ F${i + 1}`,
        ).toBeLessThan(tolerance);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(60);
  });
});
