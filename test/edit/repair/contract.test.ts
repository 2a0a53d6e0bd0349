/**
 * What every repair operation promises, checked for each one on damaged stereo material
 * (4 s at 44.1 kHz, with noise, hum, clicks and clipping all present so each operation has
 * work to do): same length, sample rate and channel count; no latency (the output's
 * cross-correlation with the input peaks at lag 0); identical output on a second run;
 * settings validated in one sentence; NaN refused.
 */
import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import { MixdownError } from '../../../src/core/errors.js';
import { describeParams, paramsSchemaProperties } from '../../../src/dsp/params.js';
import { findRepairOperation, REPAIR_OPERATIONS } from '../../../src/edit/repair/index.js';
import { insertClicks } from './damage.js';
import { crossCorrelation, differingSamples } from './measure.js';
import { tonalChords, voiceLike, whiteNoise } from './signals.js';

const FS = 44100;
const SECONDS = 4;

function damagedStereo(): AudioData {
  const left = tonalChords(FS, SECONDS, 61, 0.9);
  const right = voiceLike(FS, SECONDS, 62, 0.9);
  const channels = [left, right].map((signal, c) => {
    const noise = whiteNoise(signal.length, 0.003, 63 + c);
    const level = 0.6;
    const x = Float32Array.from(signal, (v, n) => {
      const hum =
        0.01 * Math.sin((2 * Math.PI * 50 * n) / FS) +
        0.005 * Math.sin((2 * Math.PI * 150 * n) / FS);
      return Math.max(-level, Math.min(level, v + noise[n] + hum));
    });
    insertClicks(x, 8, 64 + c);
    return x;
  });
  return { sampleRate: FS, channels };
}

const input = damagedStereo();

describe('repair operations: shared contract', () => {
  for (const op of REPAIR_OPERATIONS) {
    describe(op.id, () => {
      const first = op.run(input);

      it('keeps length, sample rate and channel count, and changes something', () => {
        expect(first.audio.sampleRate).toBe(FS);
        expect(first.audio.channels.length).toBe(2);
        for (const c of first.audio.channels) expect(c.length).toBe(input.channels[0].length);
        expect(first.report.operation).toBe(op.id);
        expect(first.report.changed).toBe(true);
        console.info(`${op.id}: ${first.report.summary}`);
      });

      it('adds no latency: output and input correlate best at lag 0', () => {
        first.audio.channels.forEach((y, c) => {
          const x = input.channels[c];
          const atZero = crossCorrelation(x, y, 0);
          expect(atZero).toBeGreaterThan(0.9);
          for (const lag of [-64, -8, -2, -1, 1, 2, 8, 64]) {
            expect(crossCorrelation(x, y, lag)).toBeLessThan(atZero);
          }
        });
      });

      it('is deterministic: a second run gives identical samples', () => {
        const second = op.run(input);
        second.audio.channels.forEach((y, c) => {
          expect(differingSamples(y, first.audio.channels[c])).toBe(0);
        });
      });

      it('refuses unknown settings and NaN samples with one plain sentence', () => {
        expect(() => op.run(input, { nonsense: 1 })).toThrow(MixdownError);
        expect(() => op.run(input, { nonsense: 1 })).toThrow(/"nonsense" is not a parameter/);
        const bad = { sampleRate: FS, channels: input.channels.map((c) => c.slice()) };
        bad.channels[1][100] = Number.NaN;
        let error: unknown;
        try {
          op.run(bad);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(MixdownError);
        expect((error as MixdownError).code).toBe('invalid-samples');
        expect((error as MixdownError).message).toMatch(/channel 2 holds NaN at sample 100/);
      });

      it('declares its settings as data (schema and help derive from them)', () => {
        const schema = paramsSchemaProperties(op.settings);
        expect(Object.keys(schema).length).toBeGreaterThan(0);
        expect(describeParams(op.settings).length).toBe(Object.keys(op.settings).length);
        expect(findRepairOperation(op.id)).toBe(op);
      });
    });
  }

  describe('edge cases', () => {
    for (const op of REPAIR_OPERATIONS) {
      it(`${op.id}: digital silence and a 100-sample clip come back the same length, silence unchanged`, () => {
        const silence: AudioData = {
          sampleRate: FS,
          channels: [new Float32Array(FS), new Float32Array(FS)],
        };
        const quiet = op.run(silence);
        quiet.audio.channels.forEach((c) => {
          expect(c.length).toBe(FS);
          expect(c.every((v) => v === 0)).toBe(true);
        });
        const tiny: AudioData = {
          sampleRate: FS,
          channels: [input.channels[0].slice(20_000, 20_100)],
        };
        const out = op.run(tiny);
        expect(out.audio.channels[0].length).toBe(100);
        expect(out.audio.channels[0].every(Number.isFinite)).toBe(true);
      });
    }
  });
});
