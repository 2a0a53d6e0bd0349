import { Prng } from '../../../../src/core/prng.js';
import { BiquadCascade, type BiquadCoefficients, rbj } from '../../../../src/dsp/biquad.js';

/**
 * A sung melody with known pitch at every sample, for tests: a band-limited glottal-like
 * source (harmonics falling at 6 dB/octave, the slope of glottal flow after lip radiation,
 * Fant 1960) at the note's f0 with delayed vibrato, linear drift and portamento, through a
 * cascade of formant resonators for the vowel (Klatt 1980's two-pole resonator, unity gain
 * at DC; Peterson & Barney 1952 formants), with attack/release envelopes, a little
 * aspiration noise and optional breaths in the rests. Additive synthesis keeps the source
 * free of aliasing, so the pitch is exactly what the note says.
 */
export type Vowel = 'a' | 'e' | 'i' | 'o' | 'u';

export interface SungNote {
  /** The in-tune note (ground truth target). */
  readonly midi: number;
  /** How far the singer is off, cents (the vibrato centre sits here). */
  readonly detuneCents: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly vowel: Vowel;
  /** Linear drift across the note, cents from start to end, centred on the note's middle. */
  readonly driftCents?: number;
  /** Glide from the previous note (no new attack). */
  readonly legato?: boolean;
}

export interface VoiceOptions {
  readonly sampleRate: number;
  readonly vibratoRateHz: number;
  /** Peak deviation of the developed vibrato. */
  readonly vibratoDepthCents: number;
  readonly vibratoDelaySeconds: number;
  readonly vibratoRampSeconds: number;
  readonly vibratoPhase: number;
  readonly portamentoSeconds: number;
  readonly attackSeconds: number;
  readonly releaseSeconds: number;
  /** Breath noise in voiced parts relative to the voice, dB. */
  readonly aspirationDb: number;
  /** Unvoiced breaths (band-passed noise) in [start, end) seconds. */
  readonly breaths: readonly (readonly [number, number])[];
  readonly breathDb: number;
  readonly seed: number;
  /** Total length, seconds (default: last note end + 0.4 s). */
  readonly durationSeconds?: number;
  /** Peak level of the result, dBFS. */
  readonly peakDbfs: number;
}

export const DEFAULT_VOICE: VoiceOptions = {
  sampleRate: 48000,
  vibratoRateHz: 5.5,
  vibratoDepthCents: 35,
  vibratoDelaySeconds: 0.15,
  vibratoRampSeconds: 0.15,
  vibratoPhase: 0,
  portamentoSeconds: 0.07,
  attackSeconds: 0.04,
  releaseSeconds: 0.06,
  aspirationDb: -40,
  breaths: [],
  breathDb: -24,
  seed: 7,
  peakDbfs: -6,
};

export const FORMANTS: Record<Vowel, readonly (readonly [number, number])[]> = {
  a: [
    [730, 90],
    [1090, 110],
    [2440, 160],
  ],
  e: [
    [530, 80],
    [1840, 110],
    [2480, 160],
  ],
  i: [
    [270, 60],
    [2290, 120],
    [3010, 200],
  ],
  o: [
    [570, 80],
    [840, 100],
    [2410, 160],
  ],
  u: [
    [300, 60],
    [870, 100],
    [2240, 160],
  ],
};
const UPPER_FORMANTS: readonly (readonly [number, number])[] = [
  [3300, 250],
  [3750, 300],
];

export interface SungMelody {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** The sung f0 at time t, Hz (the pitch of the last note begun, also in its release). */
  f0At(t: number): number;
  /** The amplitude envelope at t (0…1 relative to the note's peak). */
  envelopeAt(t: number): number;
  /** The sung pitch at t without vibrato, as a MIDI float. */
  centreMidiAt(t: number): number;
}

function smoothstep(x: number): number {
  const c = Math.max(0, Math.min(1, x));
  return c * c * (3 - 2 * c);
}

