import { describe, expect, it } from 'vitest';
import { chooseTakes } from '../../../src/edit/comp/index.js';

/** Every sequence of takes, scored by the objective chooseTakes claims to maximise. */
function bruteForce(totals: number[][], margin: number): { best: number; sequences: number[][] } {
  const takes = totals[0].length;
  let best = Number.NEGATIVE_INFINITY;
  let sequences: number[][] = [];
  const walk = (p: number, seq: number[], value: number) => {
    if (p === totals.length) {
      if (value > best + 1e-12) {
        best = value;
        sequences = [seq];
      } else if (Math.abs(value - best) <= 1e-12) sequences.push(seq);
      return;
    }
    for (let t = 0; t < takes; t++) {
      const cost = p > 0 && seq[p - 1] !== t ? margin : 0;
      walk(p + 1, [...seq, t], value + totals[p][t] - cost);
    }
  };
  walk(0, [], 0);
  return { best, sequences };
}

describe('choosing a take per phrase, with hysteresis', () => {
  it('keeps a take across phrases where another is better by less than the margin', () => {
    // Take 1 leads phrase 2 by 0.03 only: with a 0.05 margin take 0 stays.
    const totals = [
      [0.9, 0.8],
      [0.87, 0.9],
      [0.9, 0.85],
    ];
    expect(chooseTakes(totals, 0.05)).toEqual([0, 0, 0]);
    // Without hysteresis the phrase's best wins.
    expect(chooseTakes(totals, 0)).toEqual([0, 1, 0]);
  });

  it('switches when the gain over the phrases the new take sings exceeds the margin', () => {
    // Take 1 is 0.03 better in each of phrases 2 and 3: 0.06 in all > 0.05, one switch.
    const totals = [
      [0.9, 0.8],
      [0.87, 0.9],
      [0.87, 0.9],
    ];
    expect(chooseTakes(totals, 0.05)).toEqual([0, 1, 1]);
    // 0.06 < 0.07: stays.
    expect(chooseTakes(totals, 0.07)).toEqual([0, 0, 0]);
  });

  it('a clearly better phrase wins however large a reasonable margin', () => {
    // Take 2 is 0.42 better in phrase 2: worth two switches at 0.1 each (0.95 + 0.92 + 0.95
    // − 0.2 = 2.62 against 2.40 staying on take 0).
    const totals = [
      [0.95, 0.6, 0.6],
      [0.5, 0.6, 0.92],
      [0.95, 0.6, 0.7],
    ];
    expect(chooseTakes(totals, 0.1)).toEqual([0, 2, 0]);
  });

  it('of equal scores, fewer switches win, then the take given first', () => {
    expect(
      chooseTakes(
        [
          [0.8, 0.8],
          [0.8, 0.8],
        ],
        0.05,
      ),
    ).toEqual([0, 0]);
    expect(
      chooseTakes(
        [
          [0.7, 0.8],
          [0.8, 0.8],
        ],
        0,
      ),
    ).toEqual([1, 1]);
  });

  it('finds the optimum of Σ score − margin × switches (checked exhaustively on random tables)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const phrases = 1 + Math.floor(random() * 5);
      const takes = 2 + Math.floor(random() * 2);
      const totals = Array.from({ length: phrases }, () =>
        Array.from({ length: takes }, () => Math.round(random() * 100) / 100),
      );
      const margin = Math.round(random() * 20) / 100;
      const chosen = chooseTakes(totals, margin);
      const { best, sequences } = bruteForce(totals, margin);
      const value = chosen.reduce(
        (s, t, p) => s + totals[p][t] - (p > 0 && chosen[p - 1] !== t ? margin : 0),
        0,
      );
      expect(value).toBeCloseTo(best, 10);
      expect(sequences.map((s) => s.join())).toContain(chosen.join());
      // …and among the optimal sequences, one with the fewest switches.
      const switches = (s: number[]) => s.filter((t, p) => p > 0 && s[p - 1] !== t).length;
      expect(switches(chosen)).toBe(Math.min(...sequences.map(switches)));
    }
  });
});
