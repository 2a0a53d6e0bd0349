import { describe, expect, it } from 'vitest';
import { TruePeakMeter } from '../../../src/analysis/true-peak.js';
import { dbToGain, gainToDb } from '../../../src/core/units.js';
import { limiterProcessor } from '../../../src/dsp/nonlinear/limiter.js';
import { valuesFromSettings } from '../../../src/dsp/params.js';
import type { Processor } from '../../../src/dsp/processor.js';
import { run } from '../contract.js';
import { bandLimited, MATERIALS, type Material } from './material.js';
import { bandLimitedPeak } from './reference-true-peak.js';

function create(settings: Record<string, unknown>, sampleRate: number, channels = 2): Processor {
  const p = limiterProcessor.create(valuesFromSettings(limiterProcessor.params, settings));
  p.prepare({ sampleRate, maxBlockSize: 512, channels });
  return p;
}

/** Runs the material through, followed by enough silence to flush the look-ahead. */
function limit(p: Processor, channels: Float32Array[]): Float32Array[] {
  const padded = channels.map((x) => {
    const y = new Float32Array(x.length + p.latency + 64);
    y.set(x);
    return y;
  });
  return run(p, padded, 512);
}

/** The project's true-peak analyser (verification grade) at `oversampling`×, in dBTP. */
function meterDbtp(channels: Float32Array[], sampleRate: number, oversampling: number): number {
  const meter = new TruePeakMeter({ sampleRate, channels: channels.length, oversampling });
  meter.push(channels, channels[0].length);
  return gainToDb(Math.max(...meter.result().truePeaks));
}

const PUSH_DB = 12;

describe('limiter: output true peak never exceeds the ceiling on hard material', () => {
  // Detection is 8×; the analyser reads at 16×, the ideal reference at 16× by FFT.
  for (const sampleRate of [44100, 48000]) {
    for (const ceilingDbtp of [-1, -0.1]) {
      for (const make of MATERIALS) {
        const material = make(sampleRate);
        it(`${sampleRate} Hz, ${ceilingDbtp} dBTP, ${material.name} +${PUSH_DB} dB: analyser at 16×`, () => {
          const p = create({ ceilingDbtp, inputGainDb: PUSH_DB }, sampleRate);
          const out = limit(p, material.channels);
          const inputDbtp = meterDbtp(material.channels, sampleRate, 16) + PUSH_DB;
          expect(inputDbtp).toBeGreaterThan(ceilingDbtp + PUSH_DB - 1); // it really is pushed
          expect(meterDbtp(out, sampleRate, 16)).toBeLessThanOrEqual(ceilingDbtp);
        });
      }
    }
  }

  for (const sampleRate of [44100, 48000]) {
    for (const make of MATERIALS) {
      // Ideal reconstruction agrees with every good meter only below ~0.45·fs; nearer Nyquist,
      // meters legitimately differ (see true-peak-detector.ts), so the ideal check runs on the
      // same material with nothing above 0.47·fs.
      const material: Material = bandLimited(make(sampleRate), 0.47, sampleRate);
      it(`${sampleRate} Hz, −0.1 dBTP, ${material.name}: ideal band-limited reconstruction at 16×`, () => {
        const p = create({ ceilingDbtp: -0.1, inputGainDb: PUSH_DB }, sampleRate);
        const out = limit(p, material.channels);
        const peak = Math.max(...out.map((x) => bandLimitedPeak(x, 16)));
        expect(gainToDb(peak)).toBeLessThanOrEqual(-0.1);
      });
    }
  }

  it('48 kHz, −1 dBTP, clipped drums: analyser at 32× as well', () => {
    const material = MATERIALS[2](48000);
    const out = limit(create({ inputGainDb: 15 }, 48000), material.channels);
    expect(meterDbtp(out, 48000, 32)).toBeLessThanOrEqual(-1);
  });
});

