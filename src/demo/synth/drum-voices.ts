import type { Prng } from '../../core/prng.js';
import { BiquadCascade, type BiquadCoefficients, rbj } from '../../dsp/biquad.js';
import { decayGain } from './envelopes.js';
import { fillWhiteNoise } from './random.js';

/**
 * One drum hit each, as a fresh buffer starting at the hit's onset (sample 0 is the
 * strike). Every hit draws new noise, so no two snares are sample-identical, as on a real
 * kit. Envelopes end at a stated time (`*_SECONDS`), after which the hit is exactly silent.
 */

export const KICK_SECONDS = 0.5;
export const SNARE_SECONDS = 0.35;
export const HAT_SECONDS = 0.12;
export const OPEN_HAT_SECONDS = 0.45;
export const CRASH_SECONDS = 2;

function filtered(signal: Float32Array, sections: readonly BiquadCoefficients[]): Float32Array {
  const cascade = new BiquadCascade(1, sections.length);
  cascade.setSections(sections);
  cascade.processChannel(0, signal, signal.length);
  return signal;
}

function noise(prng: Prng, frames: number): Float32Array {
  return fillWhiteNoise(new Float32Array(frames), prng);
}

/**
 * The parts of a hit that are the same every time (envelopes, the kick's swept sine, the
 * snare's shell), computed once per shape and sample rate; only the noise is new per hit.
 */
const shared = new Map<string, Float32Array>();

function once(key: string, make: () => Float32Array): Float32Array {
  let value = shared.get(key);
  if (!value) {
    value = make();
    shared.set(key, value);
  }
  return value;
}

function envelope(
  sampleRate: number,
  attackSeconds: number,
  tauSeconds: number,
  endSeconds: number,
): Float32Array {
  return once(`envelope ${sampleRate} ${attackSeconds} ${tauSeconds} ${endSeconds}`, () => {
    const out = new Float32Array(Math.round(endSeconds * sampleRate));
    for (let i = 0; i < out.length; i++)
      out[i] = decayGain(i / sampleRate, attackSeconds, tauSeconds, endSeconds);
    return out;
  });
}

/** Kick: a sine swept from ~160 Hz down to 48 Hz (the "boom"), plus a 2 ms beater click. */
export function kickHit(prng: Prng, sampleRate: number, velocity: number): Float32Array {
  const body = once(`kick ${sampleRate}`, () => {
    const env = envelope(sampleRate, 0.0005, 0.22, KICK_SECONDS);
    const out = new Float32Array(env.length);
    let phase = 0;
    for (let i = 0; i < out.length; i++) {
      const frequencyHz = 48 + 110 * Math.exp(-i / sampleRate / 0.035);
      phase += (2 * Math.PI * frequencyHz) / sampleRate;
      out[i] = Math.sin(phase) * env[i];
    }
    return out;
  });
  const clickEnv = envelope(sampleRate, 0.0002, 0.002, 0.008);
  const click = filtered(noise(prng, clickEnv.length), [
    rbj('highpass', 1500, Math.SQRT1_2, 0, sampleRate),
  ]);
  const out = new Float32Array(body.length);
  for (let i = 0; i < out.length; i++) out[i] = velocity * body[i];
  for (let i = 0; i < click.length; i++) out[i] += velocity * 0.5 * click[i] * clickEnv[i];
  return out;
}

/** Snare: a tuned shell (185 and 330 Hz modes) under band-passed wire noise. */
export function snareHit(prng: Prng, sampleRate: number, velocity: number): Float32Array {
  const shell = once(`snare shell ${sampleRate}`, () => {
    const env = envelope(sampleRate, 0.0005, 0.05, 0.25);
    return env.map((g, i) => {
      const t = i / sampleRate;
      return g * (Math.sin(2 * Math.PI * 185 * t) + 0.5 * Math.sin(2 * Math.PI * 330 * t));
    });
  });
  const wireEnv = envelope(sampleRate, 0.0003, 0.06, SNARE_SECONDS);
  const wires = filtered(noise(prng, wireEnv.length), [
    rbj('bandpass', 3500, 0.6, 0, sampleRate),
    rbj('highpass', 900, Math.SQRT1_2, 0, sampleRate),
  ]);
  const out = new Float32Array(wireEnv.length);
  for (let i = 0; i < out.length; i++) out[i] = velocity * 2.2 * wires[i] * wireEnv[i];
  for (let i = 0; i < shell.length; i++) out[i] += velocity * 0.6 * shell[i];
  return out;
}

/** Six square waves at inharmonic frequencies: the clangorous core of a cymbal sound. */
const METAL_PARTIALS_HZ = [317, 421, 533, 587, 781, 1049];

function metallic(prng: Prng, frames: number, sampleRate: number, scale: number): Float32Array {
  const count = METAL_PARTIALS_HZ.length;
  const phases = new Float64Array(count);
  const increments = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    phases[p] = prng.next();
    increments[p] = (METAL_PARTIALS_HZ[p] * scale) / sampleRate;
  }
  const out = noise(prng, frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let p = 0; p < count; p++) {
      let phase = phases[p] + increments[p];
      if (phase >= 1) phase -= 1;
      phases[p] = phase;
      sum += phase < 0.5 ? 1 : -1;
    }
    out[i] = sum / count + 0.6 * out[i];
  }
  return out;
}

/** Hi-hat: metal cluster high-passed at 7 kHz; closed (40 ms decay) or open (120 ms). */
export function hatHit(
  prng: Prng,
  sampleRate: number,
  velocity: number,
  open: boolean,
): Float32Array {
  const seconds = open ? OPEN_HAT_SECONDS : HAT_SECONDS;
  const frames = Math.round(seconds * sampleRate);
  const metal = filtered(metallic(prng, frames, sampleRate, 1), [
    rbj('highpass', 7000, Math.SQRT1_2, 0, sampleRate),
    rbj('highpass', 7000, Math.SQRT1_2, 0, sampleRate),
  ]);
  const tau = open ? 0.12 : 0.025;
  for (let i = 0; i < frames; i++)
    metal[i] *= velocity * decayGain(i / sampleRate, 0.0003, tau, seconds);
  return metal;
}

/** Crash: a brighter, longer metal cluster; call once per channel for a wide stereo crash. */
export function crashHit(prng: Prng, sampleRate: number, velocity: number): Float32Array {
  const frames = Math.round(CRASH_SECONDS * sampleRate);
  const metal = filtered(metallic(prng, frames, sampleRate, 2.3), [
    rbj('highpass', 4000, Math.SQRT1_2, 0, sampleRate),
    rbj('highshelf', 9000, Math.SQRT1_2, -4, sampleRate),
  ]);
  const env = envelope(sampleRate, 0.001, 0.3, CRASH_SECONDS);
  for (let i = 0; i < frames; i++) metal[i] *= velocity * env[i];
  return metal;
}
