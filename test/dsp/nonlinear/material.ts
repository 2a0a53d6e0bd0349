import { nextPowerOfTwo, RealFft } from '../../../src/core/fft.js';
import { Prng } from '../../../src/core/prng.js';

/**
 * Hard test material for the limiter, generated (never band-limited on purpose: naive square
 * and saw waves, single-sample clicks and hard clipping put full-scale energy right up to
 * Nyquist, where inter-sample peaks are largest). Every signal ends in `tail` seconds of
 * silence so the limiter's delayed output and its ringing are fully captured.
 */

export interface Material {
  readonly name: string;
  readonly channels: Float32Array[];
}

const TAIL_SECONDS = 0.02;

function frames(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}

function stereo(length: number): Float32Array[] {
  return [new Float32Array(length), new Float32Array(length)];
}

/** Naive ±1 square waves (left 1 kHz, right 3.1 kHz), full scale. */
export function squareWaves(sampleRate: number, seconds = 0.2): Material {
  const n = frames(seconds, sampleRate);
  const out = stereo(n + frames(TAIL_SECONDS, sampleRate));
  const freqs = [1000, 3100];
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < n; i++) {
      const phase = (freqs[c] * i) / sampleRate;
      out[c][i] = phase - Math.floor(phase) < 0.5 ? 1 : -1;
    }
  }
  return { name: 'square waves', channels: out };
}

/**
 * Full-scale transients: single-sample impulses of both signs, a +1/−1 doublet (all its
 * energy near Nyquist), and three-sample clicks, on a quiet 440 Hz tone.
 */
export function transients(sampleRate: number, seconds = 0.2): Material {
  const n = frames(seconds, sampleRate);
  const out = stereo(n + frames(TAIL_SECONDS, sampleRate));
  for (let c = 0; c < 2; c++) {
    const x = out[c];
    for (let i = 0; i < n; i++) x[i] = 0.05 * Math.sin((2 * Math.PI * 440 * i) / sampleRate);
    const every = Math.floor(n / 12);
    for (let k = 1; k < 12; k++) {
      const at = k * every + c * 37;
      switch (k % 4) {
        case 0:
          x[at] = 1;
          break;
        case 1:
          x[at] = -1;
          break;
        case 2:
          x[at] = 1;
          x[at + 1] = -1;
          break;
        case 3:
          x[at] = 1;
          x[at + 1] = 1;
          x[at + 2] = 1;
          break;
      }
    }
  }
  return { name: 'impulses and clicks', channels: out };
}

/** Kick: a sine falling from 150 to 45 Hz with a 120 ms decay. */
function addKick(x: Float32Array, at: number, sampleRate: number, gain: number): void {
  let phase = 0;
  const length = Math.min(x.length - at, frames(0.35, sampleRate));
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const f = 45 + 105 * Math.exp(-t / 0.03);
    phase += (2 * Math.PI * f) / sampleRate;
    x[at + i] += gain * Math.exp(-t / 0.12) * Math.sin(phase);
  }
}

/** Snare: white noise and a 190 Hz tone, decaying in 60 ms. */
function addSnare(x: Float32Array, at: number, sampleRate: number, prng: Prng, gain: number): void {
  const length = Math.min(x.length - at, frames(0.25, sampleRate));
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const body = 0.5 * Math.sin(2 * Math.PI * 190 * t);
    x[at + i] += gain * Math.exp(-t / 0.06) * (body + prng.uniform(-1, 1));
  }
}

/** Hi-hat: first-differenced noise (a high-pass) with a 15 ms decay. */
function addHat(x: Float32Array, at: number, sampleRate: number, prng: Prng, gain: number): void {
  const length = Math.min(x.length - at, frames(0.08, sampleRate));
  let last = 0;
  for (let i = 0; i < length; i++) {
    const v = prng.uniform(-1, 1);
    x[at + i] += gain * Math.exp(-i / sampleRate / 0.015) * (v - last);
    last = v;
  }
}

/**
 * A one-bar drum loop (kick, snare, eighth-note hats at 240 bpm), normalised to 0 dBFS and
 * then hard-clipped 6 dB into full scale (×2, clamp to ±1): flat tops with corners.
 */