describe('limiter: behaviour', () => {
  const FS = 48000;

  it('material well below the ceiling comes out bit-exact, delayed by the reported latency', () => {
    const material = MATERIALS[3](FS);
    const quiet = material.channels.map((x) => x.map((v) => v * dbToGain(-20)));
    const p = create({ ceilingDbtp: -1 }, FS);
    const out = limit(p, quiet);
    let differences = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < out[c].length; i++) {
        const j = i - p.latency;
        const expected = j >= 0 && j < quiet[c].length ? quiet[c][j] : 0;
        if (out[c][i] !== expected) differences++;
      }
    }
    expect(differences).toBe(0);
  });

  it('input gain scales quiet material exactly like a gain', () => {
    const x = MATERIALS[3](FS).channels.map((v) => v.map((s) => s * dbToGain(-30)));
    const p = create({ inputGainDb: 6 }, FS);
    const out = limit(p, x);
    const g = dbToGain(6);
    let worst = 0;
    for (let i = 0; i < x[0].length; i++) {
      worst = Math.max(
        worst,
        Math.abs(out[0][i + p.latency] - x[0][i] * g) / Math.abs(x[0][i] * g || 1),
      );
    }
    expect(worst).toBeLessThanOrEqual(2 ** -24);
  });

  describe('on a 0.1 DC floor with one +6 dB sample (gain = output / delayed input)', () => {
    const lookaheadMs = 2;
    const S = Math.round((lookaheadMs / 1000) * FS);
    const at = 4800;
    const x = new Float32Array(9600).fill(0.1);
    x[at] = 2;
    const p = create({ ceilingDbtp: -1, lookaheadMs }, FS, 1);
    const y = limit(p, [x])[0];
    const gain = (i: number) => y[i + p.latency] / x[i];

    it('the peak comes out at the ceiling, less only the stated detector margin (< 0.01 dB)', () => {
      const peakDb = gainToDb(y[at + p.latency]);
      expect(peakDb).toBeLessThanOrEqual(-1);
      expect(peakDb).toBeGreaterThan(-1.01);
    });

    it('the gain starts falling no earlier than the look-ahead (+0.1 ms) before the peak and only falls until it', () => {
      const early = S + Math.round(0.0001 * FS);
      let reducedTooEarly = 0;
      let rising = 0;
      for (let i = 0; i < at - early; i++) if (gain(i) !== 1) reducedTooEarly++;
      for (let i = at - early; i < at; i++) if (gain(i + 1) > gain(i)) rising++;
      expect(reducedTooEarly).toBe(0);
      expect(rising).toBe(0);
      expect(gain(at - S + 2)).toBeLessThan(1);
    });
  });

  describe('release', () => {
    /** Time constant of the gain's recovery (in dB) between t1 and t2 ms after a burst ends. */
    function releaseTimeMs(
      settings: Record<string, unknown>,
      burstMs: number,
      t1: number,
      t2: number,
    ) {
      const a = Math.round(0.1 * FS);
      const b = a + Math.round((burstMs / 1000) * FS);
      const x = new Float32Array(b + FS);
      for (let i = 0; i < x.length; i++) x[i] = i >= a && i < b ? 2 : 0.1;
      const p = create({ ceilingDbtp: -1, ...settings }, FS, 1);
      const y = limit(p, [x])[0];
      const logGain = (ms: number) => {
        const i = b + Math.round((ms / 1000) * FS);
        return Math.log(y[i + p.latency] / x[i]);
      };
      return (t2 - t1) / Math.log(logGain(t1) / logGain(t2));
    }

    for (const releaseMs of [30, 100, 400]) {
      it(`fixed ${releaseMs} ms: the reduction in dB falls by 1/e every ${releaseMs} ms (within 1 %)`, () => {
        const measured = releaseTimeMs(
          { releaseMs, adaptiveRelease: false },
          100,
          20,
          20 + releaseMs,
        );
        expect(measured / releaseMs).toBeGreaterThan(0.99);
        expect(measured / releaseMs).toBeLessThan(1.01);
      });
    }

    it('adaptive: an isolated 5 ms burst releases near half the set time, a 2 s one near twice it', () => {
      const transient = releaseTimeMs({ releaseMs: 100, adaptiveRelease: true }, 5, 10, 40);
      const sustained = releaseTimeMs({ releaseMs: 100, adaptiveRelease: true }, 2000, 10, 40);
      expect(transient).toBeGreaterThanOrEqual(50);
      expect(transient).toBeLessThan(60);
      expect(sustained).toBeGreaterThan(180);
      expect(sustained).toBeLessThanOrEqual(200);
    });
  });

  describe('stereo link', () => {
    const frames = 9600;
    const left = new Float32Array(frames).fill(0.1);
    const right = new Float32Array(frames).fill(-0.2);
    for (let i = 4000; i < 4200; i++) left[i] = 1.5;

    it('linked: the quiet channel follows the loud one’s gain', () => {
      const p = create({ ceilingDbtp: -1 }, FS);
      const [l, r] = limit(p, [left, right]);
      let reduced = 0;
      let worst = 0;
      for (let i = 0; i < frames; i++) {
        const gl = l[i + p.latency] / left[i];
        const gr = r[i + p.latency] / right[i];
        worst = Math.max(worst, Math.abs(gl - gr));
        if (gl < 0.99) reduced++;
      }
      expect(worst).toBeLessThan(1e-6);
      expect(reduced).toBeGreaterThan(200);
    });

    it('unlinked: the quiet channel passes untouched', () => {
      const p = create({ ceilingDbtp: -1, stereoLink: false }, FS);
      const [, r] = limit(p, [left, right]);
      let changed = 0;
      for (let i = 0; i < frames; i++) if (r[i + p.latency] !== right[i]) changed++;
      expect(changed).toBe(0);
    });
  });

  it('reports its latency: look-ahead plus the detector delay, and a quiet click comes out exactly there', () => {
    for (const sampleRate of [44100, 48000, 96000]) {
      for (const lookaheadMs of [1, 2, 5]) {
        const p = create({ lookaheadMs }, sampleRate, 1);
        const x = new Float32Array(2048);
        x[100] = 0.25;
        const y = limit(p, [x])[0];
        expect(y[100 + p.latency]).toBe(0.25);
        expect(p.latency).toBeGreaterThanOrEqual(Math.round((lookaheadMs / 1000) * sampleRate));
      }
    }
  });
});
