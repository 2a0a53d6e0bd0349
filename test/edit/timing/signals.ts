/**
 * Test material for the timing tests, synthesised from seeded PRNGs so every run is
 * identical, with its timing known by construction: every hit starts on a stated sample,
 * every delay is applied exactly (in the frequency domain), every warp is a stated function.
 */
import type { AudioData } from '../../../src/core/audio.js';
import { nextPowerOfTwo, RealFft } from '../../../src/core/fft.js';
import { Prng } from '../../../src/core/prng.js';

const TWO_PI = 2 * Math.PI;

export function mono(sampleRate: number, x: Float32Array): AudioData {
  return { sampleRate, channels: [x] };
}

// ---- drum hits ------------------------------------------------------------------------

export type DrumKind = 'kick' | 'snare' | 'hat';

/**
 * Envelope of a hit: a raised-cosine rise over `attackSeconds`, then an exponential decay
 * with time constant `decaySeconds`; zero before t = 0.
 */
export function hitEnvelope(t: number, attackSeconds: number, decaySeconds: number): number {
  if (t < 0) return 0;
  const rise = t >= attackSeconds ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * t) / attackSeconds);
  return rise * Math.exp(-t / decaySeconds);
}

/** One-pole high-pass of white noise at roughly `cornerHz` (brighter noise for wires, hats). */
function brightNoise(prng: Prng, frames: number, cornerHz: number, sampleRate: number) {
  const a = Math.exp((-TWO_PI * cornerHz) / sampleRate);
  const out = new Float64Array(frames);
  let previousIn = 0;
  let previousOut = 0;
  for (let i = 0; i < frames; i++) {
    const x = prng.uniform(-1, 1);
    previousOut = a * (previousOut + x - previousIn);
    previousIn = x;
    out[i] = previousOut;
  }
  return out;
}

export const HIT_SHAPES: Record<DrumKind, { attackSeconds: number; seconds: number }> = {
  kick: { attackSeconds: 0.001, seconds: 0.4 },
  snare: { attackSeconds: 0.0006, seconds: 0.3 },
  hat: { attackSeconds: 0.0003, seconds: 0.1 },
};

/** A drum hit starting at sample 0: kick (swept sine + click), snare (shell + wires), hat. */
export function drumHit(kind: DrumKind, sampleRate: number, seed: number): Float32Array {
  const prng = new Prng(seed);
  const { attackSeconds, seconds } = HIT_SHAPES[kind];
  const frames = Math.round(seconds * sampleRate);
  const out = new Float32Array(frames);
  if (kind === 'kick') {
    const click = brightNoise(prng, frames, 2000, sampleRate);
    for (let i = 0; i < frames; i++) {
      const t = i / sampleRate;
      const phase = TWO_PI * (50 * t + 100 * 0.03 * (1 - Math.exp(-t / 0.03)));
      out[i] =
        Math.sin(phase) * hitEnvelope(t, attackSeconds, 0.12) +
        0.4 * click[i] * hitEnvelope(t, attackSeconds, 0.004);
    }
  } else if (kind === 'snare') {
    const wires = brightNoise(prng, frames, 1500, sampleRate);
    for (let i = 0; i < frames; i++) {
      const t = i / sampleRate;
      const shell = Math.sin(TWO_PI * 190 * t) + 0.5 * Math.sin(TWO_PI * 340 * t);
      out[i] =
        0.5 * shell * hitEnvelope(t, attackSeconds, 0.05) +
        0.8 * wires[i] * hitEnvelope(t, attackSeconds, 0.07);
    }
  } else {
    const metal = brightNoise(prng, frames, 7000, sampleRate);
    for (let i = 0; i < frames; i++) {
      out[i] = 0.6 * metal[i] * hitEnvelope(i / sampleRate, attackSeconds, 0.025);
    }
  }
  return out;
}

export interface PlacedHit {
  readonly kind: DrumKind;
  /** First sample of the hit (exact, by construction). */
  readonly sample: number;
  readonly velocity: number;
  readonly seed: number;
}

/** Mixes hits into a buffer of `frames` samples. */
export function renderHits(
  hits: readonly PlacedHit[],
  sampleRate: number,
  frames: number,
): Float32Array {
  const out = new Float32Array(frames);
  for (const hit of hits) {
    const wave = drumHit(hit.kind, sampleRate, hit.seed);
    for (let i = 0; i < wave.length && hit.sample + i < frames; i++) {
      if (hit.sample + i >= 0) out[hit.sample + i] += hit.velocity * wave[i];
    }
  }
  return out;
}

/**
 * A rock pattern in 4/4 at `bpm`: kick on beats 1 and 3 (and the "and" of 3 every other bar),
 * snare on 2 and 4, closed hats on every eighth, starting at `firstBeatSeconds`. `jitter`
 * returns a per-hit timing error in seconds (default none).
 */
