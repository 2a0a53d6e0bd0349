import { describe, expect, it } from 'vitest';
import { placeCuts, planPhrases, type TakeAnalysis } from '../../../src/edit/comp/index.js';

/**
 * Phrase segmentation and cut placement on pitch tracks written by hand: which frames are
 * voiced and how loud each frame is are the ground truth.
 */
const HOP = 0.005;

interface Stretch {
  readonly from: number;
  readonly to: number;
  /** Frame level, dBFS (default −20 when voiced). */
  readonly levelDb?: number;
  readonly voiced?: boolean;
}

/** A take of `seconds` at −70 dBFS, with the given stretches voiced (or just louder). */
function fakeTake(id: string, seconds: number, stretches: Stretch[], startSeconds = 0) {
  const frames = Math.round(seconds / HOP);
  const voiced = new Uint8Array(frames);
  const levelDb = new Float64Array(frames).fill(-70);
  for (const s of stretches) {
    for (let f = Math.round(s.from / HOP); f < Math.round(s.to / HOP); f++) {
      voiced[f] = s.voiced === false ? 0 : 1;
      levelDb[f] = s.levelDb ?? -20;
    }
  }
  return {
    id,
    startSeconds,
    endSeconds: startSeconds + seconds,
    pitch: { hopSeconds: HOP, frameCount: frames, voiced, levelDb },
  } as unknown as TakeAnalysis;
}

describe('phrase segmentation', () => {
  it('from voicing: the union of all takes, short silences bridged, blips ignored', () => {
    const a = fakeTake('a', 10, [
      { from: 1, to: 2 },
      { from: 2.2, to: 3 }, // a 200 ms consonant gap: same phrase
      { from: 5, to: 6 },
      { from: 8.0, to: 8.1 }, // a 100 ms blip: no phrase of its own
    ]);
    const b = fakeTake('b', 10, [
      { from: 1.05, to: 3.1 },
      { from: 5.08, to: 6.4 }, // late and long: widens the phrase
    ]);
    const plan = planPhrases([a, b]);
    expect(plan.method).toBe('voicing');
    const extents = plan.phrases.map((p) => [p.startSeconds, p.endSeconds]);
    expect(extents).toEqual([
      [1, 3.1],
      [5, 6.4],
    ]);
    // Territories tile the span from the middle of each pause.
    expect(plan.phrases.map((p) => [p.fromSeconds, p.toSeconds])).toEqual([
      [0, 4.05],
      [4.05, 10],
    ]);
  });

  it('the comp spans only the part every take covers', () => {
    const a = fakeTake('a', 8, [{ from: 1, to: 3 }], 0.5);
    const b = fakeTake('b', 10, [{ from: 1, to: 3 }], 0);
    const plan = planPhrases([a, b]);
    expect(plan.spanStartSeconds).toBe(0.5);
    expect(plan.spanEndSeconds).toBe(8.5);
  });

  it('by bars of the tempo grid, and at given boundaries', () => {
    const takes = [fakeTake('a', 17, []), fakeTake('b', 17, [])];
    // 120 bpm, 4/4: a bar is 2 s; 2-bar phrases cut at 4, 8, 12, 16 s.
    const bars = planPhrases(takes, { method: 'bars', bpm: 120, beatsPerBar: 4, barsPerPhrase: 2 });
    expect(bars.phrases.map((p) => p.toSeconds)).toEqual([4, 8, 12, 16, 17]);
    const given = planPhrases(takes, { method: 'boundaries', boundariesSeconds: [9, 3] });
    expect(given.phrases.map((p) => [p.fromSeconds, p.toSeconds])).toEqual([
      [0, 3],
      [3, 9],
      [9, 17],
    ]);
    expect(() =>
      planPhrases(takes, { method: 'boundaries', boundariesSeconds: [20] }),
    ).toThrowError(/outside the part every take covers/);
  });
});

describe('cut placement', () => {
  it('puts the boundary at the quietest point of the pause, the crossfade inside it', () => {
    // Both takes sing 1–3 s and 5–7 s. In the pause, take b has a breath at 4.4–4.9 s and
    // take a some noise at 3.1–3.4 s; the quietest point for both is where take a drops to
    // −80 dBFS, 3.5–3.7 s (off the pause's middle, 4 s, on purpose).
    const a = fakeTake('a', 8, [
      { from: 1, to: 3 },
      { from: 3.1, to: 3.4, levelDb: -45, voiced: false },
      { from: 3.5, to: 3.7, levelDb: -80, voiced: false },
      { from: 5, to: 7 },
    ]);
    const b = fakeTake('b', 8, [
      { from: 1, to: 3 },
      { from: 4.4, to: 4.9, levelDb: -40, voiced: false },
      { from: 5, to: 7 },
    ]);
    const plan = planPhrases([a, b]);
    const placed = placeCuts(plan, [0, 1], [a, b], 20);
    expect(placed.cuts).toHaveLength(1);
    const cut = placed.cuts[0];
    expect(cut.seconds).toBeGreaterThanOrEqual(3.5 + 0.01);
    expect(cut.seconds).toBeLessThanOrEqual(3.7 - 0.01);
    expect(cut.quiet).toBe(true);
    expect(placed.regions).toEqual([
      { take: 'a', startSeconds: 0, endSeconds: cut.seconds },
      { take: 'b', startSeconds: cut.seconds, endSeconds: 8 },
    ]);
  });

  it('joins neighbouring phrases on the same take into one region', () => {
    const a = fakeTake('a', 12, [
      { from: 1, to: 3 },
      { from: 5, to: 7 },
      { from: 9, to: 11 },
    ]);
    const b = fakeTake('b', 12, [
      { from: 1, to: 3 },
      { from: 5, to: 7 },
      { from: 9, to: 11 },
    ]);
    const plan = planPhrases([a, b]);
    const placed = placeCuts(plan, [1, 1, 0], [a, b], 20);
    expect(placed.regions.map((r) => r.take)).toEqual(['b', 'a']);
    expect(placed.cuts).toHaveLength(1);
    // A pause of even room tone: the middle.
    expect(placed.cuts[0].seconds).toBeCloseTo(8, 6);
  });

  it('flags a crossfade that cannot fit in a pause', () => {
    // Phrases 1–3 s and 3.35–5 s (a 350 ms pause) with a 500 ms crossfade.
    const a = fakeTake('a', 6, [
      { from: 1, to: 3 },
      { from: 3.35, to: 5 },
    ]);
    const b = fakeTake('b', 6, [
      { from: 1, to: 3 },
      { from: 3.35, to: 5 },
    ]);
    const placed = placeCuts(planPhrases([a, b]), [0, 1], [a, b], 500);
    expect(placed.cuts[0].seconds).toBeCloseTo(3.175, 6);
    expect(placed.cuts[0].quiet).toBe(false);
  });
});
