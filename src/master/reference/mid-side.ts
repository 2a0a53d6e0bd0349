import type { AudioData } from '../../core/audio.js';
import { frameCount } from '../../core/audio.js';

/**
 * Mid and side in the convention of the `width` and `stereo` processors: M = (L + R) / 2,
 * S = (L − R) / 2, so L = M + S and R = M − S, and a mono signal is all mid. Mono audio is
 * its own mid and has no side; audio with more than two channels is refused by callers.
 */
export interface MidSide {
  readonly sampleRate: number;
  readonly mid: Float32Array;
  /** Null for mono audio. */
  readonly side: Float32Array | null;
}

export function midSide(audio: AudioData): MidSide {
  const frames = frameCount(audio);
  if (audio.channels.length === 1) {
    return { sampleRate: audio.sampleRate, mid: audio.channels[0], side: null };
  }
  const [left, right] = audio.channels;
  const mid = new Float32Array(frames);
  const side = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    mid[i] = (left[i] + right[i]) * 0.5;
    side[i] = (left[i] - right[i]) * 0.5;
  }
  return { sampleRate: audio.sampleRate, mid, side };
}

/** Σx² in double precision. */
export function energy(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return sum;
}

/**
 * Side-to-mid energy ratio in dB (10·log10(ΣS²/ΣM²)): −Infinity for mono or dual-mono,
 * 0 dB for uncorrelated channels of equal level, +Infinity for pure anti-phase. The width
 * a listener hears follows it: more side, a wider image.
 */
export function sideToMidDb(ms: MidSide): number {
  if (!ms.side) return Number.NEGATIVE_INFINITY;
  const s = energy(ms.side);
  const m = energy(ms.mid);
  if (s === 0) return Number.NEGATIVE_INFINITY;
  if (m === 0) return Number.POSITIVE_INFINITY;
  return 10 * Math.log10(s / m);
}
