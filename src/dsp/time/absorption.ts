import { type BiquadCoefficients, rbj } from '../biquad.js';

/** Highest shelf crossover, as a fraction of the sample rate (see absorptionFilter). */
const MAX_CROSSOVER = 0.45;

/**
 * Gain per pass that makes a recirculating delay of `delaySamples` decay by 60 dB in
 * `t60Seconds`: g = 10^(−3·m / (fs·T60)) (Jot & Chaigne, "Digital delay networks for
 * designing artificial reverberators", AES 90th Conv. 1991, eq. 9). Every line of a
 * lossless network scaled this way decays at the same rate, so the whole network does.
 */
export function decayGain(delaySamples: number, sampleRate: number, t60Seconds: number): number {
  return 10 ** ((-3 * delaySamples) / (sampleRate * t60Seconds));
}

/**
 * The absorption filter of one FDN line (Jot & Chaigne §4: a filter per line whose gain in
 * dB is proportional to its length gives a frequency-dependent T60 for the network). Here:
 * the low-frequency decay gain times a 2nd-order RBJ high shelf (Q = 1/√2, monotonic) at
 * `crossoverHz`, whose shelf gain is the extra loss for `t60HighSeconds` at high
 * frequencies. DC gets exactly T60 = t60LowSeconds; Nyquist exactly t60HighSeconds (the
 * bilinear transform maps the analogue shelf's ∞ to Nyquist). At crossover/3 the shelf
 * adds about 1 % of its extra loss, so mid frequencies decay at t60LowSeconds.
 */
export function absorptionFilter(
  delaySamples: number,
  sampleRate: number,
  t60LowSeconds: number,
  t60HighSeconds: number,
  crossoverHz: number,
): BiquadCoefficients {
  const low = decayGain(delaySamples, sampleRate, t60LowSeconds);
  const high = decayGain(delaySamples, sampleRate, t60HighSeconds);
  const shelfDb = 20 * Math.log10(high / low);
  // A shelf at Nyquist degenerates (poles and zeros pile up at z = −1, radius 1 − 4e-4 at
  // 0.4999·fs, where rbj clamps): harmless while it holds still, but when its coefficients
  // change under a running tail (damping frequency automation) the transient rings for
  // thousands of samples, and inside the feedback loop it grew to 1e6–1e7 at 8 and
  // 22.05 kHz. So the crossover stops at MAX_CROSSOVER·fs; that only matters below
  // 35.6 kHz (16 kHz, the highest setting, is 0.45 of it).
  const crossover = Math.min(crossoverHz, MAX_CROSSOVER * sampleRate);
  const s = rbj('highshelf', crossover, Math.SQRT1_2, shelfDb, sampleRate);
  return { b0: low * s.b0, b1: low * s.b1, b2: low * s.b2, a1: s.a1, a2: s.a2 };
}
