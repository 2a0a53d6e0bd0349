import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { dbToGain } from '../../../src/core/units.js';
import { clipperProcessor } from '../../../src/dsp/nonlinear/clipper.js';
import { AUDIO_OVERSAMPLING } from '../../../src/dsp/nonlinear/oversampler.js';
import { valuesFromSettings } from '../../../src/dsp/params.js';
import type { Processor } from '../../../src/dsp/processor.js';
import { run } from '../contract.js';
import { aliasingOf5kHz } from './aliasing.js';
import { harmonicTail } from './harmonics.js';

const FS = 48000;
const FLOAT_EPS = 2 ** -24;
const RIPPLE_4X = (1 + 10 ** (-AUDIO_OVERSAMPLING.stopbandDb / 20)) ** 4 - 1;
const PASSBAND_HZ = AUDIO_OVERSAMPLING.passbandEdge * FS;

function create(settings: Record<string, unknown>): Processor {
  const p = clipperProcessor.create(valuesFromSettings(clipperProcessor.params, settings));
  p.prepare({ sampleRate: FS, maxBlockSize: 512, channels: 1 });
  return p;
}

function sineInput(frames: number, frequencyHz: number, amplitude: number): Float32Array {
  const x = new Float32Array(frames);
  for (let i = 0; i < frames; i++)
    x[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / FS);
  return x;
}

/** The knee curve as documented: linear to c(1 − s), then a tanh segment towards c. */
function kneeCurve(ceiling: number, softness: number): (x: number) => number {
  const knee = ceiling * (1 - softness);
  const width = ceiling - knee;
  return (x) => {
    const a = Math.abs(x);
    if (a <= knee) return x;
    const y = width > 0 ? knee + width * Math.tanh((a - knee) / width) : ceiling;
    return Math.sign(x) * y;
  };
}

describe('clipper: static curve against its formula at 10 Hz', () => {
  const ceilingDb = -6;
  const c = dbToGain(ceilingDb);
  for (const softness of [0, 50, 100]) {
    const f = kneeCurve(c, softness / 100);

    it(`softness ${softness} %: exact at 1× (Float32 rounding)`, () => {
      const x = sineInput(FS, 10, 1);
      const y = run(create({ ceilingDb, softness, oversampling: '1x' }), [x], 512)[0];
      let worst = 0;
      for (let i = 0; i < FS; i++) worst = Math.max(worst, Math.abs(y[i] - f(x[i])));
      expect(worst).toBeLessThanOrEqual(FLOAT_EPS);
    });

    it(`softness ${softness} %: at 4×, within ripple and the band-limit of its harmonics`, () => {
      const x = sineInput(FS, 10, 1);
      const p = create({ ceilingDb, softness });
      const y = run(p, [x], 512)[0];
      const tolerance = RIPPLE_4X + harmonicTail(f, 1, 10, PASSBAND_HZ) + FLOAT_EPS;
      let worst = 0;
      for (let i = 4800; i < FS; i++) worst = Math.max(worst, Math.abs(y[i] - f(x[i - p.latency])));
      expect(worst).toBeLessThanOrEqual(tolerance);
    });
  }
});

describe('clipper: behaviour', () => {
  it('below the knee it is transparent: a band-limited signal comes back delayed', () => {
    // Ceiling −1 dB, softness 50 %: the knee is at −7 dB; the input peaks near −12 dB.
    const prng = new Prng(3);
    const frames = 16384;
    const x = new Float32Array(frames);
    let amplitudeSum = 0;
    for (let k = 0; k < 20; k++) {
      const a = 0.0125;
      amplitudeSum += a;
      const f = prng.uniform(20, 18000);
      const phase = prng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < frames; i++) x[i] += a * Math.sin((2 * Math.PI * f * i) / FS + phase);
    }
    const p = create({ ceilingDb: -1, softness: 50 });
    const y = run(p, [x], 512)[0];
    let worst = 0;
    for (let i = 4096; i < frames; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - p.latency]));
    expect(worst).toBeLessThanOrEqual(RIPPLE_4X * amplitudeSum + FLOAT_EPS);
  });

  it('a driven low tone peaks at the ceiling, within the band-limit of its harmonics', () => {
    for (const softness of [0, 25, 50]) {
      const c = dbToGain(-1);
      const drive = dbToGain(12);
      const p = create({ ceilingDb: -1, softness, inputGainDb: 12 });
      const y = run(p, [sineInput(FS / 2, 100, 1)], 512)[0];
      let peak = 0;
      for (let i = 4800; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
      const bound =
        c * (1 + RIPPLE_4X) + harmonicTail(kneeCurve(c, softness / 100), drive, 100, PASSBAND_HZ);
      expect(peak).toBeLessThanOrEqual(bound);
      expect(peak).toBeGreaterThan(c * 0.99);
    }
  });

  it('odd symmetry: a polarity-inverted input gives exactly the inverted output', () => {
    const x = sineInput(9600, 1234, 1);
    const a = run(create({ inputGainDb: 10 }), [x], 512)[0];
    const b = run(create({ inputGainDb: 10 }), [x.map((v) => -v)], 512)[0];
    for (let i = 0; i < x.length; i++) if (b[i] !== -a[i]) expect(b[i]).toBe(-a[i]);
  });

  it('oversampling 4× lowers audio-band aliasing of a 5 kHz tone driven 12 dB by over 20 dB', () => {
    for (const softness of [0, 50]) {
      const settings = { ceilingDb: -1, softness, inputGainDb: 12 };
      const direct = aliasingOf5kHz(create({ ...settings, oversampling: '1x' }));
      const oversampled = aliasingOf5kHz(create(settings));
      expect(oversampled.audioBandDb).toBeLessThan(direct.audioBandDb - 20);
    }
  });
});
