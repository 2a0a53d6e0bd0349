import { RealFft } from '../../../src/core/fft.js';
import { Prng } from '../../../src/core/prng.js';
import type * as P from '../../../src/dsp/eq/analog-prototypes.js';
import { BandDesigner, COMPLETE_DESIGN } from '../../../src/dsp/eq/band-design.js';
import {
  butterworthHighpassMagnitudeSquared,
  butterworthLowpassMagnitudeSquared,
  butterworthSectionQ,
} from '../../../src/dsp/eq/butterworth.js';
import { stageMagnitudeSquared } from '../../../src/dsp/eq/section-runner.js';

/**
 * Helpers shared by the EQ tests: the requirement, the analog targets written out, the
 * designed magnitude from the coefficients, and spectra of signals.
 */

/** The requirement: |designed − analog| ≤ 0.1 dB from DC to 0.45·fs where the target > −60 dB. */
export const TOLERANCE_DB = 0.1;
export const FLOOR_DB = -60;
export const SPEC_TOP = 0.45;
export const RATES = [44100, 48000, 96000];
/** The declared range (eq-params.ts) and the cap the designs apply. */
export const MIN_FREQ_HZ = 10;
export const MAX_FREQ_HZ = 22000;
export const MAX_DESIGN_FRACTION = 0.49;

export interface BandCase {
  type: P.BandType;
  freqHz: number;
  gainDb: number;
  q: number;
  /** Butterworth sections of a highpass/lowpass (slope / 12 dB per octave); else 1. */
  sections: number;
}

/**
 * The design target in dB at `f` Hz, straight from the analog transfer functions
 * (re-derived here from the formulas in analog-prototypes.ts' header, not from its helpers,
 * so a mistake in those would show). The centre is capped at 0.49·fs as the EQ caps it.
 */
export function targetDb(b: BandCase, f: number, sampleRate: number): number {
  const A = 10 ** (b.gainDb / 40);
  const x = f / Math.min(b.freqHz, MAX_DESIGN_FRACTION * sampleRate); // s/w0 on the jΩ axis
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

/**
 * The slowest decay of the analog band's impulse response, in nepers per sample: the
 * smallest |Re s| over its poles (a signal through it needs ~16/σ samples to settle to
 * −140 dB).
 */
export function slowestDecay(b: BandCase, sampleRate: number): number {
  const w0 = (2 * Math.PI * Math.min(b.freqHz, MAX_DESIGN_FRACTION * sampleRate)) / sampleRate;
  const A = 10 ** (b.gainDb / 40);
  // Denominators a·s² + d·s + c in s/w0, from the same formulas as targetDb.
  const slowest = (a: number, d: number, c: number) => {
    const disc = d * d - 4 * a * c;
    if (disc < 0) return d / (2 * a);
    return (d - Math.sqrt(disc)) / (2 * a); // the real root nearer 0
  };
  switch (b.type) {
    case 'bell':
      return w0 * slowest(1, 1 / (A * b.q), 1);
    case 'lowshelf':
      return w0 * slowest(A, Math.sqrt(A) / b.q, 1);
    case 'highshelf':
      return w0 * slowest(1, Math.sqrt(A) / b.q, A);
    case 'notch':
    case 'bandpass':
      return w0 * slowest(1, 1 / b.q, 1);
    case 'lowpass':
    case 'highpass': {
      let s = Number.POSITIVE_INFINITY;
      for (let k = 0; k < b.sections; k++) {
        s = Math.min(s, slowest(1, 1 / butterworthSectionQ(k, b.sections), 1));
      }
      return w0 * s;
    }
  }
}

export function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * (to / from) ** (i / (count - 1)));
}

/**
 * Where the requirement is checked: 64 log-spaced frequencies from 10 Hz to 0.45·fs, and 32
 * evenly spaced over 0.25…0.45·fs, where a digital section departs most from its prototype.
 */
export function checkFrequencies(sampleRate: number): number[] {
  const top = SPEC_TOP * sampleRate;
  const linear = Array.from(
    { length: 32 },
    (_, i) => top * (0.25 / 0.45 + (0.2 / 0.45) * (i / 31)),
  );
  return [...logSpaced(MIN_FREQ_HZ, top, 64), ...linear];
}

/**
 * Stages of a band as the EQ designs them for settled settings, 9 coefficients each:
 * [b0, b1, b2, b3, b4, a1, a2, a3, a4] (section-runner.ts).
 */
export function designStages(b: BandCase, sampleRate: number): Float64Array {
  const c = new Float64Array(36);
  const n = new BandDesigner().design(
    { ...b, butterworthSections: b.sections },
    sampleRate,
    c,
    0,
    COMPLETE_DESIGN,
    false,
  );
  return c.subarray(0, 9 * n);
}

/** Whether the band's first stage is fourth-order (it has a correction). */
export const corrected = (stages: Float64Array) =>
  stages[3] !== 0 || stages[4] !== 0 || stages[7] !== 0 || stages[8] !== 0;

/** |H| in dB of a cascade of stages at `f` Hz. */
export function cascadeDb(stages: Float64Array, f: number, sampleRate: number): number {
  const w = (2 * Math.PI * f) / sampleRate;
  const cos = Math.cos(w);
  const sin = Math.sin(w);
  let g = 1;
  for (let o = 0; o < stages.length; o += 9) g *= stageMagnitudeSquared(stages, o, cos, sin);
  return 10 * Math.log10(g);
}

/**
 * Whether every stage's poles lie inside the unit circle: the Schur–Cohn step-down test
 * (every reflection coefficient of the denominator below 1 in magnitude; e.g. Oppenheim &
 * Schafer, "Discrete-Time Signal Processing", 3rd ed., §6.6 on lattice filters).
 */
export function stable(stages: Float64Array): boolean {
  for (let o = 0; o < stages.length; o += 9) {
    let a = [1, stages[o + 5], stages[o + 6], stages[o + 7], stages[o + 8]];
    while (a.length > 1 && a[a.length - 1] === 0) a.pop();
    while (a.length > 1) {
      const m = a.length - 1;
      const k = a[m];
      if (!(Math.abs(k) < 1)) return false;
      a = a.slice(0, m).map((v, i) => (v - k * a[m - i]) / (1 - k * k));
    }
  }
  return true;
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

/** Seeded random settings over the whole declared range of a band type. */
export function randomCases(type: P.BandType, count: number, seed: number): BandCase[] {
  const prng = new Prng(seed);
  return Array.from({ length: count }, () => ({
    type,
    freqHz: MIN_FREQ_HZ * (MAX_FREQ_HZ / MIN_FREQ_HZ) ** prng.next(),
    gainDb: -24 + 48 * prng.next(),
    q: 0.1 * 180 ** prng.next(),
    sections: 1 + Math.floor(4 * prng.next()),
  }));
}

export const label = (b: BandCase) =>
  `${b.type} ${b.freqHz.toFixed(1)} Hz ${b.gainDb.toFixed(1)} dB Q ${b.q.toFixed(3)}${
    b.type === 'lowpass' || b.type === 'highpass' ? ` ${12 * b.sections} dB/oct` : ''
  }`;
