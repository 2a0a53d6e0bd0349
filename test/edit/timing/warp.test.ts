import { describe, expect, it } from 'vitest';
import { isMixdownError } from '../../../src/core/errors.js';
import { defaultValues, validateParams } from '../../../src/dsp/params.js';
import { PiecewiseLinearMap } from '../../../src/edit/timing/time-map.js';
import { warpOperation } from '../../../src/edit/timing/warp-operation.js';
import { matchPosition } from './measure.js';
import { drumHit, mono, renderHits } from './signals.js';

const FS = 48000;
const context = { path: 'tracks[2].clips[0].edits[1]' };

describe('warp operation', () => {
  it('declares warp points as a group and transient handling as a switch', () => {
    expect(defaultValues(warpOperation.params)).toEqual({ points: [], preserveTransients: true });
    expect(
      validateParams(warpOperation.params, {
        points: [{ sourceSeconds: 0, targetSeconds: 0.01 }, { sourceSeconds: 'two' }],
      }),
    ).toEqual([
      {
        path: 'points[1].sourceSeconds',
        message: 'must be a number in s from 0 to 86400, got "two"',
      },
    ]);
  });

  it('refuses points that go backwards, naming the point and where it is', () => {
    const points = [
      { sourceSeconds: 0, targetSeconds: 0 },
      { sourceSeconds: 1, targetSeconds: 1.5 },
      { sourceSeconds: 2, targetSeconds: 1.4 },
    ];
    let error: unknown;
    try {
      warpOperation.apply(
        mono(FS, new Float32Array(FS)),
        { points, preserveTransients: true },
        context,
      );
    } catch (e) {
      error = e;
    }
    expect(isMixdownError(error) && error.code).toBe('invalid-argument');
    expect((error as Error).message).toContain('tracks[2].clips[0].edits[1].points[2]');
  });

  it('with no points gives the clip back unchanged', () => {
    const x = renderHits([{ kind: 'snare', sample: 4800, velocity: 0.8, seed: 1 }], FS, FS);
    const y = warpOperation.apply(mono(FS, x), { points: [], preserveTransients: true }, context);
    let worst = 0;
    y.audio.channels[0].forEach((v, n) => {
      worst = Math.max(worst, Math.abs(v - x[n]));
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('moves each hit where the map sends it (within 0.1 ms) and ends where the map ends', () => {
    // Eight hits, 250 ms apart; a map that speeds up, slows down and shifts.
    const sources = [0, 0.6, 1.3, 2.2];
    const targets = [0.05, 0.6, 1.45, 2.3];
    const map = new PiecewiseLinearMap(sources, targets);
    const kinds = ['kick', 'snare', 'hat'] as const;
    const hits = Array.from({ length: 8 }, (_, k) => ({
      kind: kinds[k % 3],
      sample: Math.round((0.1 + 0.25 * k) * FS),
      velocity: 0.8,
      seed: 50 + k,
    }));
    const x = renderHits(hits, FS, Math.round(2.2 * FS));
    const points = sources.map((s, i) => ({ sourceSeconds: s, targetSeconds: targets[i] }));
    const y = warpOperation.apply(mono(FS, x), { points, preserveTransients: true }, context);
    const out = y.audio.channels[0];
    expect(out.length).toBe(Math.round(2.3 * FS));
    for (const hit of hits) {
      const expected = map.forward(hit.sample / FS) * FS;
      const template = drumHit(hit.kind, FS, hit.seed).subarray(0, Math.round(0.01 * FS));
      const found = matchPosition(
        out,
        template.map((v) => v * hit.velocity),
        Math.round(expected) - 480,
        Math.round(expected) + 480,
      );
      expect(Math.abs(found - expected)).toBeLessThan(0.0001 * FS);
    }
    expect(y.findings[0].message).toBe(
      'Warped through 4 points (2.200 s → 2.300 s), 8 of 8 onsets held rigid.',
    );
  });
});
