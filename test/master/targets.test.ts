import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { findPlatform } from '../../src/master/platforms.js';
import { MASTERING_CONVENTIONS, resolveTarget, TARGET_PRESETS } from '../../src/master/targets.js';

/** Presets from the platform table (loudness.md §4) and the conventions beside it. */

function refusal(request: Parameters<typeof resolveTarget>[0]): string {
  try {
    resolveTarget(request);
  } catch (error) {
    expect(error).toBeInstanceOf(MixdownError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('mastering targets', () => {
  it('every preset resolves; normalising platforms take their figures from the platform table', () => {
    for (const preset of TARGET_PRESETS) {
      const target = resolveTarget({ preset });
      const platform = findPlatform(preset);
      const convention = MASTERING_CONVENTIONS.find((c) => c.id === preset);
      if (convention) {
        expect([target.lufs, target.ceilingDbtp, target.uncertain]).toEqual([
          convention.lufs,
          convention.ceilingDbtp,
          true,
        ]);
      } else {
        expect(target.lufs).toBe(platform?.targetLufs);
        expect(target.ceilingDbtp).toBe(platform?.ceilingDbtp);
      }
    }
  });

  it('the conventions for destinations that do not normalise: CD −9/−1, club −7/−0.5, SoundCloud −14/−1', () => {
    expect(
      ['cd', 'club', 'soundcloud']
        .map((preset) => resolveTarget({ preset }))
        .map((t) => [t.lufs, t.ceilingDbtp]),
    ).toEqual([
      [-9, -1],
      [-7, -0.5],
      [-14, -1],
    ]);
  });

  it('Spotify: a master louder than −14 LUFS gets a −2 dBTP ceiling; at −14 it keeps −1', () => {
    expect(resolveTarget({ preset: 'spotify' }).ceilingDbtp).toBe(-1);
    const loud = resolveTarget({ preset: 'spotify', lufs: -11 });
    expect(loud.ceilingDbtp).toBe(-2);
    expect(loud.decisions.join(' ')).toContain('louder than -14.0 LUFS gets a -2.0 dBTP ceiling');
    const insisted = resolveTarget({ preset: 'spotify', lufs: -11, ceilingDbtp: -1 });
    expect(insisted.ceilingDbtp).toBe(-1);
    expect(insisted.decisions.join(' ')).toContain('keeping the -1.0 dBTP you asked for');
  });

  it('explicit figures, the default target, and a mono podcast', () => {
    expect(resolveTarget({ lufs: -12, ceilingDbtp: -0.5 })).toMatchObject({
      lufs: -12,
      ceilingDbtp: -0.5,
      name: 'custom',
    });
    expect(resolveTarget({})).toMatchObject({ lufs: -14, ceilingDbtp: -1, preset: 'spotify' });
    expect(resolveTarget({ preset: 'podcast', channels: 1 }).lufs).toBe(-19);
  });

  it('refuses targets outside sane limits and unknown platforms, in one sentence', () => {
    expect(refusal({ lufs: -2 })).toBe(
      '--lufs must be between -40 and -3 LUFS (louder than that is only distortion), got -2.',
    );
    expect(refusal({ lufs: -45 })).toBe('--lufs must be between -40 and -3 LUFS, got -45.');
    expect(refusal({ lufs: -14, ceilingDbtp: 0.5 })).toBe(
      '--ceiling must be between -12 and 0 dBTP (a true peak above full scale clips on playback), got 0.5.',
    );
    expect(refusal({ preset: 'spotfy' })).toMatch(
      /^--target: unknown platform "spotfy"; choose from spotify, apple, .*; did you mean "spotify"\?$/,
    );
  });
});
