import { describe, expect, it } from 'vitest';
import { estimateTempo } from '../../../src/edit/timing/tempo.js';
import { mono, renderHits, rockPattern } from './signals.js';

const FS = 48000;

describe('tempo and beat grid', () => {
  it.each([92, 120, 140])(
    'a rock pattern at %i bpm: tempo within 0.5 bpm, first beat within 10 ms',
    (bpm) => {
      const firstBeat = 0.37;
      const bars = 4;
      const { hits } = rockPattern(bpm, bars, FS, firstBeat);
      const seconds = firstBeat + (bars * 240) / bpm + 0.5;
      const estimate = estimateTempo(mono(FS, renderHits(hits, FS, Math.round(seconds * FS))));
      expect(Math.abs(estimate.bpm - bpm)).toBeLessThan(0.5);
      expect(Math.abs(estimate.firstBeatSeconds - firstBeat)).toBeLessThan(0.01);
      expect(estimate.confidence).toBeGreaterThan(0.5);
    },
  );

  it('finds no confident tempo in silence', () => {
    const estimate = estimateTempo(mono(FS, new Float32Array(FS * 2)));
    expect(estimate.confidence).toBe(0);
  });
});