export function resonator(
  frequencyHz: number,
  bandwidthHz: number,
  fs: number,
): BiquadCoefficients {
  const r = Math.exp((-Math.PI * bandwidthHz) / fs);
  const a1 = -2 * r * Math.cos((2 * Math.PI * frequencyHz) / fs);
  const a2 = r * r;
  return { b0: 1 + a1 + a2, b1: 0, b2: 0, a1, a2 };
}

function vowelSections(from: Vowel, to: Vowel, x: number, fs: number): BiquadCoefficients[] {
  const a = [...FORMANTS[from], ...UPPER_FORMANTS];
  const b = [...FORMANTS[to], ...UPPER_FORMANTS];
  return a.map(([f, bw], i) => resonator(f * (b[i][0] / f) ** x, bw + (b[i][1] - bw) * x, fs));
}

/** Index of the last note begun at time t (−1 before the first). */
function noteIndexAt(notes: readonly SungNote[], t: number): number {
  let k = -1;
  for (let i = 0; i < notes.length && notes[i].startSeconds <= t; i++) k = i;
  return k;
}

export function singMelody(
  notes: readonly SungNote[],
  overrides: Partial<VoiceOptions> = {},
): SungMelody {
  const o: VoiceOptions = { ...DEFAULT_VOICE, ...overrides };
  const fs = o.sampleRate;
  const duration = o.durationSeconds ?? notes[notes.length - 1].endSeconds + 0.4;
  const frames = Math.round(duration * fs);
  const prng = new Prng(o.seed);

  const centreCents = (k: number, t: number): number => {
    const note = notes[k];
    const own = note.midi * 100 + note.detuneCents;
    const length = note.endSeconds - note.startSeconds;
    const drift =
      (note.driftCents ?? 0) * ((Math.min(t, note.endSeconds) - note.startSeconds) / length - 0.5);
    if (!note.legato || k === 0) return own + drift;
    const from = glideFrom[k];
    const glide = smoothstep((t - note.startSeconds) / o.portamentoSeconds);
    return from + (own - from) * glide + drift * glide;
  };
  const vibratoCents = (k: number, t: number): number => {
    const since = t - notes[k].startSeconds;
    const depth =
      o.vibratoDepthCents * smoothstep((since - o.vibratoDelaySeconds) / o.vibratoRampSeconds);
    return depth * Math.sin(2 * Math.PI * o.vibratoRateHz * since + o.vibratoPhase);
  };
  // A legato glide leaves from where the voice is at the note change, vibrato included.
  const glideFrom = notes.map(() => 0);
  for (let k = 1; k < notes.length; k++) {
    const t = notes[k].startSeconds;
    glideFrom[k] = centreCents(k - 1, t) + vibratoCents(k - 1, t);
  }
  const noteEnvelope = (i: number, t: number): number => {
    const note = notes[i];
    const attack = note.legato && i > 0 ? 1 : smoothstep((t - note.startSeconds) / o.attackSeconds);
    const nextLegato = i + 1 < notes.length && notes[i + 1].legato;
    const release =
      nextLegato && t < notes[i + 1].startSeconds + o.portamentoSeconds
        ? 1
        : 1 - smoothstep((t - note.endSeconds) / o.releaseSeconds);
    return t < note.startSeconds ? 0 : attack * release;
  };
  const envelopeAt = (t: number): number => {
    const k = noteIndexAt(notes, t);
    if (k < 0) return 0;
    return k > 0 ? Math.max(noteEnvelope(k, t), noteEnvelope(k - 1, t)) : noteEnvelope(k, t);
  };
  const f0At = (t: number): number => {
    const k = noteIndexAt(notes, t);
    if (k < 0) return 0;
    return 440 * 2 ** ((centreCents(k, t) + vibratoCents(k, t) - 6900) / 1200);
  };
  const centreMidiAt = (t: number): number => {
    const k = noteIndexAt(notes, t);
    return k < 0 ? Number.NaN : centreCents(k, t) / 100;
  };

  const voice = new Float32Array(frames);
  const control = 32;
  const cascade = new BiquadCascade(1, 5);
  const block = new Float32Array(control);
  const aspiration = 10 ** (o.aspirationDb / 20);
  const topHz = Math.min(9000, 0.45 * fs);
  let phase = 0;
  for (let start = 0; start < frames; start += control) {
    const length = Math.min(control, frames - start);
    const tMid = (start + length / 2) / fs;
    const k = noteIndexAt(notes, tMid);
    if (k >= 0) {
      const note = notes[k];
      const from = note.legato && k > 0 ? notes[k - 1].vowel : note.vowel;
      cascade.setSections(
        vowelSections(from, note.vowel, smoothstep((tMid - note.startSeconds) / 0.05), fs),
      );
    }
    // Pitch and level are worked out per 32-sample block (0.67 ms) and ramped linearly in
    // between: far finer than any glide, vibrato or envelope here (error < 0.01 cent).
    const f0Start = f0At(start / fs);
    const f0Step = (f0At((start + length) / fs) - f0Start) / length;
    const ampStart = envelopeAt(start / fs);
    const ampStep = (envelopeAt((start + length) / fs) - ampStart) / length;
    for (let j = 0; j < length; j++) {
      const f0 = f0Start + f0Step * j;
      const amp = ampStart + ampStep * j;
      if (f0 <= 0 || amp <= 0) {
        block[j] = 0;
        continue;
      }
      phase += f0 / fs;
      phase -= Math.floor(phase);
      // Σ_h w(h f0) sin(hφ)/h by the Chebyshev recurrence sin(hφ) = 2cosφ sin((h−1)φ) − sin((h−2)φ).
      const w = 2 * Math.PI * phase;
      const twoCos = 2 * Math.cos(w);
      let s1 = Math.sin(w);
      let s2 = 0;
      let sum = 0;
      for (let h = 1; h * f0 < topHz; h++) {
        const hz = h * f0;
        const taper =
          hz < topHz - 1500 ? 1 : 0.5 + 0.5 * Math.cos((Math.PI * (hz - topHz + 1500)) / 1500);
        sum += (taper * s1) / h;
        const next = twoCos * s1 - s2;
        s2 = s1;
        s1 = next;
      }
      block[j] = amp * (sum + aspiration * 4 * (prng.next() - 0.5));
    }
    cascade.processChannel(0, block, length);
    voice.set(block.subarray(0, length), start);
  }

  // Breaths: band-passed noise (0.5–4 kHz) with 50 ms fades.
  const breathFilter = new BiquadCascade(1, 2);
  breathFilter.setSections([rbj('highpass', 500, 0.7, 0, fs), rbj('lowpass', 4000, 0.7, 0, fs)]);
  const noise = new Float32Array(frames);
  for (const [b0, b1] of o.breaths) {
    for (let i = Math.round(b0 * fs); i < Math.min(frames, Math.round(b1 * fs)); i++) {
      const t = i / fs;
      const fade = smoothstep((t - b0) / 0.05) * smoothstep((b1 - t) / 0.05);
      noise[i] = fade * (prng.next() - 0.5);
    }
  }
  breathFilter.processChannel(0, noise, frames);

  let voicePeak = 0;
  for (let i = 0; i < frames; i++) voicePeak = Math.max(voicePeak, Math.abs(voice[i]));
  let noisePeak = 0;
  for (let i = 0; i < frames; i++) noisePeak = Math.max(noisePeak, Math.abs(noise[i]));
  const breathGain = noisePeak > 0 ? (voicePeak * 10 ** (o.breathDb / 20)) / noisePeak : 0;
  const samples = new Float32Array(frames);
  let peak = 0;
  for (let i = 0; i < frames; i++) {
    samples[i] = voice[i] + breathGain * noise[i];
    peak = Math.max(peak, Math.abs(samples[i]));
  }
  const gain = peak > 0 ? 10 ** (o.peakDbfs / 20) / peak : 1;
  for (let i = 0; i < frames; i++) samples[i] *= gain;
  return { samples, sampleRate: fs, f0At, envelopeAt, centreMidiAt };
}
