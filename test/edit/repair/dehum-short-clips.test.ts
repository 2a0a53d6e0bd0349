/**
 * De-hum on short clips. The phase-coherence test needs 7 pairs of 0.1 s blocks, so the
 * shortest clip it can judge is 1.4 s (MIN_HUM_SECONDS); from there up hum is found and
 * removed, music alone is left alone, and a shorter clip is refused with a warning that
 * says how long it is and what is needed, not a quiet "no hum".
 * Ground truth by construction: 50 Hz hum (four lines, random phases) over a chord
 * sequence whose partials stay ≥ 12 Hz from every multiple of 50 and 60 Hz, and a
 * −80 dBFS noise floor.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { dehum } from '../../../src/edit/repair/dehum.js';
import { MIN_HUM_SECONDS } from '../../../src/edit/repair/hum-detect.js';
import { differingSamples, dtft } from './measure.js';
import { tonalChords, whiteNoise } from './signals.js';

const FS = 48000;
const LEVELS_DBFS = [-40, -46, -44, -52];
const AVOID: number[] = [];
for (let h = 1; h <= 20; h++) AVOID.push(50 * h, 60 * h);

function clip(seconds: number, withHum: boolean) {
  const music = tonalChords(FS, seconds, 41, 0.5, 0.1, { hz: AVOID, withinHz: 12 });
  const floor = whiteNoise(music.length, 1e-4, 42);
  const clean = Float64Array.from(music, (v, i) => v + floor[i]);
  const prng = new Prng(7);
  const hum = new Float64Array(music.length);
  LEVELS_DBFS.forEach((db, i) => {
    const phase = prng.uniform(0, 2 * Math.PI);
    for (let n = 0; n < hum.length; n++)
      if (withHum)
        hum[n] += 10 ** (db / 20) * Math.sin((2 * Math.PI * 50 * (i + 1) * n) / FS + phase);
  });
  return { clean, hum, input: Float32Array.from(clean, (v, i) => v + hum[i]) };
}

const magnitude = (x: ArrayLike<number>, hz: number) => {
  const d = dtft(x, hz, FS);
  return Math.hypot(d.re, d.im);
};

describe('dehum on short clips', () => {
  it('states its minimum: 1.4 s', () => {
    expect(MIN_HUM_SECONDS).toBeCloseTo(1.4, 12);
  });

  for (const seconds of [1.4, 1.5, 2, 3]) {
    it(`${seconds} s: finds the 50 Hz hum and removes ≥ 30 dB at each line`, () => {
      const { clean, hum, input } = clip(seconds, true);
      for (const mainsHz of ['auto', '50']) {
        const result = dehum({ sampleRate: FS, channels: [input] }, { mainsHz });
        const y = result.audio.channels[0];
        const residual = Float64Array.from(y, (v, i) => v - clean[i]);
        const removal = LEVELS_DBFS.map(
          (_, i) =>
            20 * Math.log10(magnitude(hum, 50 * (i + 1)) / magnitude(residual, 50 * (i + 1))),
        );
        console.info(
          `dehum ${seconds} s (${mainsHz}): ${result.report.summary} removal ${removal.map((r) => r.toFixed(1)).join(', ')} dB`,
        );
        expect(result.report.found).toBe(true);
        expect(result.report.mainsHz).toBe(50);
        for (const r of removal) expect(r).toBeGreaterThanOrEqual(30);
      }
    });

    it(`${seconds} s of music alone: no hum found, the input returned bit for bit`, () => {
      const { input } = clip(seconds, false);
      const result = dehum({ sampleRate: FS, channels: [input] });
      expect(result.report.summary).toMatch(/No mains hum found/);
      expect(differingSamples(result.audio.channels[0], input)).toBe(0);
    });
  }

  it('a 1.3 s clip is refused with a warning naming its length and the 1.4 s needed', () => {
    const { input } = clip(1.3, true);
    const result = dehum({ sampleRate: FS, channels: [input] }, { mainsHz: '50' });
    expect(result.report.changed).toBe(false);
    expect(result.report.diagnostics).toEqual([
      expect.objectContaining({ code: 'hum-clip-too-short', severity: 'warning' }),
    ]);
    expect(result.report.summary).toBe(
      'The clip is 1.30 s long, too short to tell hum from music (de-hum needs at least 1.4 s); the audio is unchanged.',
    );
    expect(differingSamples(result.audio.channels[0], input)).toBe(0);
  });
});
