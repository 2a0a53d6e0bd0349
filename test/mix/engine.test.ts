import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import type { ResolvedInsert } from '../../src/session/resolved.js';
import {
  bus,
  clip,
  constant,
  expectSameAudio,
  FS,
  render,
  session,
  tone,
  track,
} from './helpers.js';

const insert = (
  type: string,
  values: Record<string, unknown> = {},
  more: Partial<ResolvedInsert> = {},
): ResolvedInsert => ({
  type,
  bypass: false,
  values,
  path: 'inserts[0]',
  ...more,
});

function noiseAudio(seconds: number, seed: number, channels = 2) {
  const prng = new Prng(seed);
  const n = Math.round(seconds * FS);
  return {
    sampleRate: FS,
    channels: Array.from({ length: channels }, () =>
      Float32Array.from({ length: n }, () => prng.next() - 0.5),
    ),
  };
}

describe('null tests', () => {
  it('a stereo track through a flat strip reaches the master unchanged', async () => {
    const src = noiseAudio(1, 1);
    const out = await render(
      session({ sources: { a: src }, tracks: [track('A', [clip('a', 1)])] }),
    );
    expectSameAudio(out, src.channels);
  });

  it('a bypassed chain equals its input', async () => {
    const src = noiseAudio(1, 2);
    const inserts = [
      insert('gain', { gainDb: -12 }, { bypass: true }),
      insert('width', { widthPercent: 0 }, { bypass: true }),
    ];
    const out = await render(
      session({ sources: { a: src }, tracks: [track('A', [clip('a', 1)], { inserts })] }),
    );
    expectSameAudio(out, src.channels);
  });

  it('a track plus its polarity-inverted copy cancels to silence', async () => {
    const src = noiseAudio(1, 3);
    const out = await render(
      session({
        sources: { a: src },
        tracks: [track('A', [clip('a', 1)]), track('B', [clip('a', 1)], { polarity: true })],
      }),
    );
    expect(Math.max(...out[0].map(Math.abs), ...out[1].map(Math.abs))).toBe(0);
  });

  it('a track behind a latency-adding processor stays sample-aligned with a dry parallel copy', async () => {
    const src = noiseAudio(1, 4);
    const out = await render(
      session({
        sources: { a: src },
        tracks: [
          track('Delayed', [clip('a', 1)], { inserts: [insert('test-delay', { samples: 300 })] }),
          track('Dry inverted', [clip('a', 1)], { polarity: true }),
        ],
        buses: [],
      }),
    );
    expect(out[0].length).toBe(FS);
    expect(Math.max(...out[0].map(Math.abs))).toBe(0);
  });

  it('compensation holds through buses with different latencies (send and output paths)', async () => {
    const src = noiseAudio(0.5, 5);
    const out = await render(
      session({
        sources: { a: src },
        tracks: [
          track('A', [clip('a', 0.5)], {
            output: 'Slow',
            sends: [{ to: 'Fast', levelDb: 0, preFader: false, mute: false, path: 's' }],
          }),
        ],
        buses: [
          bus('Slow', { inserts: [insert('test-delay', { samples: 777 })] }),
          bus('Fast', { polarity: true }),
        ],
      }),
    );
    expect(Math.max(...out[0].map(Math.abs))).toBe(0);
  });
});

describe('mute and solo', () => {
  // Each source is a distinct constant so the master sum tells who is heard.
  const sources = { a: constant(1, 0.1), b: constant(2, 0.1), c: constant(4, 0.1) };
  const heard = async (flags: {
    tracks?: Record<string, { mute?: boolean; solo?: boolean }>;
    busSolo?: boolean;
    busMute?: boolean;
  }) => {
    const t = (name: string, id: string, output = 'master') =>
      track(name, [clip(id, 0.1)], { output, ...flags.tracks?.[name] });
    const out = await render(
      session({
        sources,
        tracks: [t('A', 'a'), t('B', 'b', 'Bus'), t('C', 'c', 'Bus')],
        buses: [bus('Bus', { solo: flags.busSolo ?? false, mute: flags.busMute ?? false })],
      }),
    );
    return Math.round(out[0][100]);
  };

  it('follows the usual DAW rules', async () => {
    expect(await heard({})).toBe(7);
    expect(await heard({ tracks: { A: { mute: true } } })).toBe(6);
    expect(await heard({ tracks: { A: { solo: true } } })).toBe(1);
    // Soloing a track on a bus keeps the bus audible, silences its neighbour.
    expect(await heard({ tracks: { B: { solo: true } } })).toBe(2);
    expect(await heard({ tracks: { A: { solo: true }, C: { solo: true } } })).toBe(5);
    // Soloing the bus plays what feeds it.
    expect(await heard({ busSolo: true })).toBe(6);
    // Mute wins over solo; a muted bus silences its sources' path.
    expect(await heard({ tracks: { A: { solo: true, mute: true } } })).toBe(0);
    expect(await heard({ busMute: true })).toBe(1);
    expect(await heard({ tracks: { B: { solo: true } }, busMute: true })).toBe(0);
  });

  it('soloing a track keeps its effect return but not other tracks sending there', async () => {
    const out = await render(
      session({
        sources,
        tracks: [
          track('A', [clip('a', 0.1)], {
            solo: true,
            sends: [{ to: 'FX', levelDb: 0, preFader: false, mute: false, path: 's' }],
          }),
          track('B', [clip('b', 0.1)], {
            sends: [{ to: 'FX', levelDb: 0, preFader: false, mute: false, path: 's' }],
          }),
        ],
        buses: [bus('FX')],
      }),
    );
    expect(Math.round(out[0][100])).toBe(2); // A direct + A's send
  });
});

