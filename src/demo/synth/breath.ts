import type { Prng } from '../../core/prng.js';
import { BiquadCascade, rbj } from '../../dsp/biquad.js';
import { smoothstep } from './envelopes.js';
import { fillWhiteNoise } from './random.js';

/**
 * An inhale before a phrase: band-passed noise around 1.8 kHz, swelling and fading over
 * `lengthSeconds`. Real vocal takes are full of these; an editing stage may want to find
 * and lower them, so their times are part of the ground truth.
 */
export function addInhale(
  target: Float32Array,
  startSeconds: number,
  lengthSeconds: number,
  peakGain: number,
  prng: Prng,
  sampleRate: number,
): void {
  const start = Math.max(0, Math.round(startSeconds * sampleRate));
  const frames = Math.min(target.length - start, Math.round(lengthSeconds * sampleRate));
  if (frames <= 0) return;
  const noise = fillWhiteNoise(new Float32Array(frames), prng);
  const cascade = new BiquadCascade(1, 2);
  cascade.setSections([
    rbj('bandpass', 1800, 0.8, 0, sampleRate),
    rbj('highpass', 500, Math.SQRT1_2, 0, sampleRate),
  ]);
  cascade.processChannel(0, noise, frames);
  for (let i = 0; i < frames; i++) {
    const x = i / frames;
    // Swell over the first 60 %, fade over the last 40 %.
    const shape = x < 0.6 ? smoothstep(x / 0.6) : 1 - smoothstep((x - 0.6) / 0.4);
    target[start + i] += peakGain * 2.5 * shape * noise[i];
  }
}
