import { describe, expect, it } from 'vitest';
import { valuesFromSettings } from '../../src/dsp/params.js';
import { balanceGains, panGains } from '../../src/dsp/utility/pan-law.js';
import { polarityProcessor } from '../../src/dsp/utility/polarity.js';
import { widthProcessor } from '../../src/dsp/utility/width.js';
import { noise, run } from './contract.js';

const db = (g: number) => 20 * Math.log10(g);

describe('pan laws at the centre and the extremes', () => {
  const at = (p: number, law: Parameters<typeof panGains>[1]) =>
    panGains(p, law, { left: 0, right: 0 });

  it('−3 dB constant power: −3.01 dB each side at centre, power constant everywhere', () => {
    const c = at(0, '-3dB');
    expect(db(c.left)).toBeCloseTo(-3.0103, 4);
    expect(db(c.right)).toBeCloseTo(-3.0103, 4);
    for (const p of [-1, -0.5, 0.3, 0.9, 1]) {
      const g = at(p, '-3dB');
      expect(g.left ** 2 + g.right ** 2).toBeCloseTo(1, 12);
    }
  });

  it('−6 dB linear: −6.02 dB each side at centre, amplitudes sum to one', () => {
    const c = at(0, '-6dB');
    expect(db(c.left)).toBeCloseTo(-6.0206, 4);
    for (const p of [-0.7, 0.2, 1]) {
      const g = at(p, '-6dB');
      expect(g.left + g.right).toBeCloseTo(1, 12);
    }
  });

  it('−4.5 dB: −4.52 dB each side at centre', () => {
    expect(db(at(0, '-4.5dB').left)).toBeCloseTo(-4.5154, 3);
  });

  it('linear (0 dB centre): unity at centre', () => {
    expect(at(0, 'linear')).toEqual({ left: 1, right: 1 });
  });

  for (const law of ['-3dB', '-4.5dB', '-6dB', 'linear'] as const) {
    it(`${law}: hard left and hard right put everything on one side at unity`, () => {
      const left = at(-1, law);
      const right = at(1, law);
      expect(left.left).toBeCloseTo(1, 12);
      expect(Math.abs(left.right)).toBeLessThan(1e-12);
      expect(right.right).toBeCloseTo(1, 12);
      expect(Math.abs(right.left)).toBeLessThan(1e-12);
    });
  }

  it('balance leaves a stereo signal untouched at centre and silences the far side at the extremes', () => {
    expect(balanceGains(0, '-3dB', { left: 0, right: 0 })).toEqual({ left: 1, right: 1 });
    const right = balanceGains(1, '-3dB', { left: 0, right: 0 });
    expect(right.right).toBe(1);
    expect(Math.abs(right.left)).toBeLessThan(1e-12);
  });
});

describe('width and polarity', () => {
  const spec = { sampleRate: 48000, maxBlockSize: 512, channels: 2 };

  it('width 0 % folds to mono (both sides equal the mid)', () => {
    const p = widthProcessor.create(valuesFromSettings(widthProcessor.params, { widthPercent: 0 }));
    p.prepare(spec);
    const input = noise(2, 4800, 1);
    const out = run(p, input, 512);
    for (let i = 0; i < 4800; i++) {
      const mid = (input[0][i] + input[1][i]) / 2;
      expect(out[0][i]).toBeCloseTo(mid, 6);
      expect(out[1][i]).toBeCloseTo(mid, 6);
    }
  });

  it('width 100 % is bit-transparent', () => {
    const p = widthProcessor.create(valuesFromSettings(widthProcessor.params, {}));
    p.prepare(spec);
    const input = noise(2, 4800, 2);
    expect(run(p, input, 512)).toEqual(input);
  });

  it('a signal plus its polarity-inverted copy cancels exactly', () => {
    const p = polarityProcessor.create(valuesFromSettings(polarityProcessor.params, {}));
    p.prepare(spec);
    const input = noise(2, 4800, 3);
    const out = run(p, input, 512);
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < 4800; i++) expect(out[c][i] + input[c][i]).toBe(0);
  });
});
