import { nextPowerOfTwo, RealFft } from '../core/fft.js';
import { crossSpectrum, mirror } from '../edit/timing/gcc-phat.js';

/**
 * How much later `take` plays than `guide`, measured the plain way: the peak of the
 * unweighted cross-correlation r(τ) = Σₙ guide[n]·take[n+τ] over |τ| ≤ maxLag (exact for
 * the whole clips: gcc-phat.ts sums it over segments), refined by a parabola through the
 * peak and its neighbours. It deliberately skips the PHAT weighting and the Newton
 * refinement the alignment edits use, so the demo's before/after figures check those edits
 * rather than repeat them.
 */
export interface Lag {
  /** Samples (fractional); positive: the take is late. */
  readonly samples: number;
  readonly ms: number;
  /** The correlation at the peak is negative: the take's polarity is inverted. */
  readonly inverted: boolean;
}

export function measureLag(
  guide: Float32Array,
  take: Float32Array,
  sampleRate: number,
  maxLagSeconds: number,
): Lag {
  const maxLag = Math.ceil(maxLagSeconds * sampleRate);
  const size = nextPowerOfTwo(Math.max(8 * maxLag, 1 << 16));
  const spectrum = new Float64Array(2 * size);
  spectrum.set(crossSpectrum(guide, take, maxLag, size));
  mirror(spectrum, size);
  const c = new Float64Array(size);
  new RealFft(size).inverse(spectrum, c);
  const r = (lag: number) => c[(lag + size) % size];
  let best = -maxLag;
  for (let lag = -maxLag; lag <= maxLag; lag++)
    if (Math.abs(r(lag)) > Math.abs(r(best))) best = lag;
  let offset = 0;
  if (Math.abs(best) < maxLag) {
    // Vertex of the parabola through the peak of |r| and its two neighbours.
    const [a, b, d] = [r(best - 1), r(best), r(best + 1)].map(Math.abs);
    const curvature = a - 2 * b + d;
    if (curvature < 0) offset = (0.5 * (a - d)) / curvature;
  }
  const samples = best + offset;
  return { samples, ms: (1000 * samples) / sampleRate, inverted: r(best) < 0 };
}
