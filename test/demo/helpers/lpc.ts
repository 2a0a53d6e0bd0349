import { BiquadCascade, rbj } from '../../../src/dsp/biquad.js';

/**
 * Formants by linear prediction (J. Makhoul, "Linear prediction: a tutorial review",
 * Proc. IEEE 63, 1975): decimate to `analysisRate`, pre-emphasise, Hamming-window, solve
 * the autocorrelation normal equations by Levinson–Durbin, and read each formant off a
 * root of the prediction polynomial: frequency from its angle, bandwidth from its radius.
 */
export interface LpcFormant {
  readonly frequencyHz: number;
  readonly bandwidthHz: number;
}

export interface LpcOptions {
  readonly sampleRate: number;
  /** Decimated rate; an integer divisor of sampleRate. Default 12000. */
  readonly analysisRate?: number;
  readonly order?: number;
  readonly preEmphasis?: number;
}

export function lpcFormants(
  x: Float32Array,
  start: number,
  length: number,
  options: LpcOptions,
): LpcFormant[] {
  const analysisRate = options.analysisRate ?? 12000;
  const factor = Math.round(options.sampleRate / analysisRate);
  const order = options.order ?? 14;
  const excerpt = x.slice(start, start + length);
  // 8th-order Butterworth anti-alias low-pass at 0.42 × the analysis rate.
  const cascade = new BiquadCascade(1, 4);
  cascade.setSections(
    [0.5098, 0.6013, 0.9, 2.5629].map((q) =>
      rbj('lowpass', 0.42 * analysisRate, q, 0, options.sampleRate),
    ),
  );
  cascade.processChannel(0, excerpt, excerpt.length);
  const n = Math.floor(excerpt.length / factor);
  const y = new Float64Array(n);
  const emphasis = options.preEmphasis ?? 0.95;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const v = excerpt[i * factor];
    y[i] = (v - emphasis * previous) * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
    previous = v;
  }
  const r = new Float64Array(order + 1);
  for (let lag = 0; lag <= order; lag++) {
    let sum = 0;
    for (let i = lag; i < n; i++) sum += y[i] * y[i - lag];
    r[lag] = sum;
  }
  const a = levinson(r, order);
  return polynomialRoots(a)
    .filter(([, im]) => im > 0)
    .map(([re, im]) => ({
      frequencyHz: (Math.atan2(im, re) * analysisRate) / (2 * Math.PI),
      bandwidthHz: (-Math.log(Math.hypot(re, im)) * analysisRate) / Math.PI,
    }))
    .sort((p, q) => p.frequencyHz - q.frequencyHz);
}

/** Prediction polynomial [1, a1 … ap] from autocorrelation r[0…p] (Levinson–Durbin). */
function levinson(r: Float64Array, order: number): Float64Array {
  let a = new Float64Array(order + 1);
  a[0] = 1;
  let error = r[0];
  for (let i = 1; i <= order; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / error;
    const next = a.slice();
    for (let j = 1; j < i; j++) next[j] = a[j] + k * a[i - j];
    next[i] = k;
    a = next;
    error *= 1 - k * k;
  }
  return a;
}

/**
 * Roots of z^p + a1 z^(p−1) + … + ap by the Durand–Kerner (Weierstrass) iteration, as
 * [re, im] pairs.
 */
function polynomialRoots(a: Float64Array): [number, number][] {
  const p = a.length - 1;
  const re = new Float64Array(p);
  const im = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    // Distinct starting points on a circle inside the unit disc.
    const angle = (2 * Math.PI * i) / p + 0.4;
    re[i] = 0.9 * Math.cos(angle);
    im[i] = 0.9 * Math.sin(angle);
  }
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = 0;
    for (let i = 0; i < p; i++) {
      // Numerator: the polynomial at root i (Horner, complex).
      let nr = 1;
      let ni = 0;
      for (let j = 1; j <= p; j++) {
        const tr = nr * re[i] - ni * im[i] + a[j];
        ni = nr * im[i] + ni * re[i];
        nr = tr;
      }
      // Denominator: Π (z_i − z_j) over the other roots.
      let dr = 1;
      let di = 0;
      for (let j = 0; j < p; j++) {
        if (j === i) continue;
        const xr = re[i] - re[j];
        const xi = im[i] - im[j];
        const tr = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = tr;
      }
      const scale = dr * dr + di * di;
      const qr = (nr * dr + ni * di) / scale;
      const qi = (ni * dr - nr * di) / scale;
      re[i] -= qr;
      im[i] -= qi;
      moved = Math.max(moved, Math.hypot(qr, qi));
    }
    if (moved < 1e-12) break;
  }
  return Array.from(re, (r, i) => [r, im[i]]);
}
