import { describe, expect, it } from 'vitest';
import { detectOnsets } from '../../../src/edit/timing/onsets.js';
import { melody, mono, renderHits, rockPattern, steadyTone, voiceLike } from './signals.js';

const FS = 48000;

/** Signed error (samples) of the detection nearest each true onset. */
function nearestErrors(truth: readonly number[], detected: readonly number[]): number[] {
  return truth.map((t) =>
    detected.reduce((best, d) => (Math.abs(d - t) < Math.abs(best) ? d - t : best), Infinity),
  );
}

describe('onset detection', () => {
  // Two bars of a rock pattern with each eighth up to ±15 ms off the grid; hats at 0.35–0.5
  // velocity under kicks and snares at 0.9.
  const { hits } = rockPattern(120, 2, FS, 0.3, (i) => 0.015 * Math.sin(1.7 * i));
  const drums = renderHits(hits, FS, Math.round(4.8 * FS));
  const truth = [...new Set(hits.map((h) => h.sample))].sort((a, b) => a - b);

  it('finds every hit of a drum take, each within 0.25 ms of its first sample, and nothing else', () => {
    const detected = detectOnsets(mono(FS, drums)).map((o) => Math.round(o.seconds * FS));
    expect(detected).toHaveLength(truth.length);
    const errors = nearestErrors(truth, detected);
    // An onset is never reported before the strike by more than the envelope's first sample.
    for (const e of errors) expect(Math.abs(e)).toBeLessThanOrEqual(0.00025 * FS);
  });

  it('does not depend on the level of the clip', () => {
    const quiet = drums.map((v) => v * 0.001);
    const a = detectOnsets(mono(FS, drums));
    const b = detectOnsets(mono(FS, quiet));
    expect(b.map((o) => o.seconds)).toEqual(a.map((o) => o.seconds));
  });

  it('gives the loudest hits the largest strengths', () => {
    const onsets = detectOnsets(mono(FS, drums));
    const strengths = onsets.map((o) => o.strength);
    expect(Math.max(...strengths)).toBe(1);
    // Even eighths carry a kick or snare; odd ones a quiet hat alone.
    const even = strengths.filter((_, i) => i % 2 === 0);
    const odd = strengths.filter((_, i) => i % 2 === 1);
    expect(Math.min(...even)).toBeGreaterThan(Math.max(...odd));
  });

  it('finds nothing inside a steady tone (only its start)', () => {
    const tone = steadyTone(FS, 2, 440, [1, 0.5, 0.3]);
    const inside = detectOnsets(mono(FS, tone)).filter((o) => o.seconds > 0.05 && o.seconds < 1.95);
    expect(inside).toEqual([]);
  });

  it('finds each sung note (with vibrato and breath) within 5 ms of its start', () => {
    const notes = melody(3, 4);
    const voice = voiceLike(FS, 4, notes, 4);
    const detected = detectOnsets(mono(FS, voice)).map((o) => o.seconds * FS);
    expect(detected).toHaveLength(notes.length);
    const errors = nearestErrors(
      notes.map((n) => n.startSeconds * FS),
      detected,
    );
    for (const e of errors) expect(Math.abs(e)).toBeLessThan(0.005 * FS);
  });
});
