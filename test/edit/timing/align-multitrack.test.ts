import { describe, expect, it } from 'vitest';
import { overheadDelaySamples, recordDrums } from '../../../src/demo/synth/drum-kit.js';
import type { DrumHit } from '../../../src/demo/synth/types.js';
import { alignMultitrack } from '../../../src/edit/timing/align-multitrack.js';
import { exactDelay, mono, renderHits, rockPattern, withNoise } from './signals.js';

const FS = 48000;

describe('alignMultitrack', () => {
  it('finds an overhead’s delay (to 0.1 sample) and inverted polarity against a close mic', () => {
    // Close mics hear their own drum; the overhead hears the kit 3.73 ms later (1.28 m),
    // wired with inverted polarity, with room noise.
    const { hits } = rockPattern(110, 2, FS, 0.1);
    const frames = Math.round(4.6 * FS);
    const snare = renderHits(
      hits.filter((h) => h.kind === 'snare'),
      FS,
      frames,
    );
    const kick = renderHits(
      hits.filter((h) => h.kind === 'kick'),
      FS,
      frames,
    );
    const hats = renderHits(
      hits.filter((h) => h.kind === 'hat'),
      FS,
      frames,
    );
    const kit = snare.map((s, n) => 0.8 * s + 0.5 * kick[n] + 0.7 * hats[n]);
    const delaySamples = 0.00373 * FS;
    const overhead = withNoise(exactDelay(kit, delaySamples), 25, 5).map((v) => -0.6 * v);
    const [result] = alignMultitrack(mono(FS, snare), [mono(FS, overhead)]);
    expect(Math.abs(result.delaySeconds * FS - delaySamples)).toBeLessThan(0.1);
    expect(result.polarityInverted).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.3);
  });

  it('reports each track against the reference, in order', () => {
    const { hits } = rockPattern(120, 1, FS, 0.1);
    const kit = renderHits(hits, FS, Math.round(2.5 * FS));
    const results = alignMultitrack(mono(FS, kit), [
      mono(FS, exactDelay(kit, 48.5)),
      mono(
        FS,
        exactDelay(kit, -12).map((v) => -v),
      ),
    ]);
    expect(results.map((r) => Math.round(r.delaySeconds * FS * 10) / 10)).toEqual([48.5, -12]);
    expect(results.map((r) => r.polarityInverted)).toEqual([false, true]);
  });

  it('finds the demo kit’s stated overhead delay (168 samples) from each close mic', () => {
    const hits: DrumHit[] = [];
    for (let beat = 0; beat < 8; beat += 0.5) {
      hits.push({ voice: 'hat', beat, velocity: 0.6 });
      if (beat % 2 === 0) hits.push({ voice: 'kick', beat, velocity: 0.9 });
      if (beat % 2 === 1) hits.push({ voice: 'snare', beat, velocity: 0.9 });
    }
    const kit = recordDrums(hits, 120, Math.round(4.5 * FS), FS, 3);
    const [left] = kit.overheads;
    const results = alignMultitrack(mono(FS, left), [
      mono(FS, kit.kick),
      mono(FS, kit.snare),
      mono(FS, kit.hats),
    ]);
    // The close mics hear each drum before the overhead does: negative delays.
    for (const r of results) {
      expect(Math.abs(-r.delaySeconds * FS - overheadDelaySamples(FS))).toBeLessThan(0.1);
      expect(r.polarityInverted).toBe(false);
    }
  });
});
