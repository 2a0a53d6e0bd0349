import { describe, expect, it } from 'vitest';
import { buildFrom, type Loose, richDocument } from './helpers.js';

/**
 * "bar:beat" positions against seconds worked out by hand: a beat is the lower note of the
 * time signature and lasts 60 / bpm s; a bar has as many beats as the upper number.
 */
const CASES: [bpm: number, signature: [number, number], position: string, seconds: number][] = [
  [120, [4, 4], '5:1', 8], // 16 beats × 0.5 s
  [90, [3, 4], '2:2.5', 3], // 3 + 1.5 = 4.5 beats × 2/3 s
  [150, [6, 8], '3:4', 6], // 12 + 3 = 15 beats × 0.4 s
  [75, [7, 8], '2:1', 5.6], // 7 beats × 0.8 s
  [100, [5, 4], '11:3.25', 31.35], // 50 + 2.25 = 52.25 beats × 0.6 s
  [60, [3, 2], '1:1', 0], // the very start
];

function resolve(document: Loose) {
  const built = buildFrom(document);
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return built.value;
}

describe('bar:beat positions resolve to seconds', () => {
  it.each(CASES)('%d bpm in %j: %s is %d s', (bpm, timeSignature, position, seconds) => {
    const doc: Loose = richDocument();
    doc.tempo = { bpm, timeSignature };
    doc.tracks[0].clips[1].start = position;
    doc.buses[1].automation[0].points = [{ time: position, value: 0 }];
    const resolved = resolve(doc);
    expect(resolved.tracks[0].clips[1].startSeconds).toBeCloseTo(seconds, 9);
    expect(resolved.buses[1].automation[0].points[0].timeSeconds).toBeCloseTo(seconds, 9);
  });

  it('defaults to 120 bpm in 4/4', () => {
    const doc: Loose = richDocument();
    delete doc.tempo;
    doc.tracks[0].clips[1].start = '3:2';
    const resolved = resolve(doc);
    expect(resolved.tempoBpm).toBe(120);
    expect(resolved.timeSignature).toEqual([4, 4]);
    expect(resolved.tracks[0].clips[1].startSeconds).toBe(4.5); // 9 beats × 0.5 s
  });

  it('sorts automation points by time, mixing seconds and bar:beat', () => {
    const doc: Loose = richDocument();
    doc.tracks[0].automation[0].points = [
      { time: '3:1', value: -1 }, // 4 s
      { time: 1, value: -2, curve: 'hold' },
      { time: '1:3', value: -3 }, // 1 s: same time as the point above, written after it
      { time: 0, value: -4, curve: 'exponential' },
    ];
    const points = resolve(doc).tracks[0].automation[0].points;
    expect(points).toEqual([
      { timeSeconds: 0, value: -4, curve: 'exponential' },
      { timeSeconds: 1, value: -2, curve: 'hold' },
      { timeSeconds: 1, value: -3, curve: 'linear' },
      { timeSeconds: 4, value: -1, curve: 'linear' },
    ]);
  });
});
