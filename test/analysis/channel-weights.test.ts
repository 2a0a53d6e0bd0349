/** BS.1770 channel weights (loudness.md §1.3): fronts 1.0, surrounds 1.41, LFE excluded. */
import { describe, expect, it } from 'vitest';
import { channelWeights } from '../../src/analysis/channel-weights.js';

const S = 1.41;

describe('channel weights', () => {
  it.each([
    [1, [1]],
    [2, [1, 1]],
    [3, [1, 1, 1]],
    [4, [1, 1, S, S]],
    [5, [1, 1, 1, S, S]],
    [6, [1, 1, 1, 0, S, S]],
    [7, [1, 1, 1, 0, 1, S, S]],
    [8, [1, 1, 1, 0, 1, 1, S, S]],
    [10, [1, 1, 1, 0, 1, 1, S, S, 1, 1]],
  ])('default map for %i channels', (count, expected) => {
    expect(Array.from(channelWeights(count))).toEqual(expected);
  });

  it('weights 5.1 surrounds 1.41 whether declared as back or side speakers', () => {
    expect(Array.from(channelWeights(6, 0x3f))).toEqual([1, 1, 1, 0, S, S]);
    expect(Array.from(channelWeights(6, 0x60f))).toEqual([1, 1, 1, 0, S, S]);
  });

  it('weights the rear pair of 7.1 (±135°) 1.0 and the sides (±90°) 1.41', () => {
    expect(Array.from(channelWeights(8, 0x63f))).toEqual([1, 1, 1, 0, 1, 1, S, S]);
  });

  it('follows the mask order, gives 1.0 past its bits, and 1.0 to centres and heights', () => {
    // FL FR LFE BC TFL, then two channels the mask does not cover.
    expect(Array.from(channelWeights(7, 0x1 | 0x2 | 0x8 | 0x100 | 0x1000))).toEqual([
      1, 1, 0, 1, 1, 1, 1,
    ]);
    // Only the first `count` positions of a larger mask apply.
    expect(Array.from(channelWeights(2, 0x3f))).toEqual([1, 1]);
  });

  it('refuses a channel count below one', () => {
    expect(() => channelWeights(0)).toThrow(RangeError);
  });
});
