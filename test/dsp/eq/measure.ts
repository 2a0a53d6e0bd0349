import { RealFft } from '../../../src/core/fft.js';
import type * as P from '../../../src/dsp/eq/analog-prototypes.js';
import {
  butterworthHighpassMagnitudeSquared,
  butterworthLowpassMagnitudeSquared,
} from '../../../src/dsp/eq/butterworth.js';

/** Helpers shared by the EQ tests: the analog targets written out, and an FFT of an IR. */

export interface BandCase {
  type: P.BandType;
  freqHz: number;
  gainDb: number;
  q: number;
  sections: number;
}

/**
 * The design target in dB at `f` Hz, straight from the analog transfer functions
 * (re-derived here from the formulas in analog-prototypes.ts' header, not from its helpers,
 * so a mistake in those would show).
 */
export function targetDb(b: BandCase, f: number): number {
  const A = 10 ** (b.gainDb / 40);
  const x = f / b.freqHz; // s/w0 on the jΩ axis, normalised
  const mag2 = (nr: number, ni: number, dr: number, di: number) =>
    (nr * nr + ni * ni) / (dr * dr + di * di);
  const q = b.q;
  let m2: number;
  switch (b.type) {
    case 'bell':
      m2 = mag2(1 - x * x, (A / q) * x, 1 - x * x, x / (A * q));
      break;
    case 'lowshelf':
      m2 = A * A * mag2(A - x * x, (Math.sqrt(A) / q) * x, 1 - A * x * x, (Math.sqrt(A) / q) * x);
      break;
    case 'highshelf':
      m2 = A * A * mag2(1 - A * x * x, (Math.sqrt(A) / q) * x, A - x * x, (Math.sqrt(A) / q) * x);
      break;
    case 'notch':
      m2 = mag2(1 - x * x, 0, 1 - x * x, x / q);
      break;
    case 'bandpass':
      m2 = mag2(0, x / q, 1 - x * x, x / q);
      break;
    case 'lowpass':
      m2 = butterworthLowpassMagnitudeSquared(x, b.sections);
      break;
    case 'highpass':
      m2 = butterworthHighpassMagnitudeSquared(x, b.sections);
      break;
  }
  return 10 * Math.log10(m2);
}

export function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * (to / from) ** (i / (count - 1)));
}

/** Magnitude in dB of a real signal's DFT at bin k (size = power of two ≥ signal). */
export function spectrumDb(signal: Float32Array | Float64Array, size: number): Float64Array {
  const fft = new RealFft(size);
  const input = new Float64Array(size);
  input.set(signal.subarray(0, Math.min(size, signal.length)));
  const spec = fft.createSpectrum();
  fft.forward(input, spec);
  const out = new Float64Array(size / 2 + 1);
  for (let k = 0; k <= size / 2; k++) {
    out[k] = 10 * Math.log10(spec[2 * k] ** 2 + spec[2 * k + 1] ** 2);
  }
  return out;
}
