import { describe, expect, it } from 'vitest';
import {
  type Assistance,
  analyzeMix,
  assistMastering,
} from '../../../src/master/assistant/index.js';
import {
  combineReferences,
  createProcessor,
  profileAudio,
} from '../../../src/master/reference/index.js';
import { shapedNoise } from '../reference/signals.js';
import { accented, bump, clipped, FRAMES, FS, lowExcess, stereoMix, withBursts } from './mixes.js';

/**
 * The assistant on mixes built with one known problem each (mixes.ts): it must answer each
 * with the right kind of move and sign, stay within a few dB, and leave a balanced mix with
 * nothing but the limiter.
 */
const target = { lufs: -14, ceilingDbtp: -1 };
const assist = (mix: Parameters<typeof analyzeMix>[0]) =>
  assistMastering(analyzeMix(mix), { target });

interface Band {
  type: string;
  freqHz: number;
  gainDb: number;
  q: number;
}
const eqBands = (a: Assistance): Band[] =>
  (a.chain.find((i) => i.type === 'eq')?.bands as Band[] | undefined) ?? [];
const types = (a: Assistance) => a.chain.map((i) => i.type);

function expectExplained(a: Assistance): void {
  expect(a.decisions.length).toBeGreaterThan(0);
  for (const d of a.decisions) {
    expect(d.reason.length).toBeGreaterThan(20);
    expect(d.reason).not.toContain('\n');
  }
  for (const band of eqBands(a)) expect(Math.abs(band.gainDb)).toBeLessThanOrEqual(3);
  expect(a.chain.at(-1)).toEqual({ type: 'limiter', ceilingDbtp: -1 });
  // Every insert is valid for its processor's declaration (what a chain file must be).
  a.chain.forEach((insert, i) => {
    createProcessor(insert, `chain[${i}]`);
  });
}

