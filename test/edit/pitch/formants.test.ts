import { beforeAll, describe, expect, it } from 'vitest';
import { midiToHz, pitchShiftOperation } from '../../../src/edit/pitch/index.js';
import { envelopePeaksHz, lpcEnvelopeDb, nearest } from './helpers/lpc-formants.js';
import { FORMANTS } from './helpers/sung-melody.js';
import { MELODY, singTestMelody } from './helpers/test-melody.js';

/**
 * Formants before and after a +3-semitone shift (ratio 2^(3/12) = 1.189), read from the
 * averaged LPC envelope of each note's steady part (helpers/lpc-formants.ts). An all-pole
 * envelope fitted to a voice can only place a formant between harmonics where they are
 * dense enough around it; at fewer than four harmonics below a formant it leans toward the
 * nearest harmonic (Makhoul 1975 §6), and the reading would measure the harmonics, not the
 * envelope. So the judged formants are those at least four times the shifted pitch — the
 * others are printed too.
 */
const fs = 48000;
const RATIO = 2 ** (3 / 12);

interface Reading {
  readonly note: number;
  readonly formant: number;
  readonly statedHz: number;
  readonly beforeHz: number;
  readonly preservedHz: number;
  readonly shiftedHz: number;
  readonly judged: boolean;
}

describe('formants after a 3-semitone pitch shift', () => {
  const readings: Reading[] = [];
  beforeAll(() => {
    const melody = singTestMelody();
    const audio = { sampleRate: fs, channels: [melody.samples] };
    const shift = (formants: 'preserve' | 'shift') =>
      pitchShiftOperation.apply(audio, { semitones: 3, cents: 0, formants }, { path: 'test' }).audio
        .channels[0];
    const preserved = shift('preserve');
    const shifted = shift('shift');
    MELODY.forEach((note, k) => {
      if (note.endSeconds - note.startSeconds < 0.5) return;
      const [a, b] = [note.startSeconds + 0.12, note.endSeconds - 0.05];
      const peaks = (x: Float32Array) => envelopePeaksHz(lpcEnvelopeDb(x, fs, a, b));
      const before = peaks(melody.samples);
      const afterPreserve = peaks(preserved);
      const afterShift = peaks(shifted);
      const shiftedF0 = midiToHz(note.midi + note.detuneCents / 100) * RATIO;
      FORMANTS[note.vowel].forEach(([statedHz], i) => {
        const beforeHz = nearest(before, statedHz);
        readings.push({
          note: k,
          formant: i + 1,
          statedHz,
          beforeHz,
          preservedHz: nearest(afterPreserve, beforeHz),
          shiftedHz: nearest(afterShift, beforeHz * RATIO),
          judged: statedHz >= 4 * shiftedF0,
        });
      });
    });
    for (const r of readings) {
      console.log(
        `note ${r.note} F${r.formant} (${r.statedHz} Hz): read ${r.beforeHz.toFixed(0)} Hz; preserve ×${(r.preservedHz / r.beforeHz).toFixed(3)}, shift ×${(r.shiftedHz / r.beforeHz).toFixed(3)}${r.judged ? '' : ' (not judged: under 4 harmonics)'}`,
      );
    }
  });

  it('reads the sung formants near their stated values (F1 within 10 %, F2 and F3 within 5 %)', () => {
    for (const r of readings.filter((x) => x.judged)) {
      expect(Math.abs(r.beforeHz / r.statedHz - 1)).toBeLessThan(r.formant === 1 ? 0.1 : 0.05);
    }
  });

  it('with formants preserved, they move by less than 5 %', () => {
    const judged = readings.filter((r) => r.judged);
    expect(judged.length).toBeGreaterThanOrEqual(12);
    const worst = Math.max(...judged.map((r) => Math.abs(r.preservedHz / r.beforeHz - 1)));
    console.log(
      `preserve: worst formant move ${(worst * 100).toFixed(1)} % over ${judged.length} formants`,
    );
    expect(worst).toBeLessThan(0.05);
  });

  it('with formants shifted, they move with the pitch (+18.9 % ± 2.5 %), so the test can tell', () => {
    const judged = readings.filter((r) => r.judged);
    const moves = judged.map((r) => r.shiftedHz / r.beforeHz - 1);
    console.log(
      `shift: formant moves ${(Math.min(...moves) * 100).toFixed(1)}…${(Math.max(...moves) * 100).toFixed(1)} %`,
    );
    for (const move of moves) expect(Math.abs(move - (RATIO - 1))).toBeLessThan(0.025);
  });
});
