import { describe, expect, it } from 'vitest';
import type { PanLaw } from '../../src/dsp/utility/pan-law.js';
import type { ResolvedSend } from '../../src/session/resolved.js';
import { bus, clip, constant, FS, render, session, track } from './helpers.js';

describe('clip mute', () => {
  const twoClips = (mute: boolean) =>
    session({
      sources: { a: constant(1, 1), b: constant(2, 1) },
      tracks: [track('A', [clip('a', 0.6), clip('b', 0.6, { startSeconds: 0.4, mute })])],
    });

  it('a muted clip is silent and does not crossfade its neighbour', async () => {
    const out = await render(twoClips(true));
    // Only the first clip plays, at full level through what would have been the overlap.
    for (const s of [0.1, 0.45, 0.5, 0.59]) expect(out[0][Math.round(s * FS)]).toBe(1);
    // The render ends with the last unmuted clip.
    expect(out[0].length).toBe(Math.round(0.6 * FS));
  });

  it('unmuted, the same clip is heard (the test above can tell)', async () => {
    const out = await render(twoClips(false));
    expect(out[0][Math.round(0.8 * FS)]).toBe(2);
    expect(out[0][Math.round(0.5 * FS)]).not.toBe(1);
  });
});

describe('send pan', () => {
  /**
   * A mono track (constant 1) at `faderDb`, its own output muted away, sending to a stereo
   * bus with the send panned to `pan`: the master holds the send alone.
   */
  const sendOnly = async (pan: number, law: PanLaw, preFader = false, faderDb = -3) => {
    const send: ResolvedSend = { to: 'FX', levelDb: -6, pan, preFader, mute: false, path: 's' };
    const out = await render(
      session({
        sources: { a: constant(1, 0.1, 1) },
        tracks: [
          track('A', [clip('a', 0.1)], {
            gainDb: faderDb,
            panLaw: law,
            pan: 0.7, // the strip's own pan must not leak into a panned send
            output: 'Sink',
            sends: [send],
          }),
        ],
        buses: [bus('Sink', { mute: true }), bus('FX')],
      }),
    );
    return { left: out[0][100], right: out[1][100] };
  };

  const level = (dbValue: number) => 10 ** (dbValue / 20);

  it('hard left puts the whole send on the left at the law gain, exactly nothing on the right', async () => {
    for (const law of ['-3dB', '-4.5dB', '-6dB', 'linear'] as const) {
      const { left, right } = await sendOnly(-1, law);
      expect(right).toBe(0);
      // Every law gives the near side unity at the extreme; send level and fader add up.
      expect(left).toBeCloseTo(level(-6 - 3), 6);
    }
  });

  it('in between, each law splits the send as its definition says', async () => {
    const p = -0.5;
    const g = level(-9);
    // Constant power: L² + R² = 1, angle (p + 1)·π/4 from the left.
    const power = await sendOnly(p, '-3dB');
    expect((power.left / g) ** 2 + (power.right / g) ** 2).toBeCloseTo(1, 6);
    expect(power.right / power.left).toBeCloseTo(Math.tan(Math.PI / 8), 6);
    // Constant voltage: L + R = 1, linear in position.
    const voltage = await sendOnly(p, '-6dB');
    expect(voltage.left / g).toBeCloseTo(0.75, 6);
    expect(voltage.right / g).toBeCloseTo(0.25, 6);
    // −4.5 dB: the geometric mean of the two laws' gains.
    const between = await sendOnly(p, '-4.5dB');
    expect(between.left / g).toBeCloseTo(Math.sqrt((power.left / g) * 0.75), 6);
    expect(between.right / g).toBeCloseTo(Math.sqrt((power.right / g) * 0.25), 6);
    // 0 dB centre: the near side stays at unity, the far side falls linearly.
    const linear = await sendOnly(p, 'linear');
    expect(linear.left / g).toBeCloseTo(1, 6);
    expect(linear.right / g).toBeCloseTo(0.5, 6);
  });

  it('a pre-fader panned send ignores the fader', async () => {
    const { left, right } = await sendOnly(-1, '-3dB', true, -20);
    expect(right).toBe(0);
    expect(left).toBeCloseTo(level(-6), 6);
  });

  it('a stereo track sent hard left keeps its left channel and drops its right', async () => {
    const left = {
      sampleRate: FS,
      channels: [new Float32Array(4800).fill(0.3), new Float32Array(4800).fill(0.7)],
    };
    const out = await render(
      session({
        sources: { a: left },
        tracks: [
          track('A', [clip('a', 0.1)], {
            output: 'Sink',
            sends: [{ to: 'FX', levelDb: 0, pan: -1, preFader: false, mute: false, path: 's' }],
          }),
        ],
        buses: [bus('Sink', { mute: true }), bus('FX')],
      }),
    );
    expect(out[1][100]).toBe(0);
    expect(out[0][100]).toBeCloseTo(0.3, 7);
  });
});
