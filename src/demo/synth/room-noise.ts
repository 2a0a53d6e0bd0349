import type { Prng } from '../../core/prng.js';
import { dbToGain } from '../../core/units.js';
import { BiquadCascade, rbj } from '../../dsp/biquad.js';
import { rmsOf } from './levels.js';
import { fillWhiteNoise } from './random.js';

/**
 * The noise floor every real take has: air conditioning, preamp hiss, the room. White
 * noise band-limited to 40 Hz … 5 kHz (12 dB/octave each side), so it is darker than hiss,
 * scaled so its RMS over the whole take is exactly `levelDbfs`. It is stationary, so any
 * silent stretch of a second or more reads within a fraction of a dB of that level.
 */
export function roomNoise(
  frames: number,
  sampleRate: number,
  levelDbfs: number,
  prng: Prng,
): Float32Array {
  const out = fillWhiteNoise(new Float32Array(frames), prng);
  const cascade = new BiquadCascade(1, 2);
  cascade.setSections([
    rbj('highpass', 40, Math.SQRT1_2, 0, sampleRate),
    rbj('lowpass', 5000, Math.SQRT1_2, 0, sampleRate),
  ]);
  cascade.processChannel(0, out, frames);
  const gain = dbToGain(levelDbfs) / rmsOf(out);
  for (let i = 0; i < frames; i++) out[i] *= gain;
  return out;
}
