import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../src/core/audio.js';
import { renderSession } from '../../src/mix/render.js';
import type { ResolvedInsert } from '../../src/session/resolved.js';
import { bus, clip, constant, FS, MemorySink, session, track } from './helpers.js';

// External sidechain through the render graph: a compressor on track A listens to another
// strip. A carries a constant 0.25, so its output divided by 0.25 is exactly the gain the
// compressor applied, and the key is built sample by sample so its level is known.

const A_LEVEL = 0.25;
const THRESHOLD_DB = -20;
const RATIO = 4;

const keyed = (key: string, more: Record<string, unknown> = {}): ResolvedInsert => ({
  type: 'compressor',
  bypass: false,
  values: {
    thresholdDb: THRESHOLD_DB,
    ratio: RATIO,
    kneeDb: 0,
    attackMs: 1,
    releaseMs: 50,
    ...more,
  },
  sidechain: key,
  path: 'tracks[0].inserts[0]',
});

/** A stereo source holding `levels[k]` (linear) from `starts[k]` seconds on, silent before the first. */
function steps(seconds: number, starts: readonly number[], levels: readonly number[]): AudioData {
  const data = new Float32Array(Math.round(seconds * FS));
  starts.forEach((s, k) => {
    data.fill(levels[k], Math.round(s * FS));
  });
  return { sampleRate: FS, channels: [data, data.slice()] };
}

/**
 * The soft-knee static curve written out from Giannoulis, Massberg & Reiss (JAES 2012), as
 * gain reduction in dB at key level `x` dB: 0 below the knee, quadratic inside, (1 − 1/R)(x − T)
 * above.
 */
function expectedReductionDb(x: number, t: number, r: number, w: number): number {
  if (2 * (x - t) < -w) return 0;
  if (2 * (x - t) > w) return (x - t) * (1 - 1 / r);
  return ((1 - 1 / r) * (x - t + w / 2) ** 2) / (2 * w);
}

const db = (linear: number): number => 20 * Math.log10(linear);

async function renderWithStems(s: ReturnType<typeof session>, names: readonly string[]) {
  const mix = new MemorySink();
  const stems = new Map(names.map((n) => [n, new MemorySink()]));
  const result = await renderSession(s.session, s.provider, mix, { stems, blockSize: 512 });
  return {
    mix: mix.channels,
    stem: (name: string) => stems.get(name)!.channels,
    result,
  };
}

/** Gain reduction (dB) applied to A at `seconds`, read from A's stem. */
const reductionAt = (a: Float32Array[], seconds: number): number =>
  -db(a[0][Math.round(seconds * FS)] / A_LEVEL);

