import { RealFft } from '../../../src/core/fft.js';
import { Prng } from '../../../src/core/prng.js';

/**
 * Test signals with spectra known by construction, and an independent band meter (one long
 * periodogram summed over exact third-octave bands), so matching is checked against the
 * shapes the signals were built with and not against the code's own analyser.
 */

/** Gaussian white noise from a seeded PRNG. */
export function whiteNoise(frames: number, seed: number): Float64Array {
  const prng = new Prng(seed);
  return Float64Array.from({ length: frames }, () => prng.gaussian());
}

/**
 * Noise whose amplitude spectrum follows `shapeDb(frequencyHz)` (dB), made by multiplying
 * the spectrum of white noise bin by bin (a circular filter: the result is periodic in
 * `frames`, which must be a power of two). Scaled to `rmsDb` dBFS.
 */
export function shapedNoise(
  frames: number,
  sampleRate: number,
  shapeDb: (frequencyHz: number) => number,
  seed: number,
  rmsDb = -20,
): Float32Array {
  const fft = new RealFft(frames);
  const spectrum = fft.createSpectrum();
  fft.forward(whiteNoise(frames, seed), spectrum);
  spectrum[0] = 0;
  spectrum[1] = 0;
  for (let k = 1; k <= frames / 2; k++) {
    const g = 10 ** (shapeDb((k * sampleRate) / frames) / 20);
    spectrum[2 * k] *= g;
    spectrum[2 * k + 1] *= g;
  }
  // RealFft.inverse reads the full complex spectrum: the upper half must mirror the lower.
  for (let k = 1; k < frames / 2; k++) {
    spectrum[2 * (frames - k)] = spectrum[2 * k];
    spectrum[2 * (frames - k) + 1] = -spectrum[2 * k + 1];
  }
  const time = new Float64Array(frames);
  fft.inverse(spectrum, time);
  let sum = 0;
  for (const v of time) sum += v * v;
  const scale = 10 ** (rmsDb / 20) / Math.sqrt(sum / frames);
  return Float32Array.from(time, (v) => v * scale);
}

/** Left/right from mid and side: L = M + S, R = M − S. */
export function fromMidSide(mid: Float32Array, side: Float32Array): Float32Array[] {
  return [mid.map((m, i) => m + side[i]), mid.map((m, i) => m - side[i])];
}

/**
 * A shape in dB that follows `shape` from 20 Hz to 20 kHz and falls 24 dB/octave outside,
 * so that a steep tilt does not put most of a signal's power below 20 Hz (where a few
 * random bins would rule its level).
 */
export function audibleBand(shape: (frequencyHz: number) => number) {
  return (f: number): number => {
    if (f < 20) return shape(20) - 24 * Math.log2(20 / f);
    if (f > 20_000) return shape(20_000) - 24 * Math.log2(f / 20_000);
    return shape(f);
  };
}

/** Base-2 third-octave centres 1000·2^(k/3) from about `loHz` to about `hiHz`. */
export function thirdOctaveCentres(loHz: number, hiHz: number): number[] {
  const out: number[] = [];
  for (let k = Math.round(3 * Math.log2(loHz / 1000)); ; k++) {
    const f = 1000 * 2 ** (k / 3);
    if (f > hiHz * (1 + 1e-9)) break;
    out.push(f);
  }
  return out;
}

/**
 * Power (dB) of `x` in each third-octave band [fc·2^(−1/6), fc·2^(1/6)), from one
 * periodogram of the whole signal (zero-padded to a power of two): an instrument that shares
 * nothing with the report's Welch spectrum. Signals are summed in power over channels.
 */
export function thirdOctaveLevelsDb(
  channels: readonly Float32Array[],
  sampleRate: number,
  centresHz: readonly number[],
): number[] {
  const n = 2 ** Math.ceil(Math.log2(channels[0].length));
  const fft = new RealFft(n);
  const spectrum = fft.createSpectrum();
  const power = new Float64Array(n / 2 + 1);
  for (const x of channels) {
    const padded = new Float64Array(n);
    padded.set(x);
    fft.forward(padded, spectrum);
    for (let k = 0; k <= n / 2; k++) power[k] += spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
  }
  return centresHz.map((fc) => {
    const lo = Math.ceil((fc * 2 ** (-1 / 6) * n) / sampleRate);
    const hi = Math.floor((fc * 2 ** (1 / 6) * n) / sampleRate - 1e-9);
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += power[k];
    return 10 * Math.log10(sum);
  });
}

/**
 * Expected third-octave levels (dB) of noise shaped by `shapeDb`, summed over the same bins
 * as thirdOctaveLevelsDb reads for `frames` samples: the shape's own band powers, free of
 * the randomness of any one noise signal (levels are relative: compare shapes).
 */
export function shapeLevelsDb(
  shapeDb: (frequencyHz: number) => number,
  frames: number,
  sampleRate: number,
  centresHz: readonly number[],
): number[] {
  const n = 2 ** Math.ceil(Math.log2(frames));
  return centresHz.map((fc) => {
    const lo = Math.ceil((fc * 2 ** (-1 / 6) * n) / sampleRate);
    const hi = Math.floor((fc * 2 ** (1 / 6) * n) / sampleRate - 1e-9);
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += 10 ** (shapeDb((k * sampleRate) / n) / 10);
    return 10 * Math.log10(sum);
  });
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Energy ratio of side to mid (dB) computed directly from L and R. */
export function sideToMidDbOf(left: Float32Array, right: Float32Array): number {
  let s = 0;
  let m = 0;
  for (let i = 0; i < left.length; i++) {
    m += ((left[i] + right[i]) / 2) ** 2;
    s += ((left[i] - right[i]) / 2) ** 2;
  }
  return 10 * Math.log10(s / m);
}
