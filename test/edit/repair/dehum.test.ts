/**
 * De-hum against ground truth: synthetic mains hum (fundamental and harmonics at stated
 * peak levels and random phases) added to music and a −80 dBFS noise floor; 12 s at 48 kHz.
 *  - Removal at each line: |DTFT of the hum| over |DTFT of (output − clean)| at h·f0 over
 *    the whole clip, i.e. how far the line's own amplitude fell.
 *  - Music away from the lines: energy change between output and clean in every band
 *    [h·f0 + 10, (h+1)·f0 − 10) Hz that holds music (≥ 20 dB above the noise floor there).
 * The music keeps its partials ≥ 12 Hz from every multiple of 50 and 60 Hz: music exactly
 * on a hum line is hum to any remover (the line's DTFT cannot tell them apart), and with
 * partials 6 Hz away the residual measured at the line is the music's own content there.
 */
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import { Prng } from '../../../src/core/prng.js';
import { dehum } from '../../../src/edit/repair/dehum.js';
import { bandPower, differingSamples, dtft, powerSpectrum } from './measure.js';
import { percussion, tonalChords, voiceLike, whiteNoise } from './signals.js';

const FS = 48000;
const SECONDS = 12;
const HUM_LINES: number[] = [];
for (let h = 1; h <= 20; h++) HUM_LINES.push(50 * h, 60 * h);

const music = tonalChords(FS, SECONDS, 41, 0.5, 0.1, { hz: HUM_LINES, withinHz: 12 });
const floor = whiteNoise(music.length, 10 ** (-80 / 20), 42);

/** Hum with harmonic h at levelsDbfs[h − 1] (peak) and frequency h·f(t). */
function hum(fundamentalHz: (t: number) => number, levelsDbfs: number[], seed: number) {
  const prng = new Prng(seed);
  const out = new Float64Array(music.length);
  const phases = levelsDbfs.map(() => prng.uniform(0, 2 * Math.PI));
  let phase = 0;
  for (let n = 0; n < out.length; n++) {
    levelsDbfs.forEach((db, i) => {
      out[n] += 10 ** (db / 20) * Math.sin((i + 1) * phase + phases[i]);
    });
    phase += (2 * Math.PI * fundamentalHz(n / FS)) / FS;
  }
  return out;
}

function lineReductionsDb(
  humPart: Float64Array,
  out: Float32Array,
  clean: Float32Array,
  f0: number,
  count: number,
) {
  const residual = new Float64Array(out.length);
  for (let n = 0; n < out.length; n++) residual[n] = out[n] - clean[n];
  return Array.from({ length: count }, (_, i) => {
    const a = dtft(humPart, (i + 1) * f0, FS);
    const b = dtft(residual, (i + 1) * f0, FS);
    return 20 * Math.log10(Math.hypot(a.re, a.im) / Math.hypot(b.re, b.im));
  });
}

/** Largest |change| (dB) over the bands between lines that hold music. */
function worstBandChangeDb(out: Float32Array, clean: Float32Array, f0: number): number {
  const y = powerSpectrum(out, FS);
  const c = powerSpectrum(clean, FS);
  const n = powerSpectrum(floor, FS);
  let worst = 0;
  let bands = 0;
  for (let h = 0; (h + 1) * f0 < 4000; h++) {
    const lo = h * f0 + 10;
    const hi = (h + 1) * f0 - 10;
    if (bandPower(c, lo, hi) < 100 * bandPower(n, lo, hi)) continue;
    bands++;
    const change = 10 * Math.log10(bandPower(y, lo, hi) / bandPower(c, lo, hi));
    if (Math.abs(change) > Math.abs(worst)) worst = change;
  }
  expect(bands).toBeGreaterThan(10);
  return worst;
}

const withClean = (parts: Float64Array[]) => {
  const out = new Float32Array(music.length);
  for (let n = 0; n < out.length; n++) for (const p of parts) out[n] += p[n];
  return out;
};

describe('dehum: 50 Hz hum with 6 harmonics under music', () => {
  const levels = [-40, -46, -44, -52, -50, -56, -58];
  const humPart = hum(() => 50, levels, 43);
  const clean = withClean([music, floor]);
  const input = withClean([music, floor, humPart]);
  const result = dehum({ sampleRate: FS, channels: [input] });

  it('detects 50 Hz and the fundamental with its 6 harmonics', () => {
    console.info(`dehum 50 Hz: ${result.report.summary}`);
    expect(result.report.found).toBe(true);
    expect(result.report.mainsHz).toBe(50);
    expect(Math.abs((result.report.fundamentalHz ?? 0) - 50)).toBeLessThan(0.01);
    expect(result.report.detectedHarmonics).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Reported levels are the lines' RMS levels (peak − 3.01 dB) within 0.5 dB.
    result.report.removed.forEach((line, i) => {
      expect(Math.abs((line.levelDbfs ?? 0) - (levels[i] - 3.01))).toBeLessThan(0.5);
    });
  });

  it('removes ≥ 30 dB at the fundamental and every harmonic', () => {
    const reductions = lineReductionsDb(humPart, result.audio.channels[0], clean, 50, 7);
    console.info(
      `dehum 50 Hz removal per line (dB): ${reductions.map((r) => r.toFixed(1)).join(', ')}`,
    );
    for (const r of reductions) expect(r).toBeGreaterThanOrEqual(30);
  });

  it('changes music between the lines by < 0.25 dB', () => {
    const worst = worstBandChangeDb(result.audio.channels[0], clean, 50);
    console.info(`dehum 50 Hz: worst band change between lines ${worst.toFixed(3)} dB`);
    expect(Math.abs(worst)).toBeLessThan(0.25);
  });
});

