import type { AudioData } from '../../../src/core/audio.js';
import { Prng } from '../../../src/core/prng.js';

export { addClicks, CLICK_SHAPE, hardClip } from '../../../src/demo/synth/flaws.js';

/**
 * Small sung takes with flaws placed by construction, for the comping tests: a harmonic
 * voice (12 harmonics at 1/k, a phase-continuous f0 gliding 30 ms between notes) over
 * seeded room noise. Each phrase is sung legato from its first note to its last, so a new
 * note is a change of pitch, as in the demo's vocals. Everything a flaw changes is known
 * exactly: a phrase's detune in cents, its lateness in ms, a boost in dB; clipping and clicks
 * are added with the demo synthesiser's own fault functions (which report what they did).
 */
export const FS = 48000;
export const BPM = 120;
/** The grid the notes are written on: eighth notes at 120 bpm. */
export const GRID_SECONDS = 0.25;

export interface PhraseSpec {
  /** [start, length] in seconds, and MIDI pitch, per note. */
  readonly notes: readonly (readonly [number, number, number])[];
}

/** Three phrases of four notes in A minor, each 2 s, with 1 s pauses. */
export const PHRASES: readonly PhraseSpec[] = [
  {
    notes: [
      [0.5, 0.5, 57],
      [1.0, 0.5, 60],
      [1.5, 0.5, 64],
      [2.0, 0.5, 62],
    ],
  },
  {
    notes: [
      [3.5, 0.5, 60],
      [4.0, 0.5, 59],
      [4.5, 0.5, 57],
      [5.0, 0.5, 55],
    ],
  },
  {
    notes: [
      [6.5, 0.5, 57],
      [7.0, 0.5, 64],
      [7.5, 0.5, 62],
      [8.0, 0.5, 60],
    ],
  },
];
export const TAKE_SECONDS = 9.5;

export interface TakeFlaws {
  /** Cents added to every note of a phrase. */
  readonly detuneCents?: ReadonlyMap<number, number>;
  /** Milliseconds every note (and the phrase's envelope) of a phrase comes late. */
  readonly lateMs?: ReadonlyMap<number, number>;
  /** dB added to a phrase's level. */
  readonly boostDb?: ReadonlyMap<number, number>;
}

export interface SungTakeOptions {
  readonly seed: number;
  readonly flaws?: TakeFlaws;
  /** Peak level of the voice before any boost (default 0.25). */
  readonly peak?: number;
  /** Room noise RMS, dBFS (default −60). */
  readonly noiseDbfs?: number;
  /** Natural spread per note: ± ms and ± cents (defaults 3 and 3). */
  readonly spreadMs?: number;
  readonly spreadCents?: number;
}

const GLIDE_SECONDS = 0.03;
const ATTACK_SECONDS = 0.03;
const RELEASE_SECONDS = 0.06;
const HARMONICS = 12;

export function singTake(options: SungTakeOptions): Float32Array {
  const prng = new Prng(options.seed);
  const flaws = options.flaws ?? {};
  const frames = Math.round(TAKE_SECONDS * FS);
  const out = new Float64Array(frames);
  const peak = options.peak ?? 0.25;
  let norm = 0;
  for (let k = 1; k <= HARMONICS; k++) norm += 1 / k;

  PHRASES.forEach((phrase, p) => {
    const late = (flaws.lateMs?.get(p) ?? 0) / 1000;
    const detune = flaws.detuneCents?.get(p) ?? 0;
    const gain = 10 ** ((flaws.boostDb?.get(p) ?? 0) / 20);
    const spreadMs = options.spreadMs ?? 3;
    const spreadCents = options.spreadCents ?? 3;
    const notes = phrase.notes.map(([start, length, midi]) => ({
      start: start + late + prng.uniform(-spreadMs, spreadMs) / 1000,
      length,
      midi: midi + (detune + prng.uniform(-spreadCents, spreadCents)) / 100,
    }));
    const first = notes[0].start;
    const end = notes[notes.length - 1].start + notes[notes.length - 1].length;
    const from = Math.round(first * FS);
    const to = Math.min(frames, Math.round((end + RELEASE_SECONDS) * FS));
    let phase = prng.uniform(0, 2 * Math.PI);
    let k = 0;
    for (let n = from; n < to; n++) {
      const t = n / FS;
      while (k + 1 < notes.length && t >= notes[k + 1].start) k++;
      // Glide into note k over its first GLIDE_SECONDS (log-frequency line).
      const into = k > 0 ? Math.min(1, (t - notes[k].start) / GLIDE_SECONDS) : 1;
      const midi =
        k > 0 ? notes[k - 1].midi + (notes[k].midi - notes[k - 1].midi) * into : notes[0].midi;
      const f0 = 440 * 2 ** ((midi - 69) / 12);
      phase += (2 * Math.PI * f0) / FS;
      const attack = Math.min(1, (t - first) / ATTACK_SECONDS);
      const release = t > end ? Math.max(0, 1 - (t - end) / RELEASE_SECONDS) : 1;
      const envelope = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(attack, release));
      let s = 0;
      for (let h = 1; h <= HARMONICS && h * f0 < FS / 2.5; h++) s += Math.sin(h * phase) / h;
      out[n] += ((gain * peak) / norm) * envelope * s;
    }
  });

  const noise = 10 ** ((options.noiseDbfs ?? -60) / 20);
  const result = new Float32Array(frames);
  for (let n = 0; n < frames; n++) result[n] = out[n] + noise * prng.gaussian();
  return result;
}

export function mono(x: Float32Array): AudioData {
  return { sampleRate: FS, channels: [x] };
}
