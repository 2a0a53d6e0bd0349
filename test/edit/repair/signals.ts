/**
 * Clean test material for the repair tests, synthesised from a seeded PRNG so every run is
 * identical. Each generator states what it models; the tests add known damage (noise, hum,
 * clicks, clipping) to these and measure what the repairs bring back.
 */
import { Prng } from '../../../src/core/prng.js';

const TWO_PI = 2 * Math.PI;

/** Equal-tempered frequency of MIDI note `m` (A4 = 440 Hz = 69). */
function midiHz(m: number): number {
  return 440 * 2 ** ((m - 69) / 12);
}

/**
 * A "chord of sines with envelopes": notes (4 partials each, amplitudes 1, 1/2, 1/3, 1/4)
 * start every 0.25–0.6 s from a C-major scale over three octaves, three notes at a time,
 * each with a 15 ms attack, an exponential decay and a 60 ms release, lasting 0.3–1.0 s.
 * Between phrases of 2–4 s there are 0.3–0.6 s rests, as in played music; the first note
 * starts after `leadInSeconds`. Notes with a partial within `avoid.withinHz` of any of
 * `avoid.hz` are left out (a rest instead). Scaled so the loudest sample is `peak`.
 */
export function tonalChords(
  sampleRate: number,
  seconds: number,
  seed: number,
  peak = 0.5,
  leadInSeconds = 0.1,
  avoid: { readonly hz: readonly number[]; readonly withinHz: number } = { hz: [], withinHz: 0 },
) {
  const prng = new Prng(seed);
  const n = Math.round(seconds * sampleRate);
  const out = new Float64Array(n);
  const scale = [0, 2, 4, 5, 7, 9, 11];
  let t = leadInSeconds;
  let phraseEnd = t + prng.uniform(2, 4);
  while (t < seconds - 0.3) {
    for (let v = 0; v < 3; v++) {
      const degree = Math.floor(prng.uniform(0, 21));
      const midi = 48 + 12 * Math.floor(degree / 7) + scale[degree % 7];
      const duration = prng.uniform(0.3, 1.0);
      const level = prng.uniform(0.5, 1);
      const hz = midiHz(midi);
      const clash = [1, 2, 3, 4].some((p) =>
        avoid.hz.some((f) => Math.abs(p * hz - f) < avoid.withinHz),
      );
      if (!clash) addNote(out, sampleRate, t, Math.min(duration, phraseEnd - t), hz, level);
    }
    t += prng.uniform(0.25, 0.6);
    if (t >= phraseEnd) {
      t = phraseEnd + prng.uniform(0.3, 0.6);
      phraseEnd = t + prng.uniform(2, 4);
    }
  }
  return normalise(out, peak);
}

function addNote(
  out: Float64Array,
  fs: number,
  startSeconds: number,
  seconds: number,
  hz: number,
  level: number,
): void {
  if (seconds <= 0.05) return;
  const start = Math.round(startSeconds * fs);
  const attack = 0.015 * fs;
  const release = 0.06 * fs;
  const length = Math.round(seconds * fs);
  const decay = Math.exp(-1 / (0.6 * fs));
  // Partials by complex rotation (one multiply per sample instead of a sine call).
  const partials = [1, 2, 3, 4].filter((p) => p * hz < fs / 2);
  const re = partials.map(() => 1);
  const im = partials.map(() => 0);
  const cosStep = partials.map((p) => Math.cos((TWO_PI * p * hz) / fs));
  const sinStep = partials.map((p) => Math.sin((TWO_PI * p * hz) / fs));
  let env = 0;
  for (let i = 0; i < length + release && start + i < out.length; i++) {
    if (i < attack) env = i / attack;
    else env *= decay;
    const gate = i >= length ? Math.max(0, 1 - (i - length) / release) : 1;
    let s = 0;
    for (let q = 0; q < partials.length; q++) {
      s += im[q] / partials[q];
      const r = re[q] * cosStep[q] - im[q] * sinStep[q];
      im[q] = im[q] * cosStep[q] + re[q] * sinStep[q];
      re[q] = r;
    }
    out[start + i] += level * env * gate * s;
  }
}

