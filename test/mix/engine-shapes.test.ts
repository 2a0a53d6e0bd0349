import { describe, expect, it } from 'vitest';
import type { ResolvedClip } from '../../src/session/resolved.js';
import { clip, constant, FS, lane, render, session, track } from './helpers.js';

// Shapes between the points: automation segments and clip fades, measured at points inside
// each segment against formulas written out here (the breakpoints alone cannot tell shapes apart).

const db = (linear: number): number => 20 * Math.log10(linear);

describe('automation segment shapes', () => {
  const fader = lane(
    'gainDb',
    [0.1, 1, 'exponential'], // positive → positive: geometric
    [0.3, 9, 'hold'],
    [0.5, -20, 'exponential'], // negative values: the fixed ease
    [0.7, -10],
  );

  /** The fader in dB at `seconds`, read from a constant 0.5 through the track. */
  const faderAt = async () => {
    const out = await render(
      session({
        sources: { a: constant(0.5, 1) },
        tracks: [track('A', [clip('a', 1)], { automation: [fader] })],
      }),
    );
    return (seconds: number) => db(out[0][Math.round(seconds * FS)] / 0.5);
  };

  it('exponential between positive values is geometric: v0·(v1/v0)^x', async () => {
    const at = await faderAt();
    // Geometric interpolation is linear in log(value): log v = (1 − x)·log v0 + x·log v1.
    const geometric = (x: number) => Math.exp((1 - x) * Math.log(1) + x * Math.log(9));
    for (const x of [0.25, 0.5, 0.75]) {
      expect(at(0.1 + 0.2 * x)).toBeCloseTo(geometric(x), 4);
    }
    // The midpoint is the geometric mean, 3 dB, not the arithmetic 5 dB.
    expect(at(0.2)).toBeCloseTo(3, 4);
  });

  it('hold keeps the point value over the whole segment and steps at the next point', async () => {
    const at = await faderAt();
    for (const s of [0.3, 0.35, 0.4, 0.45, 0.5 - 1 / FS]) expect(at(s)).toBeCloseTo(9, 4);
    expect(at(0.5)).toBeCloseTo(-20, 4);
  });

  it('exponential through non-positive values is the ease v0 + (v1 − v0)·(16^x − 1)/15', async () => {
    const at = await faderAt();
    // 16^x = 2^(4x): a curve of fixed steepness that starts flat and ends steep.
    const ease = (x: number) => -20 + 10 * ((16 ** x - 1) / 15);
    expect(ease(0.5)).toBeCloseTo(-18, 12);
    for (const x of [0.25, 0.5, 0.75]) expect(at(0.5 + 0.2 * x)).toBeCloseTo(ease(x), 4);
    // The end point is reached exactly, and held after the last point.
    expect(at(0.7)).toBeCloseTo(-10, 4);
    expect(at(0.8)).toBeCloseTo(-10, 4);
  });
});

describe('fade shapes', () => {
  // 4800-frame fades: sample i of an n-frame fade sits at x = (i + 0.5)/n (sample centres).
  const n = 4800;
  const clipFrames = FS;
  const centre = (i: number) => (i + 0.5) / n;
  // Exponential: 60 dB straight in dB, shifted so it starts at exactly 0: (1000^x − 1)/999.
  const exponentialIn = (x: number) => (Math.exp(x * Math.log(1000)) - 1) / 999;
  // S-curve: raised cosine, sin²(πx/2), flat at both ends.
  const sCurveIn = (x: number) => Math.sin((Math.PI * x) / 2) ** 2;

  const renderFades = (fadeIn: ResolvedClip['fadeIn'], fadeOut: ResolvedClip['fadeOut']) =>
    render(
      session({
        sources: { a: constant(1, 1) },
        tracks: [track('A', [clip('a', 1, { fadeIn, fadeOut })])],
      }),
    );

  const probes = [0, 1, 480, 1200, 2400, 3600, 4320, 4799];

  // Each fade-out is the mirror image of its fade-in: the s-curve's is cos²(πx/2).
  const formulas = {
    exponential: { in: exponentialIn, out: (x: number) => exponentialIn(1 - x) },
    's-curve': { in: sCurveIn, out: (x: number) => Math.cos((Math.PI * x) / 2) ** 2 },
  } as const;
  const pairs = [
    ['exponential', 's-curve'],
    ['s-curve', 'exponential'],
  ] as const;

  for (const [inShape, outShape] of pairs) {
    it(`${inShape} fade-in and ${outShape} fade-out follow their formulas`, async () => {
      const out = await renderFades(
        { seconds: n / FS, shape: inShape },
        { seconds: n / FS, shape: outShape },
      );
      for (const i of probes) {
        expect(out[0][i]).toBeCloseTo(formulas[inShape].in(centre(i)), 6);
        expect(out[1][clipFrames - n + i]).toBeCloseTo(formulas[outShape].out(centre(i)), 6);
      }
      // Untouched between the fades.
      expect(out[0][clipFrames / 2]).toBe(1);
    });
  }

  it('halfway, an exponential fade is about 30 dB down and an s-curve at −6 dB', async () => {
    const out = await renderFades(
      { seconds: n / FS, shape: 'exponential' },
      { seconds: n / FS, shape: 's-curve' },
    );
    expect(db(out[0][n / 2])).toBeLessThan(-29);
    expect(out[0][clipFrames - n / 2]).toBeCloseTo(0.5, 3);
  });

  it('an exponential fade rises in equal dB steps near its top', async () => {
    const out = await renderFades(
      { seconds: n / FS, shape: 'exponential' },
      { seconds: 0, shape: 'linear' },
    );
    // Where the offset of 1/999 no longer matters (the top 20 dB), each tenth of the fade adds
    // 20·log10(10^0.3) = 6.02 dB.
    for (const i of [3360, 3840, 4300]) {
      const step = db(out[0][i + 480]) - db(out[0][i]);
      expect(step).toBeGreaterThan(5.9);
      expect(step).toBeLessThan(6.1);
    }
  });
});
