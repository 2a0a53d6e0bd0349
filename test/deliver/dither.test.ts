import { describe, expect, it } from 'vitest';
import { reduceWordLength } from '../../src/deliver/word-length.js';
import { encodeAudio } from '../../src/io/index.js';
import { db, fitSines, rmsDifference, sine, welchPsd } from './helpers/spectrum.js';

/**
 * TPDF word-length reduction against the theory in loudness.md §6: the total error of TPDF
 * dither plus rounding has variance 1/12 + 2/12 = 1/4 LSB² whatever the signal, so its RMS is
 * 0.5 LSB (−96.33 dBFS at 16 bits, −144.49 dBFS at 24), it is white, and it carries no
 * harmonics of the signal. Undithered rounding, by contrast, loses a tone smaller than half an
 * LSB and turns a slightly larger one into a square-ish wave full of odd harmonics.
 *
 * Statistical bounds: for N samples the mean square of the error has a relative standard
 * deviation of √(Var(e²)/N)/E(e²) = √(0.1/N)/0.25 (e is the sum of a triangular and a
 * uniform variable: E(e⁴) = 0.1625 LSB⁴), 0.011 dB at N = 2^18 — the ±0.05 dB tolerance is
 * 4.5σ. A least-squares sine amplitude on white noise of RMS σ has standard deviation
 * σ·√(2/N); "not above the noise floor" is read as below 5 of those.
 */

const FS = 44100;
const N = 2 ** 18;
const LSB16 = 2 ** -15;
const TPDF_RMS_16_DBFS = 20 * Math.log10(0.5 * LSB16); // −96.33
const TPDF_RMS_24_DBFS = 20 * Math.log10(0.5 * 2 ** -23); // −144.49
const TONE_HZ = 1000;

const mono = (x: Float32Array) => ({ sampleRate: FS, channels: [x] });
const undithered16 = (x: Float32Array) => x.map((v) => Math.round(v * 32768) / 32768);
const amplitudesAt = (y: ArrayLike<number>, hz: number[]) => fitSines(y, 0, N, hz, FS);
/** Five standard deviations of a least-squares sine amplitude on white noise of `rms`. */
const noiseBound = (rms: number) => 5 * rms * Math.sqrt(2 / N);

describe('TPDF dither to 16 bits: a −100 dBFS 1 kHz tone', () => {
  const amplitude = 10 ** (-100 / 20); // 0.33 LSB: below half an LSB
  const x = sine(N, FS, TONE_HZ, amplitude);
  const { audio, clippedSamples } = reduceWordLength(mono(x), { bitDepth: 16, seed: 1 });
  const y = audio.channels[0];

  it('lands exactly on the 16-bit grid, unclipped', () => {
    expect(clippedSamples).toBe(0);
    const offGrid = y.filter((v) => {
      const code = v * 32768;
      return !Number.isInteger(code) || code < -32768 || code > 32767;
    });
    expect(offGrid.length).toBe(0);
  });

  it('has a total error of −96.33 dBFS RMS (±0.05 dB), the TPDF level', () => {
    const errorDbfs = 20 * Math.log10(rmsDifference(y, x));
    expect(Math.abs(errorDbfs - TPDF_RMS_16_DBFS)).toBeLessThan(0.05);
  });

  it('keeps the tone: its amplitude within ±0.25 dB, 20 dB above the noise in the spectrum', () => {
    const [toneAmplitude] = amplitudesAt(y, [TONE_HZ]);
    expect(Math.abs(20 * Math.log10(toneAmplitude / amplitude))).toBeLessThan(0.25);
    const psd = welchPsd(y, 16384, FS);
    const toneBin = Math.round(TONE_HZ / psd.binHz);
    const noiseBins: number[] = [];
    for (let k = Math.round(500 / psd.binHz); k < Math.round(2000 / psd.binHz); k++) {
      if (Math.abs(k - toneBin) > 4) noiseBins.push(psd.power[k]);
    }
    noiseBins.sort((a, b) => a - b);
    const medianNoise = noiseBins[noiseBins.length >> 1];
    expect(db(psd.power[toneBin] / medianNoise)).toBeGreaterThan(20);
  });

  it('adds no harmonics above the noise floor', () => {
    const bound = noiseBound(rmsDifference(y, x));
    for (const amplitudeAtHarmonic of amplitudesAt(y, [2000, 3000, 5000, 7000])) {
      expect(amplitudeAtHarmonic).toBeLessThan(bound);
    }
  });

  it('where plain rounding loses the tone altogether', () => {
    const rounded = undithered16(x);
    expect(rounded.every((v) => v === 0)).toBe(true);
    expect(amplitudesAt(rounded, [TONE_HZ])[0]).toBe(0);
  });
});