describe('mastering assistant', () => {
  it('leaves a balanced mix with nothing but the true-peak limiter', () => {
    const a = assist(stereoMix());
    expect(a.chain).toEqual([{ type: 'limiter', ceilingDbtp: -1 }]);
    const reasons = a.decisions.map((d) => d.reason).join('\n');
    expect(reasons).toMatch(/no EQ/);
    expect(reasons).toMatch(/no compression/);
    expect(reasons).toMatch(/no stereo processing/);
    expect(reasons).toMatch(/no de-esser/);
    expectExplained(a);
  });

  it('cuts the low end of a bass-heavy mix (+6 dB below 100 Hz)', () => {
    const a = assist(stereoMix({ extraDb: lowExcess(6, 100) }));
    const bands = eqBands(a);
    expect(bands).toHaveLength(1);
    expect(['lowshelf', 'bell']).toContain(bands[0].type);
    expect(bands[0].freqHz).toBeLessThanOrEqual(250);
    expect(bands[0].gainDb).toBeLessThan(0);
    expect(a.decisions.find((d) => d.stage === 'tonal')?.reason).toMatch(
      /^Low end \d\.\d dB above the balanced curve/,
    );
    expectExplained(a);
  });

  it('cuts a harsh +6 dB bump at 3 kHz with a bell near 3 kHz', () => {
    const a = assist(stereoMix({ extraDb: bump(6, 3000, 0.4) }));
    const bands = eqBands(a);
    expect(bands).toHaveLength(1);
    expect(bands[0].type).toBe('bell');
    expect(Math.abs(Math.log2(bands[0].freqHz / 3000))).toBeLessThan(1 / 3);
    expect(bands[0].gainDb).toBeLessThan(0);
    // Half-gain width of the bump: 2.35σ = 0.94 octave, Q = √r/(r − 1) ≈ 1.5.
    expect(bands[0].q).toBeGreaterThan(1);
    expect(bands[0].q).toBeLessThan(2.2);
    expectExplained(a);
  });

  it('lifts the top of a dull mix (−6 dB above 8 kHz) with a high shelf', () => {
    const a = assist(stereoMix({ extraDb: (f) => -6 / (1 + (8000 / f) ** 4) }));
    const bands = eqBands(a);
    expect(bands).toHaveLength(1);
    expect(bands[0].type).toBe('highshelf');
    expect(bands[0].gainDb).toBeGreaterThan(0);
    expect(bands[0].gainDb).toBeLessThanOrEqual(2);
    expectExplained(a);
  });

  it('makes a too-wide low end mono (side as loud as mid below 150 Hz)', () => {
    const a = assist(stereoMix({ sideDb: (f) => (f < 150 ? 0 : -12) }));
    const stereo = a.chain.find((i) => i.type === 'stereo');
    expect(stereo).toEqual({ type: 'stereo', monoBelowHz: 120 });
    expect(a.decisions.find((d) => d.stage === 'stereo')?.reason).toMatch(/^Low end wide/);
    expectExplained(a);
  });

  it('adds no compression to an over-compressed mix, and says why', () => {
    const a = assist(clipped(stereoMix(), 0.12));
    expect(types(a)).not.toContain('glue');
    expect(types(a)).not.toContain('compressor');
    expect(types(a)).not.toContain('multiband');
    expect(a.decisions.find((d) => d.stage === 'dynamics')?.reason).toMatch(/^Already dense/);
    expectExplained(a);
  });

  it('adds gentle glue when the target needs much less crest than a spiky mix has', () => {
    const mix = accented(stereoMix(), 12, 0.5, 0.03, -12);
    const analysis = analyzeMix(mix);
    const a = assistMastering(analysis, { target });
    const glue = a.chain.find((i) => i.type === 'glue');
    expect(glue).toBeDefined();
    expect(glue?.ratio).toBe('2');
    // Below the peaks (it must act on them) and no more than 6 dB below (2:1, ≤ 3 dB).
    expect(glue?.thresholdDb as number).toBeLessThan(analysis.dynamics.samplePeakDbfs);
    expect(glue?.thresholdDb as number).toBeGreaterThanOrEqual(
      analysis.dynamics.samplePeakDbfs - 6.05,
    );
    expectExplained(a);
  });

  it('de-esses a mix with sibilant 5–10 kHz bursts', () => {
    const burst = shapedNoise(FRAMES, FS, (f) => (f > 5000 && f < 10000 ? 0 : -80), 7, -34);
    const a = assist(withBursts(stereoMix(), burst, 0.6, 0.12));
    const deesser = a.chain.find((i) => i.type === 'deesser');
    expect(deesser).toMatchObject({ type: 'deesser', frequencyHz: 5000, mode: 'split' });
    expect(deesser?.rangeDb as number).toBeGreaterThan(0);
    expect(deesser?.rangeDb as number).toBeLessThanOrEqual(6);
    expectExplained(a);
  });

  it('judges against a reference instead of the balanced curve when given one', () => {
    // The reference is as bass-heavy as the mix: then the low end is not a problem.
    const heavy = stereoMix({ extraDb: lowExcess(6, 100), seed: 300 });
    const reference = combineReferences([{ profile: profileAudio(heavy) }]);
    const mix = stereoMix({ extraDb: lowExcess(6, 100) });
    const a = assistMastering(analyzeMix(mix), { target, reference });
    expect(eqBands(a)).toHaveLength(0);
    expect(a.tonal.against).toBe('reference');
    expect(a.decisions.map((d) => d.reason).join('\n')).toMatch(
      /within tolerance of the reference/,
    );
  });

  it('takes no stereo decisions on a mono mix', () => {
    const stereo = stereoMix();
    const a = assist({ sampleRate: FS, channels: [stereo.channels[0]] });
    expect(a.chain).toEqual([{ type: 'limiter', ceilingDbtp: -1 }]);
    expect(a.decisions.find((d) => d.stage === 'stereo')?.reason).toBe(
      'Mono mix: no stereo decisions.',
    );
  });
});