const VOWELS: readonly (readonly number[])[] = [
  [730, 1090, 2440, 3400], // a
  [270, 2290, 3010, 3700], // i
  [300, 870, 2240, 3300], // u
  [530, 1840, 2480, 3500], // e
  [570, 840, 2410, 3300], // o
];
const FORMANT_BANDWIDTHS_HZ = [80, 100, 140, 200];

/**
 * A voice-like signal: a glottal pulse train (band-limited by a −12 dB/octave glottal
 * roll-off above ≈ 100 Hz, the usual source model; Fant 1960) at an f0 that glides between
 * 100 and 220 Hz with 5 Hz vibrato, through four formant resonators (two-pole, Peterson &
 * Barney vowel formants, changing per syllable), with a +6 dB/octave lip radiation. Syllables
 * of 150–350 ms with raised-cosine onsets and offsets are separated by 60–200 ms pauses, and
 * phrases of 1.5–3 s by 0.3–0.6 s pauses; the first syllable starts after `leadInSeconds`.
 * Scaled so the loudest sample is `peak`.
 */
export function voiceLike(
  sampleRate: number,
  seconds: number,
  seed: number,
  peak = 0.5,
  leadInSeconds = 0.15,
) {
  const prng = new Prng(seed);
  const n = Math.round(seconds * sampleRate);
  const fs = sampleRate;
  // Syllable plan: per sample amplitude envelope, vowel index and f0 target.
  const envelope = new Float64Array(n);
  const vowelOf = new Int32Array(n);
  const f0Target = new Float64Array(n);
  let t = leadInSeconds;
  let phraseEnd = t + prng.uniform(1.5, 3);
  while (t < seconds - 0.2) {
    const length = prng.uniform(0.15, 0.35);
    const vowel = Math.floor(prng.uniform(0, VOWELS.length));
    const f0 = prng.uniform(100, 220);
    const level = prng.uniform(0.5, 1);
    const a = Math.round(t * fs);
    const b = Math.min(n, Math.round((t + length) * fs));
    const ramp = 0.04 * fs;
    for (let i = a; i < b; i++) {
      const k = Math.min(i - a, b - 1 - i);
      envelope[i] = level * (k < ramp ? 0.5 - 0.5 * Math.cos((Math.PI * k) / ramp) : 1);
      vowelOf[i] = vowel;
      f0Target[i] = f0;
    }
    t += length + prng.uniform(0.06, 0.2);
    if (t >= phraseEnd) {
      t = phraseEnd + prng.uniform(0.3, 0.6);
      phraseEnd = t + prng.uniform(1.5, 3);
    }
  }
  // Source: pulse train with a smoothly gliding f0 (one-pole glide, 40 ms).
  const source = new Float64Array(n);
  const glide = Math.exp(-1 / (0.04 * fs));
  let f0 = 150;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    if (f0Target[i] > 0) f0 = glide * f0 + (1 - glide) * f0Target[i];
    const hz = f0 * (1 + 0.01 * Math.sin((TWO_PI * 5 * i) / fs));
    phase += hz / fs;
    if (phase >= 1) {
      phase -= 1;
      // Split the pulse between two samples by its fractional position (less jitter).
      const frac = phase / (hz / fs);
      source[i] += 1 - frac;
      if (i > 0) source[i - 1] += frac;
    }
  }
  // Glottal roll-off: two one-pole low-passes at 100 Hz (−12 dB/octave above).
  const lp = Math.exp((-TWO_PI * 100) / fs);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s1 = (1 - lp) * source[i] + lp * s1;
    s2 = (1 - lp) * s1 + lp * s2;
    source[i] = s2;
  }
  // Formant cascade; coefficients follow the syllable's vowel.
  const out = new Float64Array(n);
  const state = FORMANT_BANDWIDTHS_HZ.map(() => [0, 0]);
  const resonators = VOWELS.map((formants) =>
    formants.map((hz, f) => {
      const r = Math.exp((-Math.PI * FORMANT_BANDWIDTHS_HZ[f]) / fs);
      const c = 2 * r * Math.cos((TWO_PI * hz) / fs);
      return { r2: r * r, c, gain: 1 - c + r * r }; // unity gain at DC
    }),
  );
  let lipPrevious = 0;
  for (let i = 0; i < n; i++) {
    let y = source[i];
    const vowel = resonators[vowelOf[i]];
    for (let f = 0; f < 4; f++) {
      const { r2, c, gain } = vowel[f];
      const st = state[f];
      const v = gain * y + c * st[0] - r2 * st[1];
      st[1] = st[0];
      st[0] = v;
      y = v;
    }
    const lip = y - lipPrevious;
    lipPrevious = y;
    out[i] = lip * envelope[i];
  }
  return normalise(out, peak);
}