export function clippedDrums(sampleRate: number, seconds = 1): Material {
  const n = frames(seconds, sampleRate);
  const out = stereo(n + frames(TAIL_SECONDS, sampleRate));
  const prng = new Prng(11);
  const beat = frames(0.25, sampleRate);
  for (let c = 0; c < 2; c++) {
    const x = out[c];
    const body = x.subarray(0, n);
    for (let b = 0; b * beat < n; b++) {
      if (b % 2 === 0) addKick(body, b * beat, sampleRate, 1);
      else addSnare(body, b * beat + c * 11, sampleRate, prng, 0.8);
      addHat(body, b * beat + c * 5, sampleRate, prng, 0.3);
      if (b * beat + beat / 2 < n) addHat(body, b * beat + beat / 2, sampleRate, prng, 0.25);
    }
  }
  normaliseAndClip(out, 2);
  fadeOut(out, n, frames(0.005, sampleRate));
  return { name: 'clipped drums', channels: out };
}

/**
 * A loud dense mix: three detuned naive saws per side (a chord), white-noise bursts and a kick
 * every half second; normalised to 0 dBFS sample peak.
 */
export function denseMix(sampleRate: number, seconds = 1): Material {
  const n = frames(seconds, sampleRate);
  const out = stereo(n + frames(TAIL_SECONDS, sampleRate));
  const prng = new Prng(23);
  const chord = [110, 138.59, 164.81, 220];
  for (let c = 0; c < 2; c++) {
    const x = out[c];
    const body = x.subarray(0, n);
    for (const root of chord) {
      for (const cents of [-9, 0, 7]) {
        const f = root * 2 ** ((cents + (c === 0 ? -3 : 3)) / 1200);
        let phase = prng.next();
        for (let i = 0; i < n; i++) {
          body[i] += 0.12 * (2 * phase - 1);
          phase += f / sampleRate;
          if (phase >= 1) phase -= 1;
        }
      }
    }
    const burst = frames(0.04, sampleRate);
    for (let at = frames(0.1, sampleRate); at + burst < n; at += frames(0.3, sampleRate)) {
      for (let i = 0; i < burst; i++) body[at + i] += 0.6 * prng.uniform(-1, 1);
    }
    for (let at = 0; at < n; at += frames(0.5, sampleRate)) addKick(body, at, sampleRate, 0.9);
  }
  normaliseAndClip(out, 1);
  fadeOut(out, n, frames(0.005, sampleRate));
  return { name: 'dense mix', channels: out };
}

/** Scales to 0 dBFS sample peak, multiplies by `drive` and clamps to ±1. */
function normaliseAndClip(channels: Float32Array[], drive: number): void {
  let peak = 0;
  for (const x of channels) for (const v of x) peak = Math.max(peak, Math.abs(v));
  const k = drive / peak;
  for (const x of channels) {
    for (let i = 0; i < x.length; i++) x[i] = Math.max(-1, Math.min(1, x[i] * k));
  }
}

/** Linear fade over the last `fade` frames before `end`. */
function fadeOut(channels: Float32Array[], end: number, fade: number): void {
  for (const x of channels) {
    for (let i = 0; i < fade; i++) x[end - fade + i] *= 1 - (i + 1) / fade;
  }
}

export const MATERIALS = [squareWaves, transients, clippedDrums, denseMix] as const;

/**
 * The same material with nothing above `edge`·fs: an ideal low-pass (spectrum zeroed above the
 * edge over the whole signal, padded to twice its length) and 10 ms raised-cosine fades at both
 * ends, so no step at the start or end brings broadband energy back.
 */
export function bandLimited(material: Material, edge: number, sampleRate: number): Material {
  const channels = material.channels.map((x) => {
    const n = nextPowerOfTwo(2 * x.length);
    const fft = new RealFft(n);
    const input = new Float64Array(n);
    input.set(x);
    const spectrum = fft.createSpectrum();
    fft.forward(input, spectrum);
    for (let k = 0; k < n; k++) {
      if (Math.min(k, n - k) / n > edge) {
        spectrum[2 * k] = 0;
        spectrum[2 * k + 1] = 0;
      }
    }
    const output = new Float64Array(n);
    fft.inverse(spectrum, output);
    const y = Float32Array.from(output.subarray(0, x.length));
    const fade = frames(0.01, sampleRate);
    for (let i = 0; i < fade; i++) {
      const w = 0.5 - 0.5 * Math.cos((Math.PI * i) / fade);
      y[i] *= w;
      y[y.length - 1 - i] *= w;
    }
    return y;
  });
  return { name: `${material.name}, band-limited to ${edge}·fs`, channels };
}