describe('sends', () => {
  it('pre-fader sends ignore the fader; post-fader sends follow it', async () => {
    const s = (preFader: boolean) =>
      session({
        sources: { a: constant(1, 0.1) },
        tracks: [
          track('A', [clip('a', 0.1)], {
            gainDb: -20,
            output: 'Sink',
            sends: [{ to: 'FX', levelDb: -6, preFader, mute: false, path: 's' }],
          }),
        ],
        buses: [bus('Sink', { mute: true }), bus('FX')],
      });
    const pre = await render(s(true));
    const post = await render(s(false));
    expect(pre[0][10]).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(post[0][10]).toBeCloseTo(10 ** (-26 / 20), 6);
  });
});

describe('automation', () => {
  it('reaches every breakpoint value at its time, with each segment shape', async () => {
    const points = [
      { timeSeconds: 0.1, value: -20, curve: 'linear' as const },
      { timeSeconds: 0.3, value: 0, curve: 'hold' as const },
      { timeSeconds: 0.5, value: -10, curve: 'exponential' as const },
      { timeSeconds: 0.7, value: -30, curve: 'linear' as const },
    ];
    const out = await render(
      session({
        sources: { a: constant(0.5, 1) },
        tracks: [
          track('A', [clip('a', 1)], { automation: [{ param: 'gainDb', points, path: 'a' }] }),
        ],
      }),
    );
    const at = (s: number) => out[0][Math.round(s * FS)] / 0.5;
    expect(at(0)).toBeCloseTo(10 ** (-20 / 20), 6); // before the first point: its value
    expect(at(0.1)).toBeCloseTo(10 ** (-20 / 20), 6);
    expect(at(0.2)).toBeCloseTo(10 ** (-10 / 20), 6); // halfway on a linear dB ramp
    expect(at(0.3)).toBeCloseTo(1, 6);
    expect(at(0.4)).toBeCloseTo(1, 6); // hold
    expect(at(0.5)).toBeCloseTo(10 ** (-10 / 20), 6); // the hold jumps at the next point
    expect(at(0.7)).toBeCloseTo(10 ** (-30 / 20), 6);
    expect(at(0.9)).toBeCloseTo(10 ** (-30 / 20), 6);
  });

  it('drives an insert parameter (gain trim) to its breakpoint values', async () => {
    const points = [
      { timeSeconds: 0, value: 0, curve: 'linear' as const },
      { timeSeconds: 0.5, value: -12, curve: 'linear' as const },
    ];
    const out = await render(
      session({
        sources: { a: constant(0.5, 1) },
        tracks: [
          track('A', [clip('a', 1)], {
            inserts: [insert('gain', { gainDb: 0 })],
            automation: [{ param: 'inserts[0].gainDb', points, path: 'a' }],
          }),
        ],
      }),
    );
    // After the last point and the processor's 20 ms smoothing, the value is exact.
    expect(out[0][Math.round(0.6 * FS)] / 0.5).toBeCloseTo(10 ** (-12 / 20), 5);
    // Smooth: no step between neighbouring samples larger than a 20 ms ramp allows.
    let maxStep = 0;
    for (let i = 1; i < FS; i++) maxStep = Math.max(maxStep, Math.abs(out[0][i] - out[0][i - 1]));
    expect(maxStep).toBeLessThan(1e-3);
  });
});

