import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { designHalfBand, halfBandAmplitude } from '../../../src/dsp/nonlinear/half-band.js';
import {
  AUDIO_OVERSAMPLING,
  Oversampler,
  type OversamplingFactor,
} from '../../../src/dsp/nonlinear/oversampler.js';
import { binPowers, toDb, toneAmplitude } from './spectrum.js';

const FS = 48000;
const BLOCK = 256;
const FACTORS: OversamplingFactor[] = [2, 4, 8];
const EDGE = AUDIO_OVERSAMPLING.passbandEdge; // 0.4535·fs
/** Ripple of one pass through one stage (pass and stop band alike): 10^(−100/20). */
const DELTA = 10 ** (-AUDIO_OVERSAMPLING.stopbandDb / 20);

/** Runs `input` up through `o` (in blocks) and returns the top-rate signal. */
function upsampleAll(o: Oversampler, input: Float64Array): Float64Array {
  const out = new Float64Array(input.length * o.factor);
  const top = new Float64Array(BLOCK * o.factor);
  for (let p = 0; p < input.length; p += BLOCK) {
    o.upsample(0, input.subarray(p, p + BLOCK), BLOCK, top);
    out.set(top, p * o.factor);
  }
  return out;
}

function downsampleAll(o: Oversampler, top: Float64Array): Float64Array {
  const frames = top.length / o.factor;
  const out = new Float64Array(frames);
  const work = new Float64Array(BLOCK * o.factor);
  const base = new Float64Array(BLOCK);
  for (let p = 0; p < frames; p += BLOCK) {
    work.set(top.subarray(p * o.factor, (p + BLOCK) * o.factor));
    o.downsample(0, work, BLOCK, base);
    out.set(base, p);
  }
  return out;
}

function sine(frames: number, cyclesPerSample: number, amplitude = 1, phase = 0): Float64Array {
  const x = new Float64Array(frames);
  for (let i = 0; i < frames; i++)
    x[i] = amplitude * Math.sin(2 * Math.PI * cyclesPerSample * i + phase);
  return x;
}

describe('half-band design', () => {
  const d = designHalfBand(0.05, 100);

  it('is a half-band: centre ½, zeros at every even distance, symmetric, H(f) + H(½ − f) = 1', () => {
    expect(d.taps[d.centre]).toBe(0.5);
    for (let k = 2; k <= d.centre; k += 2) {
      expect(d.taps[d.centre + k]).toBe(0);
      expect(d.taps[d.centre - k]).toBe(0);
    }
    for (let k = 1; k <= d.centre; k++) expect(d.taps[d.centre + k]).toBe(d.taps[d.centre - k]);
    for (const f of [0, 0.05, 0.1, 0.2, 0.24]) {
      expect(halfBandAmplitude(d, f) + halfBandAmplitude(d, 0.5 - f)).toBeCloseTo(1, 12);
    }
  });

  it('the interpolating branch sums to exactly one (DC passes at unity)', () => {
    let sum = 0;
    for (const g of d.branch) sum += g;
    expect(sum).toBeCloseTo(1, 14);
  });
});

describe.each(FACTORS)('oversampler %i× (audio quality: flat to 0.4535·fs, 100 dB)', (factor) => {
  const stages = Math.log2(factor);
  // Every pass through a stage may scale a pass-band tone by up to 1 ± δ (equiripple bound).
  const roundTripBound = (1 + DELTA) ** (2 * stages) - 1;
  const upBound = (1 + DELTA) ** stages - 1;

  it('reports an integer latency', () => {
    const o = new Oversampler(factor, 1, BLOCK);
    expect(Number.isInteger(o.latency)).toBe(true);
  });

  it('pass band: tones up to 0.4535·fs pass within the ripple bound, up and round trip', () => {
    const N = 8192;
    let worstUpDb = 0;
    let worstTripDb = 0;
    for (const bin of [37, 410, 1100, 2200, 3100, 3600, Math.floor(EDGE * N)]) {
      const f = bin / N; // cycles per base sample: exactly on a bin of N
      const o = new Oversampler(factor, 1, BLOCK);
      const x = sine(2 * N, f);
      const top = upsampleAll(o, x);
      const up = toneAmplitude(top, N * factor, N * factor, f * FS, FS * factor);
      const back = downsampleAll(o, top);
      const trip = toneAmplitude(back, N, N, f * FS, FS);
      worstUpDb = Math.max(worstUpDb, Math.abs(toDb(up)));
      worstTripDb = Math.max(worstTripDb, Math.abs(toDb(trip)));
    }
    expect(worstUpDb).toBeLessThanOrEqual(toDb(1 + upBound));
    expect(worstTripDb).toBeLessThanOrEqual(toDb(1 + roundTripBound));
  });

  it('stop band: every image of a pass-band tone is ≥ 100 dB down at the top rate', () => {
    const N = 4096;
    let worst = Number.NEGATIVE_INFINITY;
    for (const bin of [101, 977, 1801]) {
      const o = new Oversampler(factor, 1, BLOCK);
      const top = upsampleAll(o, sine(2 * N, bin / N));
      const power = binPowers(top, N * factor, N * factor);
      const tone = power[bin];
      for (let k = 0; k < power.length; k++) {
        if (k !== bin) worst = Math.max(worst, 10 * Math.log10(power[k] / tone));
      }
    }
    expect(worst).toBeLessThanOrEqual(-100);
  });

  it('stop band: top-rate tones above 0.5465·fs fold back ≥ 100 dB down on the way down', () => {
    const N = 4096;
    let worst = Number.NEGATIVE_INFINITY;
    // Frequencies in units of the base rate, from just past the stop edge up to the top Nyquist.
    const tops = [0.55, 0.8, 1.2, 1.6, 2.3, 3.4, 3.95].filter((f) => f < factor / 2);
    for (const fTop of tops) {
      const bin = Math.round(fTop * N); // on a bin of the top-rate analysis too
      const o = new Oversampler(factor, 1, BLOCK);
      const top = sine(2 * N * factor, bin / (N * factor));
      const base = downsampleAll(o, top);
      const power = binPowers(base, N, N);
      let total = 0;
      for (const p of power) total += p;
      // Unit-amplitude sine: N²/4 in its bin had it passed at unity.
      worst = Math.max(worst, 10 * Math.log10(total / ((N * N) / 4)));
    }
    expect(worst).toBeLessThanOrEqual(-100);
  });

  it('round trip of a band-limited signal is the input delayed by the latency', () => {
    const prng = new Prng(7);
    const frames = 16384;
    const x = new Float64Array(frames);
    let amplitudeSum = 0;
    for (let k = 0; k < 40; k++) {
      const a = prng.uniform(0.005, 0.05);
      amplitudeSum += a;
      const f = prng.uniform(0.001, EDGE);
      const phase = prng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < frames; i++) x[i] += a * Math.sin(2 * Math.PI * f * i + phase);
    }
    const o = new Oversampler(factor, 1, BLOCK);
    const y = downsampleAll(o, upsampleAll(o, x));
    const L = o.latency;
    let worst = 0;
    // Skip the filters' start-up transient.
    for (let i = 4096; i < frames; i++) worst = Math.max(worst, Math.abs(y[i] - x[i - L]));
    expect(worst).toBeLessThanOrEqual(roundTripBound * amplitudeSum);
  });
});