describe('dehum: 60 Hz hum drifted to 59.7 Hz, stereo', () => {
  const levels = [-38, -45, -41, -50, -49, -55];
  const left = hum(() => 59.7, levels, 44);
  const right = hum(
    () => 59.7,
    levels.map((l) => l - 3),
    45,
  );
  const clean = withClean([music, floor]);
  const input: AudioData = {
    sampleRate: FS,
    channels: [withClean([music, floor, left]), withClean([music, floor, right])],
  };
  const result = dehum(input);

  it('detects 60 Hz at 59.7 Hz and removes ≥ 30 dB at every line on both channels', () => {
    console.info(`dehum 59.7 Hz: ${result.report.summary}`);
    expect(result.report.mainsHz).toBe(60);
    expect(Math.abs((result.report.fundamentalHz ?? 0) - 59.7)).toBeLessThan(0.01);
    [left, right].forEach((part, c) => {
      const reductions = lineReductionsDb(part, result.audio.channels[c], clean, 59.7, 6);
      console.info(
        `dehum 59.7 Hz channel ${c + 1} removal per line (dB): ${reductions.map((r) => r.toFixed(1)).join(', ')}`,
      );
      for (const r of reductions) expect(r).toBeGreaterThanOrEqual(30);
      expect(Math.abs(worstBandChangeDb(result.audio.channels[c], clean, 59.7))).toBeLessThan(0.25);
    });
  });
});

describe('dehum: a wandering mains frequency', () => {
  it('follows 50.2 ± 0.1 Hz (6 s period) and removes ≥ 30 dB of the hum energy', () => {
    const wander = (t: number) => 50.2 + 0.1 * Math.sin((2 * Math.PI * t) / 6);
    const humPart = hum(wander, [-40, -46, -44, -52, -50], 46);
    const clean = withClean([music, floor]);
    const result = dehum({ sampleRate: FS, channels: [withClean([music, floor, humPart])] });
    const y = result.audio.channels[0];
    let residual = 0;
    let energy = 0;
    for (let n = 0; n < y.length; n++) {
      residual += (y[n] - clean[n]) ** 2;
      energy += humPart[n] ** 2;
    }
    const reductionDb = 10 * Math.log10(energy / residual);
    const range = result.report.fundamentalRangeHz ?? [0, 0];
    console.info(
      `dehum wandering: ${result.report.summary} tracked ${range[0].toFixed(3)}–${range[1].toFixed(3)} Hz; hum energy down ${reductionDb.toFixed(1)} dB`,
    );
    expect(reductionDb).toBeGreaterThanOrEqual(30);
    expect(range[0]).toBeLessThan(50.13);
    expect(range[1]).toBeGreaterThan(50.27);
  });
});

describe('dehum: no hum, no change', () => {
  // Music in one key whose partials fall near a 49 Hz comb, a kick drum whose body sits at
  // 50 Hz on every beat, a voice, none of which is hum.
  const cases: [string, Float64Array][] = [
    ['chords', tonalChords(FS, SECONDS, 41, 0.5)],
    ['drums', percussion(FS, SECONDS, 5, 0.5)],
    ['voice', voiceLike(FS, SECONDS, 3, 0.5)],
  ];
  for (const [name, signal] of cases) {
    it(`${name}: reports no hum and returns the input bit for bit`, () => {
      const x = Float32Array.from(signal);
      const result = dehum({ sampleRate: FS, channels: [x] });
      expect(result.report.found).toBe(false);
      expect(result.report.changed).toBe(false);
      expect(result.report.summary).toMatch(/No mains hum found/);
      expect(differingSamples(result.audio.channels[0], x)).toBe(0);
    });
  }

  it('60 Hz hum under music in that key is still read as 60 Hz', () => {
    const inKey = tonalChords(FS, SECONDS, 41, 0.5);
    const humPart = hum(() => 60, [-45, -50, -48, -56], 47);
    const result = dehum({ sampleRate: FS, channels: [withClean([inKey, humPart])] });
    expect(result.report.mainsHz).toBe(60);
  });
});
