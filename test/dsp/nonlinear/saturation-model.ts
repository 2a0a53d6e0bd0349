import { type BiquadCoefficients, rbj } from '../../../src/dsp/biquad.js';
import { EMPHASIS_CORNER_HZ, EMPHASIS_GAIN_DB } from '../../../src/dsp/nonlinear/emphasis.js';
import { halfBandAmplitude } from '../../../src/dsp/nonlinear/half-band.js';
import {
  AUDIO_OVERSAMPLING,
  type OversamplingFactor,
  stageDesigns,
} from '../../../src/dsp/nonlinear/oversampler.js';

/**
 * The steady state of the saturation for an input that repeats every `period` samples, built
 * from first principles rather than by running the processor:
 * - each half-band stage as what it is by definition — zero-stuffing and the filter 2·h on the
 *   way up, the filter h and keeping every other sample on the way down — applied to the
 *   period's spectrum with the filter's exact response A(f)·e^(−2πi·f·centre) from its taps;
 * - the tape shelves as their exact biquad responses (in the steady state, a gain per bin);
 * - the anti-aliased curve as its definition: the mean of f over the straight line between two
 *   samples, by Gauss–Legendre quadrature of f itself (split where f has a corner), between
 *   the second-order corrections P and Q that the method states (src/dsp/nonlinear/adaa.ts).
 * Only Float32 rounding of the output separates it from the processor.
 */

type Complex = { re: Float64Array; im: Float64Array };

function dft(x: Float64Array): Complex {
  const n = x.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const w = (-2 * Math.PI * ((k * i) % n)) / n;
      re[k] += x[i] * Math.cos(w);
      im[k] += x[i] * Math.sin(w);
    }
  }
  return { re, im };
}

function inverseDft(s: Complex): Float64Array {
  const n = s.re.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const w = (2 * Math.PI * ((k * i) % n)) / n;
      sum += s.re[k] * Math.cos(w) - s.im[k] * Math.sin(w);
    }
    x[i] = sum / n;
  }
  return x;
}

/** Multiplies bin k (of n at `rate`) by gain(k·rate/n) in place. */
function applyResponse(s: Complex, gain: (fraction: number) => [number, number]): void {
  const n = s.re.length;
  for (let k = 0; k < n; k++) {
    const [gr, gi] = gain(k / n);
    const re = s.re[k] * gr - s.im[k] * gi;
    s.im[k] = s.re[k] * gi + s.im[k] * gr;
    s.re[k] = re;
  }
}

/** H(e^{2πi f}) of a biquad, f in cycles per sample. */
export function biquadResponse(c: BiquadCoefficients, f: number): [number, number] {
  const w = 2 * Math.PI * f;
  const nRe = c.b0 + c.b1 * Math.cos(w) + c.b2 * Math.cos(2 * w);
  const nIm = -(c.b1 * Math.sin(w) + c.b2 * Math.sin(2 * w));
  const dRe = 1 + c.a1 * Math.cos(w) + c.a2 * Math.cos(2 * w);
  const dIm = -(c.a1 * Math.sin(w) + c.a2 * Math.sin(2 * w));
  const d = dRe * dRe + dIm * dIm;
  return [(nRe * dRe + nIm * dIm) / d, (nIm * dRe - nRe * dIm) / d];
}

/** Gauss–Legendre nodes and weights on [0, 1] (Newton on P_n from the Chebyshev guesses). */
function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * z * p1 - (k - 1) * p0) / k];
      derivative = (n * (z * p1 - p0)) / (z * z - 1);
      const next = z - p1 / derivative;
      const done = Math.abs(next - z) < 1e-16;
      z = next;
      if (done) break;
    }
    nodes.push((1 + z) / 2);
    weights.push(1 / ((1 - z * z) * derivative * derivative));
  }
  return { nodes, weights };
}

const RULE = gaussLegendre(24);

/** ∫_0^1 f(a + t(b − a)) dt, split at the points where f has a corner. */
function meanAlongLine(f: (x: number) => number, corners: number[], a: number, b: number): number {
  if (a === b) return f(a);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const cuts = [lo, ...corners.filter((c) => c > lo && c < hi), hi];
  let sum = 0;
  for (let j = 0; j + 1 < cuts.length; j++) {
    const width = cuts[j + 1] - cuts[j];
    for (let q = 0; q < RULE.nodes.length; q++) {
      sum += RULE.weights[q] * width * f(cuts[j] + RULE.nodes[q] * width);
    }
  }
  return sum / (hi - lo);
}

/** The method's corrections (adaa.ts): P before the curve, Q after it. */
const P = [-1 / 12, 7 / 6, -1 / 12];
const Q = [-1 / 12, 7 / 12, 7 / 12, -1 / 12];

function circularFir(taps: number[], x: Float64Array): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < taps.length; j++) y[i] += taps[j] * x[(i - j + n) % n];
  }
  return y;
}

export interface ModelCurve {
  readonly f: (x: number) => number;
  /** Where f is not smooth (quadrature splits there). */
  readonly corners: number[];
  readonly tape: boolean;
}

/**
 * The output spectrum (complex bins of one period at the base rate, unnormalised DFT) of the
 * saturation at `factor` (2, 4 or 8) fed the periodic base-rate signal `input` (one period,
 * drive already applied), with the curve anti-aliased as above.
 */
export function modelSpectrum(
  curve: ModelCurve,
  input: Float64Array,
  factor: OversamplingFactor,
  sampleRate: number,
): Complex {
  const designs = stageDesigns(factor, AUDIO_OVERSAMPLING);
  const halfBand = (s: number) => (fraction: number) => {
    const d = designs[s];
    const a = halfBandAmplitude(d, fraction);
    const phase = -2 * Math.PI * fraction * d.centre;
    return [a * Math.cos(phase), a * Math.sin(phase)] as [number, number];
  };
  let s = dft(input);
  for (let stage = 0; stage < designs.length; stage++) {
    const n = s.re.length;
    const up: Complex = { re: new Float64Array(2 * n), im: new Float64Array(2 * n) };
    for (let k = 0; k < 2 * n; k++) {
      up.re[k] = 2 * s.re[k % n];
      up.im[k] = 2 * s.im[k % n];
    }
    applyResponse(up, halfBand(stage));
    s = up;
  }
  const rate = sampleRate * factor;
  const shelf = (gainDb: number) =>
    rbj('highshelf', EMPHASIS_CORNER_HZ, Math.SQRT1_2, gainDb, rate);
  if (curve.tape) applyResponse(s, (fraction) => biquadResponse(shelf(EMPHASIS_GAIN_DB), fraction));
  const u = circularFir(P, inverseDft(s));
  const n = u.length;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++)
    v[i] = meanAlongLine(curve.f, curve.corners, u[(i - 1 + n) % n], u[i]);
  s = dft(circularFir(Q, v));
  if (curve.tape) {
    applyResponse(s, (fraction) => biquadResponse(shelf(-EMPHASIS_GAIN_DB), fraction));
  }
  for (let stage = designs.length - 1; stage >= 0; stage--) {
    applyResponse(s, halfBand(stage));
    const half = s.re.length / 2;
    const down: Complex = { re: new Float64Array(half), im: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      down.re[k] = 0.5 * (s.re[k] + s.re[k + half]);
      down.im[k] = 0.5 * (s.im[k] + s.im[k + half]);
    }
    s = down;
  }
  return s;
}
