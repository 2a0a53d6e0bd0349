import { Prng } from '../../../src/core/prng.js';

/** Plain time-domain convolution in double precision: y[n] = Σ_t h[t]·x[n−t]. */
export function directConvolution(x: ArrayLike<number>, h: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    let sum = 0;
    const top = Math.min(n, h.length - 1);
    for (let t = 0; t <= top; t++) sum += h[t] * x[n - t];
    y[n] = sum;
  }
  return y;
}

export function randomSignal(length: number, seed: number): Float32Array {
  const prng = new Prng(seed);
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++) x[i] = prng.uniform(-1, 1);
  return x;
}

/** A random IR with a decaying envelope, like a small room (≈ −60 dB at the end). */
export function randomImpulseResponse(length: number, seed: number): Float32Array {
  const prng = new Prng(seed);
  const h = new Float32Array(length);
  for (let i = 0; i < length; i++) h[i] = prng.gaussian() * 10 ** ((-3 * i) / length) * 0.05;
  return h;
}

/** 20·log10(‖a − b‖ / ‖b‖), with `a` delayed by `lag` against `b`. */
export function relativeErrorDb(a: ArrayLike<number>, b: ArrayLike<number>, lag = 0): number {
  let error = 0;
  let reference = 0;
  for (let i = 0; i + lag < a.length && i < b.length; i++) {
    error += (a[i + lag] - b[i]) ** 2;
    reference += b[i] ** 2;
  }
  return 10 * Math.log10(error / reference);
}
