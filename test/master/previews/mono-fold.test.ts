import { describe, expect, it } from 'vitest';
import { monoFoldDown } from '../../../src/master/previews/index.js';
import { audibleBand, shapedNoise } from '../reference/signals.js';

/**
 * The mono fold-down check against constructed cases with known answers: a bass line whose
 * right channel is −0.5 times the left loses exactly 10·log10(0.25² / ((1 + 0.25)/2)) =
 * −10.0 dB in (L + R)/2; identical channels lose nothing; independent channels of equal level
 * lose 3.0 dB.
 */
const FS = 48000;
const FRAMES = 2 ** 18;
// Programme above 300 Hz only, so the bass band holds the bass line alone.
const upper = shapedNoise(
  FRAMES,
  FS,
  audibleBand((f) => (f < 300 ? -100 : 0)),
  71,
  -20,
);
const bass = Float32Array.from(
  { length: FRAMES },
  (_, i) => 0.3 * Math.sin((2 * Math.PI * 60 * i) / FS),
);

describe('mono fold-down', () => {
  it('flags an out-of-phase low end with the measured bass loss (−10.0 dB by construction)', () => {
    const left = upper.map((v, i) => v + bass[i]);
    const right = upper.map((v, i) => v - 0.5 * bass[i]);
    const check = monoFoldDown({ sampleRate: FS, channels: [left, right] });
    const expected = 10 * Math.log10(0.25 ** 2 / ((1 + 0.25) / 2));
    expect(expected).toBeCloseTo(-10, 1);
    expect(Math.abs(check.bassChangeDb - expected)).toBeLessThan(0.1);
    const warning = check.diagnostics.find((d) => d.code === 'mono-bass-cancellation');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/The bass \(20–120 Hz\) loses (9\.9|10\.0|10\.1) dB in mono/);
    expect(check.loudnessChangeDb).toBeLessThan(0);
  });

  it('finds nothing lost when both channels are the same', () => {
    const check = monoFoldDown({ sampleRate: FS, channels: [upper, upper.slice()] });
    expect(check.loudnessChangeDb).toBe(0);
    expect(check.bassChangeDb).toBeCloseTo(0, 9);
    expect(check.correlation).toBeCloseTo(1, 9);
    expect(check.diagnostics).toEqual([]);
  });

  it('reads −3.0 dB for independent channels of equal level', () => {
    const full = audibleBand(() => 0);
    const left = shapedNoise(FRAMES, FS, full, 72, -20);
    const right = shapedNoise(FRAMES, FS, full, 73, -20);
    const check = monoFoldDown({ sampleRate: FS, channels: [left, right] });
    expect(Math.abs(check.loudnessChangeDb + 3.01)).toBeLessThan(0.1);
    expect(Math.abs(check.bassChangeDb + 3.01)).toBeLessThan(0.5);
    expect(Math.abs(check.correlation ?? 1)).toBeLessThan(0.02);
  });

  it('flags anti-phase channels: everything cancels', () => {
    const check = monoFoldDown({ sampleRate: FS, channels: [upper, upper.map((v) => -v)] });
    expect(check.loudnessChangeDb).toBe(Number.NEGATIVE_INFINITY);
    expect(check.correlation).toBeCloseTo(-1, 9);
    expect(check.diagnostics.map((d) => d.code)).toContain('negative-correlation');
    expect(check.diagnostics.map((d) => d.code)).toContain('mono-loudness-loss');
  });
});
