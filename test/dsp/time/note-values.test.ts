import { describe, expect, it } from 'vitest';
import {
  NOTE_VALUES,
  noteBeats,
  noteDurationMs,
  type SyncedNoteValue,
} from '../../../src/dsp/time/note-values.js';

describe('tempo-synced note values', () => {
  it('offers off and 1/1 … 1/32, each plain, dotted and triplet', () => {
    expect(NOTE_VALUES).toHaveLength(19);
    expect(NOTE_VALUES).toContain('1/8.');
    expect(NOTE_VALUES).toContain('1/4T');
    expect(NOTE_VALUES).toContain('1/32T');
  });

  // Worked by hand: quarter = 60000/bpm ms; whole = 4 quarters; dotted ×3/2; triplet ×2/3.
  const cases: [SyncedNoteValue, number, number][] = [
    ['1/8.', 120, 375], // 500 / 2 × 1.5
    ['1/4', 120, 500],
    ['1/4T', 90, 4000 / 9], // 666.67 × 2/3 = 444.44
    ['1/16', 140, 3000 / 28], // 428.57 / 4 = 107.14
    ['1/1', 60, 4000],
    ['1/2.', 100, 1800], // 600 × 2 × 1.5
    ['1/32T', 128, 468.75 / 12], // 468.75 / 8 × 2/3 = 39.0625
    ['1/8', 174, 30000 / 174], // 344.83 / 2 = 172.41
    ['1/1T', 120, 4000 / 3],
    ['1/16.', 75, 300], // 800 / 4 × 1.5
  ];
  for (const [note, bpm, ms] of cases) {
    it(`${note} at ${bpm} bpm = ${ms.toFixed(4)} ms`, () => {
      expect(noteDurationMs(note, bpm)).toBeCloseTo(ms, 9);
    });
  }

  it('dotted is 3/2 and triplet 2/3 of the plain value for every base', () => {
    for (const base of ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32'] as const) {
      expect(noteBeats(`${base}.`) / noteBeats(base)).toBeCloseTo(1.5, 12);
      expect(noteBeats(`${base}T`) / noteBeats(base)).toBeCloseTo(2 / 3, 12);
    }
  });
});
