import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../../src/core/errors.js';
import { Prng } from '../../../src/core/prng.js';
import {
  checkMonophonic,
  pitchShiftOperation,
  trackPitch,
  tuneOperation,
} from '../../../src/edit/pitch/index.js';
import { singMelody, type Vowel } from './helpers/sung-melody.js';
import { singTestMelody } from './helpers/test-melody.js';

/**
 * Material that is not one voice is refused with one sentence, never tracked into a wrong
 * result: a chord, two voices in harmony, noise. Each voice has its own vibrato rate and
 * phase, as real singers do.
 */
const fs = 48000;
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

function voices(midis: readonly number[], vibratoCents = 35): Float32Array {
  const vowels: Vowel[] = ['a', 'o', 'e', 'i'];
  const parts = midis.map(
    (midi, i) =>
      singMelody([{ midi, detuneCents: 0, startSeconds: 0.2, endSeconds: 1.6, vowel: vowels[i] }], {
        vibratoDepthCents: vibratoCents,
        vibratoRateHz: 5 + 0.6 * i,
        vibratoPhase: 2 * i,
        seed: 11 + i,
        durationSeconds: 1.8,
      }).samples,
  );
  const sum = new Float32Array(parts[0].length);
  for (const part of parts) {
    const gain = 0.1 / rms(part); // every voice at the same level
    for (let i = 0; i < sum.length; i++) sum[i] += gain * part[i];
  }
  return sum;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isMixdownError(error)) {
      expect(error.code).toBe('invalid-argument');
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

const path = 'tracks[1].clips[0].edits[0]';
const tuneOne = {
  notes: [
    {
      startSeconds: 0.2,
      endSeconds: 1.6,
      shiftCents: 30,
      flattenDriftPercent: 0,
      vibratoPercent: 100,
    },
  ],
  retuneMs: 30,
  formants: 'preserve' as const,
};

describe('non-monophonic material is refused', () => {
  it('a three-note chord of voices (C3 E3 G3) — by tune, pitch-shift and the tracker', () => {
    const chord = voices([48, 52, 55]);
    const audio = { sampleRate: fs, channels: [chord] };
    const message = refusal(() => tuneOperation.apply(audio, tuneOne, { path }));
    console.log(`chord: ${message}`);
    expect(message).toMatch(
      /^The audio at tracks\[1\]\.clips\[0\]\.edits\[0\] does not look like a single voice \(periodicity 0\.\d\d, .*\); pitch correction needs a monophonic source/,
    );
    refusal(() =>
      pitchShiftOperation.apply(audio, { semitones: 2, cents: 0, formants: 'preserve' }, { path }),
    );
    const measured = trackPitch(audio, { allowNonMonophonic: true }).monophony;
    refusal(() => checkMonophonic(measured));
    expect(measured.monophonic).toBe(false);
    expect(measured.periodicity).toBeLessThan(0.75);
  });

  it('white noise', () => {
    const prng = new Prng(5);
    const noise = Float32Array.from({ length: 2 * fs }, () => 0.2 * (prng.next() - 0.5));
    const message = refusal(() => trackPitch({ sampleRate: fs, channels: [noise] }));
    console.log(`noise: ${message}`);
    expect(message).toContain('does not look like a single voice');
  });

  it.each([
    ['a minor third', 3],
    ['a major third', 4],
    ['a fourth', 5],
    ['a fifth', 7],
    ['a major sixth', 9],
  ])('two voices %s apart at equal level', (_name, semitones) => {
    const duo = voices([55, 55 + semitones]);
    const check = trackPitch(
      { sampleRate: fs, channels: [duo] },
      { allowNonMonophonic: true },
    ).monophony;
    expect(refusal(() => checkMonophonic(check))).toContain('does not look like a single voice');
    console.log(
      `${_name}: refused for ${check.reason} (periodicity ${check.periodicity.toFixed(2)}, competing ${check.competingFraction.toFixed(2)}, holes ${check.harmonicHoles.toFixed(2)}, between harmonics ${check.inharmonicRatio.toFixed(3)})`,
    );
  });
});

describe('one voice is accepted', () => {
  it('the test melody, plain, breathy and with noise 50 dB down', () => {
    const prng = new Prng(9);
    const plain = singTestMelody().samples;
    const breathy = singTestMelody({ aspirationDb: -15 }).samples;
    const noisy = plain.map((v) => v + 0.003 * (prng.next() - 0.5));
    for (const x of [plain, breathy, noisy]) {
      const check = trackPitch({ sampleRate: fs, channels: [x] }).monophony;
      expect(check.monophonic).toBe(true);
      expect(check.periodicity).toBeGreaterThan(0.95);
      expect(check.inharmonicRatio).toBeLessThan(0.02);
    }
  });

  it('a soprano line (C5–E5) and a bass line (D2–E2)', () => {
    for (const [a, b] of [
      [72, 76],
      [38, 40],
    ]) {
      const line = singMelody([
        { midi: a, detuneCents: 0, startSeconds: 0.2, endSeconds: 1, vowel: 'i' },
        { midi: b, detuneCents: 0, startSeconds: 1, endSeconds: 2, vowel: 'u', legato: true },
      ]).samples;
      expect(trackPitch({ sampleRate: fs, channels: [line] }).monophony.monophonic).toBe(true);
    }
  });

  it('silence: nothing to judge, nothing voiced', () => {
    const track = trackPitch({ sampleRate: fs, channels: [new Float32Array(fs)] });
    expect(track.monophony.monophonic).toBe(true);
    expect(track.voiced.every((v) => v === 0)).toBe(true);
  });
});
