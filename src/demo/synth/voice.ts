import type { Prng } from '../../core/prng.js';
import { dbToGain } from '../../core/units.js';
import { BiquadCascade, type BiquadCoefficients } from '../../dsp/biquad.js';
import { smoothstep } from './envelopes.js';
import { interpolateFormants, resonator, vowelFormants } from './formants.js';
import { rosenbergFlow } from './glottal.js';
import { fillWhiteNoise } from './random.js';
import type { SungNote } from './types.js';

/**
 * A singing voice by source–filter synthesis: a Rosenberg glottal pulse train at the sung
 * pitch (with portamento, delayed vibrato and cycle-to-cycle jitter), plus breath noise
 * that puffs with each glottal opening, through a cascade of five formant resonators
 * that glide from vowel to vowel.
 */
export interface VoiceStyle {
  readonly vibratoRateHz: number;
  /** Peak pitch deviation of the fully developed vibrato, cents. */
  readonly vibratoDepthCents: number;
  /** Time after a note's start before the vibrato begins, seconds… */
  readonly vibratoDelaySeconds: number;
  /** …and the time it then takes to reach full depth. */
  readonly vibratoRampSeconds: number;
  /** RMS relative change of each glottal period (jitter), e.g. 0.002 = 0.2 %. */
  readonly jitterRatio: number;
  /** Breath noise relative to the voiced source, dB. */
  readonly aspirationDb: number;
  /** Glide time between legato notes. */
  readonly portamentoSeconds: number;
  readonly attackSeconds: number;
  readonly releaseSeconds: number;
}

/** Notes closer than this are sung legato: the pitch glides, the vowel morphs. */
const LEGATO_GAP_SECONDS = 0.05;
/** Time for the formants to move to the next note's vowel. */
const VOWEL_GLIDE_SECONDS = 0.06;
/** Formant coefficients are recomputed every this many samples (0.67 ms at 48 kHz). */
const CONTROL_FRAMES = 32;
/** Scales the differentiated flow to a workable level before the take is normalised. */
const SOURCE_GAIN = 30;
/** Breath noise is this much below the voiced source at aspirationDb = 0. */
const ASPIRATION_SCALE = 0.1;

export function isLegato(previous: SungNote, next: SungNote): boolean {
  return next.startSeconds - previous.endSeconds < LEGATO_GAP_SECONDS;
}

/** What the inner loop needs of each note, worked out once. */
interface PreparedNote {
  readonly start: number;
  readonly end: number;
  readonly cents: number;
  /** Pitch in cents glided from (the previous note's, when legato; else this note's). */
  readonly fromCents: number;
  readonly gain: number;
  readonly legato: boolean;
  readonly sections: readonly BiquadCoefficients[];
}

function prepare(notes: readonly SungNote[], sampleRate: number): PreparedNote[] {
  return notes.map((note, k) => {
    const cents = note.midi * 100 + note.centsOffset;
    const legato = k > 0 && isLegato(notes[k - 1], note);
    const previous = notes[k - 1];
    return {
      start: note.startSeconds,
      end: note.endSeconds,
      cents,
      fromCents: legato ? previous.midi * 100 + previous.centsOffset : cents,
      gain: dbToGain(note.gainDb),
      legato,
      sections: vowelFormants(note.vowel).map((f) => resonator(f, sampleRate)),
    };
  });
}

/**
 * The sung pitch in cents (MIDI × 100) at `t` while note `note` is current: a glide from
 * the previous note, then vibrato fading in after the stated delay.
 */
function pitchCents(note: PreparedNote, t: number, style: VoiceStyle): number {
  const sinceStart = t - note.start;
  const cents =
    note.fromCents +
    (note.cents - note.fromCents) * smoothstep(sinceStart / style.portamentoSeconds);
  const depth =
    style.vibratoDepthCents *
    smoothstep((sinceStart - style.vibratoDelaySeconds) / style.vibratoRampSeconds);
  return cents + depth * Math.sin(2 * Math.PI * style.vibratoRateHz * sinceStart);
}

function envelope(note: PreparedNote, t: number, style: VoiceStyle): number {
  const attack = smoothstep((t - note.start) / style.attackSeconds);
  const release = 1 - smoothstep((t - note.end) / style.releaseSeconds);
  return note.gain * attack * release;
}

