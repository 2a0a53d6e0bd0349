import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { CONTROL_FRAMES, FDN_LINES, FeedbackDelayNetwork } from '../../../src/dsp/time/fdn.js';
import { fdnDelayLengths } from '../../../src/dsp/time/fdn-lengths.js';

const fs = 48000;

/** The hall's network (size 85 %, 2.6 s, damping 50 % at 4.5 kHz, modulation 20 %). */
function hall(): FeedbackDelayNetwork {
  const shortest = (6 * 8 ** 0.85 * fs) / 1000;
  const network = new FeedbackDelayNetwork(9000, fs);
  network.configure({
    lengths: fdnDelayLengths(FDN_LINES, shortest, shortest * 3.2, 0x5eed),
    t60LowSeconds: 2.6,
    t60HighSeconds: 2.6 * 10 ** -0.5,
    crossoverHz: 4500,
    modulationSamples: 0.2 * 0.5e-3 * fs,
  });
  return network;
}

/** Runs `frames` frames (an impulse on both inputs at 0) in blocks of `size` or random. */
function render(network: FeedbackDelayNetwork, frames: number, size: number | 'random') {
  const left = new Float64Array(frames);
  const right = new Float64Array(frames);
  left[0] = 1;
  right[0] = 1;
  const prng = new Prng(5);
  for (let pos = 0; pos < frames; ) {
    const n = Math.min(frames - pos, size === 'random' ? 1 + Math.floor(prng.next() * 300) : size);
    network.process(left.subarray(pos, pos + n), right.subarray(pos, pos + n), n);
    pos += n;
  }
  return [left, right];
}

describe('feedback delay network', () => {
  it('computes the same in any blocks (pieces end on the control-period grid)', () => {
    const a = render(hall(), 3 * fs, 1024);
    const b = render(hall(), 3 * fs, 'random');
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < a[c].length; i++) {
        if (a[c][i] !== b[c][i]) throw new Error(`channel ${c}, frame ${i}`);
      }
    }
    expect(CONTROL_FRAMES).toBeGreaterThan(1);
  });

  it('a tail ends in exact zeros, not subnormals (−600 dB flush on the period grid)', () => {
    // 2.6 s per 60 dB: −600 dB after 26 s; the network's own (unflushed) outputs are then
    // exactly 0, where a Float32 tail left alone would still be in the subnormal range.
    const [left, right] = render(hall(), 30 * fs, 'random');
    for (let i = 29 * fs; i < 30 * fs; i++) {
      if (left[i] !== 0 || right[i] !== 0) throw new Error(`frame ${i}: ${left[i]}, ${right[i]}`);
    }
    expect(Math.abs(left[fs])).toBeGreaterThan(1e-6);
  });

  it('decays at the T60 its absorption gains set: the block-wise mixing stays lossless', () => {
    // Without modulation or damping, energy over a late second falls 60 dB per 2.6 s.
    const network = hall();
    network.configure({
      lengths: fdnDelayLengths(FDN_LINES, 1688, 1688 * 3.2, 0x5eed),
      t60LowSeconds: 2.6,
      t60HighSeconds: 2.6,
      crossoverHz: 4500,
      modulationSamples: 0,
    });
    const [left] = render(network, 4 * fs, 512);
    const energy = (from: number) => {
      let e = 0;
      for (let i = from; i < from + fs; i++) e += left[i] * left[i];
      return e;
    };
    const dbPerSecond = 10 * Math.log10(energy(2 * fs) / energy(fs));
    expect(Math.abs(dbPerSecond + 60 / 2.6)).toBeLessThan(0.5);
  });
});