describe('external sidechain through the render graph', () => {
  // Key levels: 14 dB above, 1.9 dB above and 6 dB below the threshold, each held 0.5 s.
  const keyLevels = [0.5, 0.125, 0.05];
  const keyStarts = [0, 0.5, 1.0];
  const keySource = () => steps(1.5, keyStarts, keyLevels);

  const duck = (bMore: Parameters<typeof track>[2] = {}, aMore: Parameters<typeof track>[2] = {}) =>
    session({
      sources: { a: constant(A_LEVEL, 1.5), b: keySource() },
      tracks: [
        track('A', [clip('a', 1.5)], { inserts: [keyed('B')], ...aMore }),
        track('B', [clip('b', 1.5)], bMore),
      ],
    });

  it("follows the key's level along the static curve (hard knee), within 0.1 dB at steady state", async () => {
    const { stem } = await renderWithStems(duck(), ['A']);
    const a = stem('A');
    keyLevels.forEach((level, k) => {
      // 0.45 s after each change: nine release time constants, the envelope has settled.
      const expected = expectedReductionDb(db(level), THRESHOLD_DB, RATIO, 0);
      expect(Math.abs(reductionAt(a, keyStarts[k] + 0.45) - expected)).toBeLessThan(0.1);
    });
    // The first two levels really compress (the test would catch a key that is not wired).
    expect(reductionAt(a, 0.45)).toBeGreaterThan(10);
  });

  it('follows the soft knee inside the knee', async () => {
    // −19 dBFS against T = −20 dB, W = 6 dB: inside the knee, 1.0 dB by the quadratic.
    const level = 10 ** (-19 / 20);
    const s = session({
      sources: { a: constant(A_LEVEL, 0.5), b: constant(level, 0.5) },
      tracks: [
        track('A', [clip('a', 0.5)], { inserts: [keyed('B', { kneeDb: 6 })] }),
        track('B', [clip('b', 0.5)]),
      ],
    });
    const a = (await renderWithStems(s, ['A'])).stem('A');
    const expected = expectedReductionDb(-19, THRESHOLD_DB, RATIO, 6);
    expect(expected).toBeCloseTo(1.0, 12);
    expect(Math.abs(reductionAt(a, 0.4) - expected)).toBeLessThan(0.1);
  });

  it('leaves A untouched, bit for bit, when the key is silent', async () => {
    const s = session({
      sources: { a: constant(A_LEVEL, 0.5), b: constant(0, 0.5) },
      tracks: [
        track('A', [clip('a', 0.5)], { inserts: [keyed('B')] }),
        track('B', [clip('b', 0.5)]),
      ],
    });
    const a = (await renderWithStems(s, ['A'])).stem('A');
    for (const channel of a) for (const x of channel) expect(x).toBe(A_LEVEL);
  });

  it('a muted key track is not heard but still keys (the key is taken before fader and mute)', async () => {
    const heard = await renderWithStems(duck(), ['A']);
    const muted = await renderWithStems(duck({ mute: true }), ['A']);
    // B is gone from the mix: the mix is A alone…
    const mix = muted.mix;
    const a = muted.stem('A');
    for (let i = 0; i < mix[0].length; i += 97) expect(mix[0][i]).toBe(a[0][i]);
    // …and A is ducked exactly as when B is heard.
    for (let i = 0; i < a[0].length; i += 97) expect(a[0][i]).toBe(heard.stem('A')[0][i]);
    expect(reductionAt(a, 0.45)).toBeGreaterThan(10);
    // B's fader does not change the key either (pre-fader tap).
    const quiet = await renderWithStems(duck({ gainDb: -40 }), ['A']);
    expect(quiet.stem('A')[0][Math.round(0.45 * FS)]).toBe(a[0][Math.round(0.45 * FS)]);
  });

  it('soloing the keyed track silences the key track but keeps the ducking', async () => {
    const solo = await renderWithStems(duck({}, { solo: true }), ['A']);
    const a = solo.stem('A');
    expect(solo.mix[0][Math.round(0.45 * FS)]).toBe(a[0][Math.round(0.45 * FS)]);
    const expected = expectedReductionDb(db(0.5), THRESHOLD_DB, RATIO, 0);
    expect(Math.abs(reductionAt(a, 0.45) - expected)).toBeLessThan(0.1);
  });

  it("keys from a bus after the bus's inserts and before its (muted) fader", async () => {
    // B (0.5 = −6.02 dBFS) feeds a muted bus with a −6 dB trim: the key sits at −12.04 dBFS.
    const gain: ResolvedInsert = {
      type: 'gain',
      bypass: false,
      values: { gainDb: -6 },
      path: 'buses[0].inserts[0]',
    };
    const s = session({
      sources: { a: constant(A_LEVEL, 1), b: constant(0.5, 1) },
      tracks: [
        track('A', [clip('a', 1)], { inserts: [keyed('Key')] }),
        track('B', [clip('b', 1)], { output: 'Key' }),
      ],
      buses: [bus('Key', { inserts: [gain], mute: true, gainDb: -30 })],
    });
    const { mix, stem } = await renderWithStems(s, ['A']);
    const expected = expectedReductionDb(db(0.5) - 6, THRESHOLD_DB, RATIO, 0);
    expect(expected).toBeGreaterThan(5);
    expect(Math.abs(reductionAt(stem('A'), 0.8) - expected)).toBeLessThan(0.1);
    // The muted bus is not heard.
    expect(mix[0][Math.round(0.8 * FS)]).toBe(stem('A')[0][Math.round(0.8 * FS)]);
  });
});