/** Resonators for note k at time t: its vowel, or on the way there from the previous one. */
function sectionsAt(
  notes: readonly SungNote[],
  prepared: readonly PreparedNote[],
  k: number,
  t: number,
  sampleRate: number,
): readonly BiquadCoefficients[] {
  const note = prepared[k];
  const x = (t - note.start) / VOWEL_GLIDE_SECONDS;
  if (!note.legato || x >= 1 || notes[k - 1].vowel === notes[k].vowel) return note.sections;
  const from = vowelFormants(notes[k - 1].vowel);
  return interpolateFormants(from, vowelFormants(notes[k].vowel), smoothstep(x)).map((f) =>
    resonator(f, sampleRate),
  );
}

/** Where `singPhrase` writes for these notes: [first sample, end sample). */
export function phraseSpan(
  notes: readonly SungNote[],
  style: VoiceStyle,
  sampleRate: number,
  frames: number,
): [number, number] {
  const first = Math.max(0, Math.floor(notes[0].startSeconds * sampleRate));
  const tailSeconds = style.releaseSeconds + 0.05; // let the resonators ring out
  const end = Math.min(
    frames,
    Math.ceil((notes[notes.length - 1].endSeconds + tailSeconds) * sampleRate),
  );
  return [first, end];
}

/**
 * Sings `notes` (one phrase, in time order, not overlapping) into `target`, adding to what
 * is there. Draws from `prng` for the glottal phase, jitter and breath noise. Pitch and
 * loudness are worked out every CONTROL_FRAMES samples and ramped linearly in between
 * (at 0.67 ms the ramp is far finer than any glide, vibrato or attack here).
 */
export function singPhrase(
  target: Float32Array,
  notes: readonly SungNote[],
  style: VoiceStyle,
  prng: Prng,
  sampleRate: number,
): void {
  if (notes.length === 0) return;
  const prepared = prepare(notes, sampleRate);
  const [first, end] = phraseSpan(notes, style, sampleRate, target.length);
  const cascade = new BiquadCascade(1, 5);
  const block = new Float32Array(CONTROL_FRAMES);
  const noise = new Float32Array(CONTROL_FRAMES);
  const aspiration = dbToGain(style.aspirationDb) * ASPIRATION_SCALE;

  let k = 0;
  const advance = (t: number) => {
    while (k + 1 < prepared.length && t >= prepared[k + 1].start) k++;
  };
  const f0At = (t: number) => 440 * 2 ** ((pitchCents(prepared[k], t, style) - 6900) / 1200);
  const ampAt = (t: number) =>
    k > 0
      ? Math.max(envelope(prepared[k], t, style), envelope(prepared[k - 1], t, style))
      : envelope(prepared[k], t, style);

  let phase = prng.next();
  let periodScale = 1;
  let previousFlow = rosenbergFlow(phase);
  for (let blockStart = first; blockStart < end; blockStart += CONTROL_FRAMES) {
    const length = Math.min(CONTROL_FRAMES, end - blockStart);
    const t0 = blockStart / sampleRate;
    const t1 = (blockStart + length) / sampleRate;
    advance(t0);
    cascade.setSections(sectionsAt(notes, prepared, k, (t0 + t1) / 2, sampleRate));
    const f0Start = f0At(t0);
    const ampStart = ampAt(t0);
    advance(t1);
    const f0Step = (f0At(t1) - f0Start) / length;
    const ampStep = (ampAt(t1) - ampStart) / length;
    fillWhiteNoise(noise, prng);
    for (let j = 0; j < length; j++) {
      phase += ((f0Start + f0Step * j) * periodScale) / sampleRate;
      if (phase >= 1) {
        phase -= 1;
        // Jitter: each glottal cycle is a little longer or shorter than the last.
        periodScale = 1 + style.jitterRatio * Math.max(-3, Math.min(3, prng.gaussian()));
      }
      const flow = rosenbergFlow(phase);
      const voiced = (flow - previousFlow) * SOURCE_GAIN;
      previousFlow = flow;
      const breath = aspiration * noise[j] * (0.3 + flow);
      block[j] = (ampStart + ampStep * j) * (voiced + breath);
    }
    cascade.processChannel(0, block, length);
    for (let j = 0; j < length; j++) target[blockStart + j] += block[j];
  }
}
