import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoTakes, type DrumVoice, generateDemoTakes } from '../../src/demo/synth/index.js';
import { lagOf } from './helpers/cross-correlation.js';
import { detectOnsets, firstDifference, matchOnsets } from './helpers/onsets.js';
import { takeAudio } from './helpers/takes.js';

/** Eight bars (with the bar-8 fill and a crash) are enough for the kit. */
let demo: DemoTakes;
beforeAll(() => {
  demo = generateDemoTakes({ seed: 1, seconds: 16 });
});

const MS = 48; // samples per millisecond at 48 kHz

function expectedOnsets(voices: readonly DrumVoice[], delaySamples = 0): number[] {
  const samplesPerBeat = (demo.sampleRate * 60) / demo.tempoBpm;
  const times = demo.drums
    .filter((h) => voices.includes(h.voice))
    .map((h) => Math.round(h.beat * samplesPerBeat));
  return [...new Set(times)].sort((a, b) => a - b).map((t) => t + delaySamples);
}

describe('drum onsets', () => {
  it.each([
    ['01-kick', ['kick']],
    ['02-snare', ['snare']],
    ['03-hats', ['hat', 'open-hat']],
  ] as const)(
    '%s: one onset per hit, each within 1 ms of the pattern, nothing else',
    (name, voices) => {
      const x = takeAudio(demo, name).channels[0];
      const expected = expectedOnsets(voices);
      const detected = detectOnsets(firstDifference(x), {
        sampleRate: demo.sampleRate,
        floor: 0.005,
      });
      const { errors, unmatchedDetections } = matchOnsets(expected, detected, 20 * MS);
      expect(detected).toHaveLength(expected.length);
      expect(unmatchedDetections).toEqual([]);
      for (const e of errors) {
        expect(e).toBeGreaterThanOrEqual(0); // an onset cannot be heard before the strike
        expect(e).toBeLessThanOrEqual(MS);
      }
    },
  );

  it('overheads: hits arrive the stated 168 samples (3.5 ms) after the pattern, within 1 ms', () => {
    expect(demo.truth.overheadDelaySamples).toBe(168);
    const [left, right] = takeAudio(demo, '04-overheads').channels;
    const sum = left.map((l, n) => l + right[n]);
    const expected = expectedOnsets(
      ['kick', 'snare', 'hat', 'open-hat', 'crash'],
      demo.truth.overheadDelaySamples,
    );
    const detected = detectOnsets(firstDifference(sum), {
      sampleRate: demo.sampleRate,
      floor: 0.005,
    });
    // Every detection is a hit 0–1 ms after its delayed time: none at the close mics' time.
    for (const onset of detected) {
      const late =
        onset - expected.reduce((b, e) => (Math.abs(onset - e) < Math.abs(onset - b) ? e : b));
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThanOrEqual(MS);
    }
    // A hat ringing under the crash can hide from a transient detector; at most a few may.
    expect(detected.length).toBeGreaterThanOrEqual(expected.length - 3);
  });

  it('overheads: cross-correlation with the close mics peaks at exactly the stated delay', () => {
    const close = ['01-kick', '02-snare', '03-hats'].map(
      (name) => takeAudio(demo, name).channels[0],
    );
    const kit = close[0].map((k, n) => k + close[1][n] + close[2][n]);
    const [left] = takeAudio(demo, '04-overheads').channels;
    const lag = lagOf(kit, left, 0, 4 * demo.sampleRate, 1000);
    expect(Math.abs(lag - demo.truth.overheadDelaySamples)).toBeLessThan(0.1);
  });
});
