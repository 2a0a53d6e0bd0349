import { describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import type { ProcessSpec } from '../../../src/core/block.js';
import type { CreateContext } from '../../../src/dsp/processor.js';
import { convolutionProcessor, partitionSizeFor } from '../../../src/dsp/time/convolution.js';
import { resampleImpulseResponse } from '../../../src/dsp/time/ir-resample.js';
import { run } from '../contract.js';
import {
  directConvolution,
  randomImpulseResponse,
  randomSignal,
  relativeErrorDb,
} from './convolution-signals.js';
import { prepared } from './helpers.js';

const irContext = (path: string, audio: AudioData): CreateContext => ({
  files: new Map([[path, audio]]),
});
const spec = (channels: number, sampleRate = 48000): ProcessSpec => ({
  sampleRate,
  maxBlockSize: 512,
  channels,
});
const sum = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]);

describe('convolution reverb equals direct convolution', () => {
  const x = [randomSignal(12000, 31), randomSignal(12000, 32)];
  const irs = [0, 1, 2, 3].map((k) => randomImpulseResponse(3000, 40 + k));
  // Direct convolutions are the slow part of these tests: compute each pair once.
  const cache = new Map<string, Float64Array>();
  const direct = (input: number, ir: number): Float64Array => {
    const key = `${input}/${ir}`;
    let y = cache.get(key);
    if (!y) {
      y = directConvolution(x[input], irs[ir]);
      cache.set(key, y);
    }
    return y;
  };

  for (const zeroLatency of [true, false]) {
    const mode = zeroLatency ? 'zero latency' : 'partitions only';

    it(`${mode}: mono IR on stereo input, to −120 dB, latency as reported`, () => {
      const audio = { sampleRate: 48000, channels: [irs[0]] };
      const p = prepared(
        convolutionProcessor,
        { impulseResponse: 'ir.wav', zeroLatency },
        spec(2),
        irContext('ir.wav', audio),
      );
      expect(p.latency).toBe(zeroLatency ? 0 : partitionSizeFor(3000, false));
      const out = run(p, x, 'random');
      for (let c = 0; c < 2; c++) {
        const errorDb = relativeErrorDb(out[c], direct(c, 0), p.latency);
        expect(errorDb).toBeLessThan(-120);
      }
    });

    it(`${mode}: stereo IR (L→L, R→R) and true-stereo IR (4 paths), to −120 dB`, () => {
      const stereo = prepared(
        convolutionProcessor,
        { impulseResponse: 'st.wav', zeroLatency },
        spec(2),
        irContext('st.wav', { sampleRate: 48000, channels: irs.slice(0, 2) }),
      );
      const outStereo = run(stereo, x, 'random');
      for (let c = 0; c < 2; c++) {
        const expected = direct(c, c);
        expect(relativeErrorDb(outStereo[c], expected, stereo.latency)).toBeLessThan(-120);
      }
      const trueStereo = prepared(
        convolutionProcessor,
        { impulseResponse: 'ts.wav', zeroLatency },
        spec(2),
        irContext('ts.wav', { sampleRate: 48000, channels: irs }),
      );
      const out = run(trueStereo, x, 'random');
      // L_out = x_L * LL + x_R * RL; R_out = x_L * LR + x_R * RR.
      const left = sum(direct(0, 0), direct(1, 2));
      const right = sum(direct(0, 1), direct(1, 3));
      expect(relativeErrorDb(out[0], left, trueStereo.latency)).toBeLessThan(-120);
      expect(relativeErrorDb(out[1], right, trueStereo.latency)).toBeLessThan(-120);
    });
  }

  it('a mono track hears the mean of a stereo IR', () => {
    const p = prepared(
      convolutionProcessor,
      { impulseResponse: 'st.wav', zeroLatency: true },
      spec(1),
      irContext('st.wav', { sampleRate: 48000, channels: irs.slice(0, 2) }),
    );
    const mean = irs[0].map((v, i) => (v + irs[1][i]) / 2);
    const [out] = run(p, [x[0]], 333);
    expect(relativeErrorDb(out, directConvolution(x[0], mean))).toBeLessThan(-120);
  });

  for (const zeroLatency of [true, false]) {
    it(`mix, wet level, pre-delay (${zeroLatency ? 'zero latency' : 'dry delayed with the wet'}): (1−m)·x + m·g·(h * x) shifted by round(ms·fs/1000)`, () => {
      const p = prepared(
        convolutionProcessor,
        { impulseResponse: 'ir.wav', mix: 40, wetDb: -6, preDelayMs: 12.34, zeroLatency },
        spec(1),
        irContext('ir.wav', { sampleRate: 48000, channels: [irs[0]] }),
      );
      const [out] = run(p, [x[0]], 'random');
      const delay = 592; // 12.34 ms · 48 kHz = 592.32
      const wet = direct(0, 0);
      const g = 0.4 * 10 ** (-6 / 20);
      const expected = x[0].map((v, n) => 0.6 * v + (n >= delay ? g * wet[n - delay] : 0));
      // Without zero latency the whole output, dry included, is `latency` samples late.
      expect(relativeErrorDb(out, expected, p.latency)).toBeLessThan(-120);
    });
  }
});

describe('convolution reverb: impulse responses at another rate, and bad ones', () => {
  it('a 44.1 kHz IR at 48 kHz is resampled: output = the resampled IR, timing kept', () => {
    const ir = new Float32Array(3000);
    ir.set(randomImpulseResponse(2500, 50), 441); // starts after 10 ms at 44.1 kHz
    const p = prepared(
      convolutionProcessor,
      { impulseResponse: 'ir44.wav', zeroLatency: true },
      spec(1),
      irContext('ir44.wav', { sampleRate: 44100, channels: [ir] }),
    );
    const pulse = new Float32Array(4000);
    pulse[0] = 1;
    const [out] = run(p, [pulse], 512);
    const expected = resampleImpulseResponse(ir, 44100, 48000);
    expect(relativeErrorDb(out, expected.subarray(0, 4000))).toBeLessThan(-120);
    // 10 ms of silence stays 10 ms: nothing above −100 dB before sample 480 − kernel reach.
    let early = 0;
    for (let i = 0; i < 300; i++) early = Math.max(early, Math.abs(out[i]));
    expect(early).toBeLessThan(1e-5);
  });

  const cases: [string, CreateContext | undefined, RegExp][] = [
    ['', undefined, /no impulse response is set/],
    [
      'missing.wav',
      irContext('other.wav', { sampleRate: 48000, channels: [new Float32Array(8)] }),
      /"missing.wav" was not loaded/,
    ],
    [
      'three.wav',
      irContext('three.wav', {
        sampleRate: 48000,
        channels: [1, 2, 3].map(() => new Float32Array(8)),
      }),
      /"three.wav" has 3 channels/,
    ],
    [
      'empty.wav',
      irContext('empty.wav', { sampleRate: 48000, channels: [new Float32Array(0)] }),
      /"empty.wav" is empty/,
    ],
  ];
  for (const [path, context, message] of cases) {
    it(`refuses ${path || 'no path'} with a plain message`, () => {
      expect(() =>
        convolutionProcessor.create(
          { impulseResponse: path, mix: 100, wetDb: 0, preDelayMs: 0, zeroLatency: true },
          context,
        ),
      ).toThrow(message);
    });
  }
});