export function rockPattern(
  bpm: number,
  bars: number,
  sampleRate: number,
  firstBeatSeconds: number,
  jitter: (index: number) => number = () => 0,
): { hits: PlacedHit[]; gridSeconds: number[] } {
  const beat = 60 / bpm;
  const hits: PlacedHit[] = [];
  const gridSeconds: number[] = [];
  let index = 0;
  for (let bar = 0; bar < bars; bar++) {
    for (let eighth = 0; eighth < 8; eighth++) {
      const t = firstBeatSeconds + (bar * 4 + eighth / 2) * beat;
      const kinds: DrumKind[] = ['hat'];
      if (eighth === 0 || eighth === 4 || (eighth === 5 && bar % 2 === 1)) kinds.push('kick');
      if (eighth === 2 || eighth === 6) kinds.push('snare');
      const sample = Math.round((t + jitter(index)) * sampleRate);
      gridSeconds.push(t);
      for (const kind of kinds) {
        hits.push({
          kind,
          sample,
          velocity: kind === 'hat' ? (eighth % 2 === 0 ? 0.5 : 0.35) : 0.9,
          seed: 1000 + 7 * index + kinds.indexOf(kind),
        });
      }
      index++;
    }
  }
  return { hits, gridSeconds };
}

// ---- tones and voice ------------------------------------------------------------------

/** A steady sine (or a few harmonics) with a 5 ms fade in and out. */
export function steadyTone(
  sampleRate: number,
  seconds: number,
  hz: number,
  harmonics: readonly number[] = [1],
): Float32Array {
  const frames = Math.round(seconds * sampleRate);
  const fade = Math.round(0.005 * sampleRate);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let v = 0;
    for (let h = 0; h < harmonics.length; h++) {
      v += harmonics[h] * Math.sin((TWO_PI * hz * (h + 1) * i) / sampleRate);
    }
    const edge = Math.min(1, i / fade, (frames - 1 - i) / fade);
    out[i] = 0.5 * v * edge;
  }
  return out;
}

/** Vowel formants (Hz) and bandwidths, after Peterson & Barney (1952) averages. */
const VOWELS = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
  [530, 1840, 2480],
] as const;

export interface VoiceNote {
  readonly startSeconds: number;
  readonly seconds: number;
  readonly midi: number;
  readonly vowel: number;
}

/** A sung phrase: notes of `seconds` each, with small gaps, over a minor-pentatonic range. */
export function melody(seed: number, totalSeconds: number, leadIn = 0.2): VoiceNote[] {
  const prng = new Prng(seed);
  const scale = [0, 3, 5, 7, 10, 12, 15];
  const notes: VoiceNote[] = [];
  let t = leadIn;
  while (t < totalSeconds - 0.5) {
    const seconds = prng.uniform(0.18, 0.5);
    notes.push({
      startSeconds: t,
      seconds,
      midi: 55 + scale[Math.floor(prng.uniform(0, scale.length))],
      vowel: Math.floor(prng.uniform(0, VOWELS.length)),
    });
    t += seconds + prng.uniform(0.02, 0.12);
  }
  return notes;
}

/**
 * A voice-like signal: each note a glottal-like harmonic series (−6 dB/octave: source and
 * lip radiation) shaped by three vowel formants, with 5.5 Hz vibrato of ±25 cents, a 25 ms
 * attack and a 40 ms release, and a breath of noise at each attack.
 *
 * `scoreTimeOf` maps performance time to score time (identity by default). Everything that
 * moves in time — note boundaries, envelopes, vibrato, breath — is evaluated at the score
 * time of each sample, while the oscillators advance at the true pitch: the result is the
 * same performance played through that time warp with its pitch kept, so the warp is known
 * exactly (performance time τ corresponds to score time scoreTimeOf(τ)).
 */