describe('TPDF dither to 16 bits: a −92 dBFS tone (0.8 LSB)', () => {
  const amplitude = 10 ** (-92 / 20);
  const x = sine(N, FS, TONE_HZ, amplitude);
  const y = reduceWordLength(mono(x), { bitDepth: 16, seed: 2 }).audio.channels[0];
  const rounded = undithered16(x);
  const harmonicsHz = [3000, 5000, 7000];

  it('plain rounding makes odd harmonics far above the dithered noise floor', () => {
    const bound = noiseBound(0.5 * LSB16);
    const distortion = amplitudesAt(rounded, harmonicsHz);
    // The third harmonic of a three-level wave is a large fraction of the fundamental.
    expect(distortion[0]).toBeGreaterThan(20 * bound);
  });

  it('dithered, the same harmonics stay below the noise bound', () => {
    const bound = noiseBound(rmsDifference(y, x));
    for (const a of amplitudesAt(y, harmonicsHz)) expect(a).toBeLessThan(bound);
  });
});

describe('TPDF dither: 24 bits, stereo, determinism, clipping', () => {
  it('reaches −144.49 dBFS RMS error at 24 bits (±0.05 dB), on the 24-bit grid', () => {
    const x = sine(N, FS, 997, 0.1);
    const y = reduceWordLength(mono(x), { bitDepth: 24, seed: 3 }).audio.channels[0];
    expect(Math.abs(20 * Math.log10(rmsDifference(y, x)) - TPDF_RMS_24_DBFS)).toBeLessThan(0.05);
    expect(y.every((v) => Number.isInteger(v * 2 ** 23))).toBe(true);
  });

  it('gives each channel its own dither (error correlation |r| < 0.01)', () => {
    const x = sine(N, FS, 440, 0.01);
    const { channels } = reduceWordLength(
      { sampleRate: FS, channels: [x, x] },
      { bitDepth: 16, seed: 4 },
    ).audio;
    const e0 = channels[0].map((v, i) => v - x[i]);
    const e1 = channels[1].map((v, i) => v - x[i]);
    let s01 = 0;
    let s00 = 0;
    let s11 = 0;
    for (let i = 0; i < N; i++) {
      s01 += e0[i] * e1[i];
      s00 += e0[i] * e0[i];
      s11 += e1[i] * e1[i];
    }
    expect(Math.abs(s01 / Math.sqrt(s00 * s11))).toBeLessThan(0.01);
  });

  it('is deterministic: the same seed gives identical samples and bytes, another seed does not', async () => {
    const x = sine(44100, FS, 1000, 0.25);
    const run = (seed: number) => reduceWordLength(mono(x), { bitDepth: 16, seed }).audio;
    const a = run(9);
    const b = run(9);
    const c = run(10);
    expect(a.channels[0]).toEqual(b.channels[0]);
    expect(a.channels[0]).not.toEqual(c.channels[0]);
    const options = { format: 'wav', sampleRate: FS, channels: 1, bitDepth: 16 } as const;
    expect(
      Buffer.from(await encodeAudio(a, options)).equals(Buffer.from(await encodeAudio(b, options))),
    ).toBe(true);
  });

  it('clips to the largest code and counts it, instead of wrapping', () => {
    const x = new Float32Array(1000).fill(1);
    const { audio, clippedSamples } = reduceWordLength(mono(x), { bitDepth: 16, seed: 5 });
    expect(Math.max(...audio.channels[0])).toBe(32767 / 32768);
    expect(clippedSamples).toBeGreaterThan(0);
  });

  it('refuses word lengths other than 16 and 24', () => {
    expect(() =>
      reduceWordLength(mono(new Float32Array(4)), { bitDepth: 32 as 16, seed: 1 }),
    ).toThrow(/16 or 24 bits/);
  });
});