/**
 * Percussion: on a 120 BPM grid of eighth notes, a kick (a sine falling from 120 to 50 Hz,
 * 2 ms attack, 150 ms decay) on beats 1 and 3, a snare (noise through a 2 kHz band, 1 ms
 * attack, 80 ms decay) on 2 and 4, and hi-hats (high-passed noise, 0.5 ms attack, 30 ms
 * decay) on eighths with random velocities: sharp onsets that challenge a click detector.
 * Scaled so the loudest sample is `peak`.
 */
export function percussion(sampleRate: number, seconds: number, seed: number, peak = 0.5) {
  const prng = new Prng(seed);
  const fs = sampleRate;
  const n = Math.round(seconds * fs);
  const out = new Float64Array(n);
  const eighth = Math.round(0.25 * fs);
  for (let step = 0, at = 0; at < n; step++, at += eighth) {
    const beat = step % 8;
    if (beat === 0 || beat === 4) {
      let phase = 0;
      for (let i = 0; i < 0.6 * fs && at + i < n; i++) {
        const t = i / fs;
        phase += (TWO_PI * (50 + 70 * Math.exp(-t / 0.03))) / fs;
        const env = Math.min(1, t / 0.002) * Math.exp(-t / 0.15);
        out[at + i] += env * Math.sin(phase);
      }
    }
    if (beat === 2 || beat === 6) {
      const bp = { z1: 0, z2: 0 };
      const r = Math.exp((-Math.PI * 1500) / fs);
      const c = 2 * r * Math.cos((TWO_PI * 2000) / fs);
      for (let i = 0; i < 0.4 * fs && at + i < n; i++) {
        const t = i / fs;
        const v = (1 - r) * prng.gaussian() + c * bp.z1 - r * r * bp.z2;
        bp.z2 = bp.z1;
        bp.z1 = v;
        out[at + i] += 0.8 * Math.min(1, t / 0.001) * Math.exp(-t / 0.08) * v;
      }
    }
    const velocity = prng.uniform(0.03, 0.1);
    let previous = 0;
    for (let i = 0; i < 0.15 * fs && at + i < n; i++) {
      const t = i / fs;
      const w = prng.gaussian();
      out[at + i] += velocity * Math.min(1, t / 0.0005) * Math.exp(-t / 0.03) * (w - previous);
      previous = w;
    }
  }
  return normalise(out, peak);
}

/** White Gaussian noise with the given RMS. */
export function whiteNoise(length: number, rms: number, seed: number): Float64Array {
  const prng = new Prng(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = rms * prng.gaussian();
  return out;
}

/**
 * Pink-ish noise (−3 dB/octave from ≈ 10 Hz to 10 kHz) with the given RMS: white noise
 * through Paul Kellet's sum of first-order low-passes (musicdsp.org "pink noise", 1999).
 */
export function pinkNoise(length: number, rms: number, seed: number): Float64Array {
  const prng = new Prng(seed);
  const out = new Float64Array(length);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let b4 = 0;
  let b5 = 0;
  let b6 = 0;
  for (let i = 0; i < length; i++) {
    const w = prng.gaussian();
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  return scaleToRms(out, rms);
}

export function rms(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / Math.max(1, x.length));
}

export function scaleToRms(x: Float64Array, target: number): Float64Array {
  const gain = target / rms(x);
  for (let i = 0; i < x.length; i++) x[i] *= gain;
  return x;
}

function normalise(x: Float64Array, peak: number): Float64Array {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
  const gain = max > 0 ? peak / max : 0;
  for (let i = 0; i < x.length; i++) x[i] *= gain;
  return x;
}

/** Element-wise sum as Float32 (audio exchange format). */
export function mix(...parts: readonly ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(parts[0].length);
  for (const p of parts) for (let i = 0; i < out.length; i++) out[i] += p[i];
  return out;
}