export function voiceLike(
  sampleRate: number,
  totalSeconds: number,
  notes: readonly VoiceNote[],
  seed: number,
  scoreTimeOf: (performanceSeconds: number) => number = (t) => t,
): Float32Array {
  const frames = Math.round(totalSeconds * sampleRate);
  const out = new Float32Array(frames);
  const release = 0.04;
  // Score time of every sample, and the first sample at or after a score time.
  const score = new Float64Array(frames);
  for (let i = 0; i < frames; i++) score[i] = scoreTimeOf(i / sampleRate);
  const firstAtOrAfter = (s: number) => {
    let lo = 0;
    let hi = frames;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (score[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  notes.forEach((note, index) => {
    // One generator per note: the same seed sings the same notes the same way.
    const prng = new Prng(seed * 7919 + index);
    const f0 = 440 * 2 ** ((note.midi - 69) / 12);
    const [f1, f2, f3] = VOWELS[note.vowel];
    const count = Math.floor(5000 / f0);
    const amps = new Float64Array(count + 1);
    for (let h = 1; h <= count; h++) {
      const f = h * f0;
      const formant = (fc: number, bw: number) => 1 / (1 + ((f - fc) / bw) ** 2);
      amps[h] = (0.2 + 4 * formant(f1, 90) + 3 * formant(f2, 110) + 1.5 * formant(f3, 160)) / h;
    }
    const breath = new Float64Array(Math.ceil(0.03 * sampleRate) + 1);
    for (let i = 0; i < breath.length; i++) breath[i] = prng.uniform(-1, 1);
    const vibratoPhase = prng.uniform(0, TWO_PI);
    let phase = prng.uniform(0, TWO_PI);
    const end = note.startSeconds + note.seconds;
    const first = firstAtOrAfter(note.startSeconds);
    const last = Math.min(frames, firstAtOrAfter(end + release));
    for (let i = first; i < last; i++) {
      const t = score[i] - note.startSeconds; // time into the note, in score time
      const cents = 25 * Math.sin(TWO_PI * 5.5 * t + vibratoPhase);
      phase += (TWO_PI * f0 * 2 ** (cents / 1200)) / sampleRate;
      let v = 0;
      for (let h = 1; h <= count; h++) v += amps[h] * Math.sin(h * phase);
      const attack = Math.min(1, t / 0.025);
      const fade = Math.min(1, Math.max(0, (end + release - score[i]) / release));
      const noise = t < 0.03 ? 0.05 * breath[Math.floor(t * sampleRate)] * (1 - t / 0.03) : 0;
      out[i] += 0.15 * v * attack * fade + noise;
    }
  });
  return out;
}

// ---- noise and exact delays -----------------------------------------------------------

/** Gaussian noise band-limited to [loHz, hiHz] by zeroing the other FFT bins. */
export function bandLimitedNoise(
  sampleRate: number,
  frames: number,
  loHz: number,
  hiHz: number,
  seed: number,
): Float32Array {
  const prng = new Prng(seed);
  const size = nextPowerOfTwo(frames);
  const fft = new RealFft(size);
  const x = new Float64Array(size);
  for (let i = 0; i < size; i++) x[i] = prng.gaussian();
  const spectrum = fft.createSpectrum();
  fft.forward(x, spectrum);
  for (let k = 0; k < size; k++) {
    const hz = (Math.min(k, size - k) * sampleRate) / size;
    if (hz < loHz || hz > hiHz) {
      spectrum[2 * k] = 0;
      spectrum[2 * k + 1] = 0;
    }
  }
  const y = new Float64Array(size);
  fft.inverse(spectrum, y);
  let peak = 0;
  for (let i = 0; i < frames; i++) peak = Math.max(peak, Math.abs(y[i]));
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = (0.5 * y[i]) / peak;
  return out;
}

/**
 * `x` delayed by `delaySamples` (any real number) as the ideal band-limited delay: the
 * spectrum of the zero-padded signal times e^{−iωd} (Nyquist bin removed). With at least
 * |d| samples of silence at the ends this is the exact continuous-time delay of the
 * band-limited signal the samples represent.
 */
export function exactDelay(x: Float32Array, delaySamples: number): Float32Array {
  const size = nextPowerOfTwo(x.length + Math.ceil(Math.abs(delaySamples)) + 64) * 2;
  const fft = new RealFft(size);
  const padded = new Float64Array(size);
  padded.set(x);
  const spectrum = fft.createSpectrum();
  fft.forward(padded, spectrum);
  for (let k = 0; k < size; k++) {
    const signed = k <= size / 2 ? k : k - size;
    if (k === size / 2) {
      spectrum[2 * k] = 0;
      spectrum[2 * k + 1] = 0;
      continue;
    }
    const angle = (-TWO_PI * signed * delaySamples) / size;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    spectrum[2 * k] = re * c - im * s;
    spectrum[2 * k + 1] = re * s + im * c;
  }
  const y = new Float64Array(size);
  fft.inverse(spectrum, y);
  // A negative delay wraps the start to the end of the padded buffer: leave it there.
  return Float32Array.from(y.subarray(0, x.length));
}

/** Adds seeded white noise at `snrDb` below `x`'s RMS (a second microphone's own noise). */
export function withNoise(x: Float32Array, snrDb: number, seed: number): Float32Array {
  const prng = new Prng(seed);
  let power = 0;
  for (const v of x) power += v * v;
  const rms = Math.sqrt(power / x.length) * 10 ** (-snrDb / 20);
  return x.map((v) => v + rms * prng.gaussian());
}