describe('sidechain delay compensation', () => {
  // The key steps from silence to 0.5 at a frame off any block or chunk boundary. B carries a
  // latent insert; on the compensated timeline B's output (its stem) steps at the same frame,
  // and A must start ducking there too, not `latency` frames later.
  const stepFrame = Math.round(0.3 * FS) + 17;
  const latent: [string, ResolvedInsert][] = [
    [
      'linear-phase EQ',
      {
        type: 'eq',
        bypass: false,
        values: { phase: 'linear', bands: [{ type: 'bell', freqHz: 8000, gainDb: 2, q: 1 }] },
        path: 'tracks[1].inserts[0]',
      },
    ],
    [
      'limiter look-ahead',
      {
        type: 'limiter',
        bypass: false,
        values: { ceilingDbtp: -1, lookaheadMs: 5 },
        path: 'tracks[1].inserts[0]',
      },
    ],
  ];

  for (const [label, insert] of latent) {
    it(`ducking lines up with the key within 1 sample when the key track carries a ${label}`, async () => {
      const seconds = 0.8;
      const key = steps(seconds, [stepFrame / FS], [0.5]);
      const s = session({
        sources: { a: constant(A_LEVEL, seconds), b: key },
        tracks: [
          // Fastest attack, so ducking starts on the first key sample above the threshold.
          track('A', [clip('a', seconds)], {
            inserts: [keyed('B', { thresholdDb: -12, attackMs: 0.01 })],
          }),
          track('B', [clip('b', seconds)], { inserts: [insert] }),
        ],
      });
      const { stem, result } = await renderWithStems(s, ['A', 'B']);
      expect(result.latencyFrames).toBeGreaterThan(100); // the insert really is latent
      const firstAbove = (data: Float32Array, test: (x: number) => boolean) => data.findIndex(test);
      const threshold = 10 ** (-12 / 20);
      const keyOnset = firstAbove(stem('B')[0], (x) => Math.abs(x) > threshold);
      const duckOnset = firstAbove(stem('A')[0], (x) => -db(x / A_LEVEL) > 0.01);
      // B's compensated output steps where the source does (an exact delay for the limiter,
      // a short pre-ring for the EQ), and the ducking starts on the same sample.
      expect(Math.abs(keyOnset - stepFrame)).toBeLessThanOrEqual(1);
      expect(Math.abs(duckOnset - keyOnset)).toBeLessThanOrEqual(1);
      // Settled reduction: 0.5 is 5.98 dB above −12 dB, so 4.49 dB at 4:1.
      const expected = expectedReductionDb(db(0.5), -12, RATIO, 0);
      expect(Math.abs(reductionAt(stem('A'), 0.7) - expected)).toBeLessThan(0.1);
    });
  }

  it('a keyed track behind its own latent insert stays aligned with its key', async () => {
    // The latency sits on the keyed side: A's EQ delays A, the key must be delayed to match.
    const seconds = 0.8;
    const eq: ResolvedInsert = {
      ...latent[0][1],
      values: { phase: 'linear', bands: [{ type: 'bell', freqHz: 8000, gainDb: 0, q: 1 }] },
    };
    const s = session({
      sources: { a: constant(A_LEVEL, seconds), b: steps(seconds, [stepFrame / FS], [0.5]) },
      tracks: [
        track('A', [clip('a', seconds)], {
          inserts: [eq, { ...keyed('B', { thresholdDb: -12, attackMs: 0.01 }) }],
        }),
        track('B', [clip('b', seconds)]),
      ],
    });
    const { stem } = await renderWithStems(s, ['A']);
    const a = stem('A')[0];
    // Well after A's own fade-in through the EQ, ducking starts at the step.
    const from = Math.round(0.25 * FS);
    const duckOnset = from + a.subarray(from).findIndex((x) => -db(x / A_LEVEL) > 0.01);
    expect(Math.abs(duckOnset - stepFrame)).toBeLessThanOrEqual(1);
  });
});
