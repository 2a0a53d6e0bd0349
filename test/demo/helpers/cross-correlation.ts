import { RealFft } from '../../../src/core/fft.js';

/**
 * The lag (in samples, fractional) by which `late` trails `early`: the peak of their
 * cross-correlation over lags 0…maxLag, refined by fitting a parabola through the peak and
 * its neighbours. Both excerpts are [start, start + length) of their signals.
 */
export function lagOf(
  early: Float32Array,
  late: Float32Array,
  start: number,
  length: number,
  maxLag: number,
): number {
  let size = 2;
  while (size < length + maxLag + 1) size *= 2;
  const fft = new RealFft(size);
  const a = new Float64Array(size);
  const b = new Float64Array(size);
  for (let j = 0; j < length; j++) a[j] = early[start + j];
  for (let j = 0; j < length + maxLag && start + j < late.length; j++) b[j] = late[start + j];
  const sa = fft.createSpectrum();
  const sb = fft.createSpectrum();
  fft.forward(a, sa);
  fft.forward(b, sb);
  for (let k = 0; k < sa.length; k += 2) {
    const re = sa[k] * sb[k] + sa[k + 1] * sb[k + 1];
    const im = sa[k] * sb[k + 1] - sa[k + 1] * sb[k];
    sa[k] = re;
    sa[k + 1] = im;
  }
  const r = new Float64Array(size);
  fft.inverse(sa, r); // r[τ] = Σ early[j]·late[j + τ]
  let best = 0;
  for (let tau = 1; tau <= maxLag; tau++) if (r[tau] > r[best]) best = tau;
  if (best === 0 || best === maxLag) return best;
  const [y0, y1, y2] = [r[best - 1], r[best], r[best + 1]];
  return best + (0.5 * (y0 - y2)) / (y0 - 2 * y1 + y2);
}
