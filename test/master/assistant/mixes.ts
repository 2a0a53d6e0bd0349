import type { AudioData } from '../../../src/core/audio.js';
import { balancedCurveDb } from '../../../src/master/assistant/index.js';
import { audibleBand, fromMidSide, shapedNoise } from '../reference/signals.js';

/**
 * Mixes with known problems, built from noise whose third-octave band power follows the
 * balanced curve (amplitude density = curve − 10·log10(f / 1 kHz): band power of a density
 * ∝ 1/f is the same in every third-octave). Each problem is added on purpose and alone.
 */
export const FS = 48000;
export const FRAMES = 2 ** 18;

const density = (extraDb: (f: number) => number) =>
  audibleBand((f) => balancedCurveDb(f) - 10 * Math.log10(f / 1000) + extraDb(f));

/** Side: the same balance 12 dB down, with no side below ~150 Hz (a mono low end). */
const monoLowEnd = (f: number) => (f < 150 ? -40 * Math.log2(150 / f) : 0);

export interface MixOptions {
  /** Extra dB on mid and side, by frequency. */
  readonly extraDb?: (f: number) => number;
  /** Side shape relative to mid (dB, by frequency); default: −12 dB with a mono low end. */
  readonly sideDb?: (f: number) => number;
  readonly seed?: number;
}

export function stereoMix(options: MixOptions = {}): AudioData {
  const extra = options.extraDb ?? (() => 0);
  const side = options.sideDb ?? ((f: number) => -12 + monoLowEnd(f));
  const seed = options.seed ?? 100;
  const mid = shapedNoise(FRAMES, FS, density(extra), seed, -20);
  // Side is scaled relative to mid by building both at the same reference level.
  const sideSignal = shapedNoise(
    FRAMES,
    FS,
    density((f) => extra(f) + side(f)),
    seed + 1,
    -20,
  );
  const scale = sideScale(extra, side);
  return {
    sampleRate: FS,
    channels: fromMidSide(
      mid,
      sideSignal.map((v) => v * scale),
    ),
  };
}

/**
 * shapedNoise normalises each signal to −20 dBFS RMS; to keep side at `side(f)` dB relative
 * to mid, undo that normalisation by the ratio of their expected powers.
 */
function sideScale(extra: (f: number) => number, side: (f: number) => number): number {
  let midPower = 0;
  let sidePower = 0;
  for (let k = 1; k <= FRAMES / 2; k++) {
    const f = (k * FS) / FRAMES;
    midPower += 10 ** (density(extra)(f) / 10);
    sidePower += 10 ** (density((x) => extra(x) + side(x))(f) / 10);
  }
  return Math.sqrt(sidePower / midPower);
}

/** A smooth low-shelf-like excess: `db` at the bottom, half at `hz`. */
export const lowExcess = (db: number, hz: number) => (f: number) => db / (1 + (f / hz) ** 2);

/** A bump of `db` at `hz`, Gaussian in log-frequency with `octaves` standard deviation. */
export const bump = (db: number, hz: number, octaves: number) => (f: number) =>
  db * Math.exp(-0.5 * (Math.log2(f / hz) / octaves) ** 2);

/** Every sample through a hard clip at ±`level`: what a crushed mix looks like. */
export function clipped(audio: AudioData, level: number): AudioData {
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.map((v) => Math.max(-level, Math.min(level, v)))),
  };
}

/**
 * Every `periodSeconds`, `lengthSeconds` of the signal raised by `db` (drum-like peaks),
 * then everything by `trimDb`.
 */
export function accented(
  audio: AudioData,
  db: number,
  periodSeconds: number,
  lengthSeconds: number,
  trimDb = 0,
): AudioData {
  const period = Math.round(periodSeconds * audio.sampleRate);
  const length = Math.round(lengthSeconds * audio.sampleRate);
  const g = 10 ** (db / 20);
  const trim = 10 ** (trimDb / 20);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.map((v, i) => (i % period < length ? v * g : v) * trim)),
  };
}

/**
 * Sibilant bursts: every `periodSeconds`, `lengthSeconds` of `burst` (a 5–10 kHz noise)
 * added to both channels.
 */
export function withBursts(
  audio: AudioData,
  burst: Float32Array,
  periodSeconds: number,
  lengthSeconds: number,
): AudioData {
  const period = Math.round(periodSeconds * audio.sampleRate);
  const length = Math.round(lengthSeconds * audio.sampleRate);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) =>
      c.map((v, i) => {
        const p = i % period;
        // Raised-cosine envelope: an "s" swells and fades, it does not click.
        const env = p < length ? 0.5 - 0.5 * Math.cos((2 * Math.PI * p) / length) : 0;
        return v + env * burst[i];
      }),
    ),
  };
}
