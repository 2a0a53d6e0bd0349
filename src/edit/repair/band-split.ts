/**
 * A two-band split that adds back to its input exactly: the low band is the input through a
 * 4th-order Butterworth low-pass run forwards and then backwards (zero phase, so 8th-order
 * skirts and no delay), and the high band is the input minus the low band. Whatever is done
 * to each band, unit processing returns low + high = input to float rounding. The denoiser
 * uses it to give low frequencies longer STFT frames than high ones (multi-resolution).
 */
import { BiquadCascade, rbj } from '../../dsp/biquad.js';

/** Q of the two sections of a 4th-order Butterworth (1 / (2 cos(π/8)), 1 / (2 cos(3π/8))). */
const BUTTERWORTH_4_Q = [0.5412, 1.3066];

export function splitBands(
  x: Float32Array,
  sampleRate: number,
  crossoverHz: number,
): { low: Float32Array; high: Float32Array } {
  const filter = new BiquadCascade(1, 2);
  filter.setSections(BUTTERWORTH_4_Q.map((q) => rbj('lowpass', crossoverHz, q, 0, sampleRate)));
  const low = Float32Array.from(x);
  filter.processChannel(0, low, low.length);
  low.reverse();
  filter.reset();
  filter.processChannel(0, low, low.length);
  low.reverse();
  const high = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) high[i] = x[i] - low[i];
  return { low, high };
}