describe('clips', () => {
  it('fades have the expected gains', async () => {
    const out = await render(
      session({
        sources: { a: constant(1, 1, 2) },
        tracks: [
          track('A', [
            clip('a', 1, {
              fadeIn: { seconds: 0.1, shape: 'linear' },
              fadeOut: { seconds: 0.2, shape: 'equal-power' },
              gainDb: -6,
            }),
          ]),
        ],
      }),
    );
    const g = 10 ** (-6 / 20);
    const fadeFrames = 0.1 * FS;
    // Sample i of an n-frame linear fade has gain (i + 0.5)/n.
    expect(out[0][0]).toBeCloseTo((g * 0.5) / fadeFrames, 7);
    expect(out[0][2400]).toBeCloseTo((g * 2400.5) / fadeFrames, 6);
    expect(out[0][FS / 2]).toBeCloseTo(g, 6);
    // Halfway through the equal-power fade-out: cos(π/4).
    const mid = FS - 0.1 * FS;
    expect(out[0][mid]).toBeCloseTo(
      g * Math.cos(((Math.PI / 2) * (0.1 * FS + 0.5)) / (0.2 * FS)),
      6,
    );
  });

  it('overlapping clips crossfade over exactly the overlap, at constant power for equal-power', async () => {
    const out = await render(
      session({
        sources: { a: constant(1, 1), b: constant(1, 1) },
        tracks: [track('A', [clip('a', 0.6), clip('b', 0.6, { startSeconds: 0.4 })])],
      }),
    );
    // Overlap 0.4–0.6 s: a·cos + b·sin of the same constant; at the midpoint both are cos(π/4).
    const mid = Math.round(0.5 * FS);
    expect(out[0][mid]).toBeCloseTo(
      Math.cos(((Math.PI / 2) * (mid - 0.4 * FS + 0.5)) / (0.2 * FS)) +
        Math.sin(((Math.PI / 2) * (mid - 0.4 * FS + 0.5)) / (0.2 * FS)),
      6,
    );
    expect(out[0][Math.round(0.3 * FS)]).toBe(1);
    expect(out[0][Math.round(0.7 * FS)]).toBe(1);
    expect(out[0].length).toBe(Math.round(1.0 * FS));
  });

  it('a reversed clip plays its source backwards', async () => {
    const src = {
      sampleRate: FS,
      channels: [Float32Array.from({ length: 1000 }, (_, i) => i / 1000)],
    };
    const out = await render(
      session({
        sources: { a: src },
        tracks: [track('A', [clip('a', 1000 / FS, { reverse: true })], { panLaw: 'linear' })],
      }),
    );
    expect(out[0][0]).toBeCloseTo(0.999, 6);
    expect(out[0][999]).toBeCloseTo(0, 6);
  });
});

describe('render invariants', () => {
  const rich = () =>
    session({
      sources: { a: noiseAudio(1.5, 7), b: tone(440, 0.3, 1.5, 1) },
      tracks: [
        track('A', [clip('a', 1.5)], {
          inserts: [insert('gain', { gainDb: -3 }), insert('width', { widthPercent: 140 })],
          sends: [{ to: 'FX', levelDb: -6, preFader: false, mute: false, path: 's' }],
        }),
        track(
          'B',
          [clip('b', 1.2, { startSeconds: 0.2, fadeIn: { seconds: 0.05, shape: 's-curve' } })],
          {
            pan: -0.4,
            automation: [
              {
                param: 'pan',
                points: [
                  { timeSeconds: 0, value: -1, curve: 'linear' },
                  { timeSeconds: 1, value: 1, curve: 'linear' },
                ],
                path: 'a',
              },
            ],
            output: 'FX',
          },
        ),
      ],
      buses: [
        bus('FX', {
          inserts: [insert('test-delay', { samples: 123 }), insert('gain', { gainDb: -1 })],
          automation: [
            {
              param: 'inserts[1].gainDb',
              points: [
                { timeSeconds: 0, value: -1, curve: 'linear' },
                { timeSeconds: 1.4, value: -9, curve: 'exponential' },
              ],
              path: 'b',
            },
          ],
        }),
      ],
    });

  it('a render in random block sizes equals a render in one block size, bit for bit', async () => {
    const prng = new Prng(11);
    const a = await render(rich(), { blockSize: 512 });
    const b = await render(rich(), {
      blockSize: 1024,
      nextBlockSize: () => 1 + Math.floor(prng.next() * 1024),
    });
    expectSameAudio(b, a);
  });

  it('renders identically twice', async () => {
    expectSameAudio(await render(rich()), await render(rich()));
  });

  it('a range is exactly that part of the full render', async () => {
    const full = await render(rich());
    const part = await render(rich(), { range: { startSeconds: 0.5, endSeconds: 1.0 } });
    expectSameAudio(
      part,
      full.map((c) => c.slice(0.5 * FS, 1.0 * FS)),
    );
  });
});
