import type { Prng } from '../../core/prng.js';
import type { MelodyNote, SungNote } from './types.js';

/**
 * How one vocal take sings the melody: a little natural spread in timing, pitch and
 * level (different on every take), plus any deliberate flaws. The natural spread is drawn
 * for every note in melody order whatever the flaws, so a take's clean reference and its
 * flawed version share the same performance except where the flaws act.
 */

/** A smooth drift of a take against the grid: delayMs(t) = baseDelayMs + depthMs·sin(2π·t / periodSeconds). */
export interface TimeWarp {
  readonly baseDelayMs: number;
  readonly depthMs: number;
  readonly periodSeconds: number;
}

export function timeWarpDelayMs(warp: TimeWarp, seconds: number): number {
  return warp.baseDelayMs + warp.depthMs * Math.sin((2 * Math.PI * seconds) / warp.periodSeconds);
}

export interface PerformanceSpec {
  /** Each note starts up to ± this far off the melody's time. */
  readonly timingSpreadMs: number;
  /** Each note is sung up to ± this far off its pitch. */
  readonly pitchSpreadCents: number;
  /** Each note's level varies by up to ± this. */
  readonly gainSpreadDb: number;
  /** Deliberate detune by melody index (the "pitchy" flaw), cents. */
  readonly detuneCents?: ReadonlyMap<number, number>;
  /** Whole phrases sung late, by phrase index, ms. */
  readonly lateMsByPhrase?: ReadonlyMap<number, number>;
  readonly warp?: TimeWarp;
}

export function perform(
  melody: readonly MelodyNote[],
  spec: PerformanceSpec,
  prng: Prng,
): SungNote[] {
  const natural = melody.map(() => ({
    timingMs: prng.uniform(-1, 1) * spec.timingSpreadMs,
    cents: prng.uniform(-1, 1) * spec.pitchSpreadCents,
    gainDb: prng.uniform(-1, 1) * spec.gainSpreadDb,
  }));
  const shift = (m: MelodyNote, i: number) =>
    (natural[i].timingMs + (spec.lateMsByPhrase?.get(m.phrase) ?? 0)) / 1000;
  const starts = melody.map((m, i) => m.startSeconds + shift(m, i));
  const warp = (t: number) => (spec.warp ? t + timeWarpDelayMs(spec.warp, t) / 1000 : t);

  return melody.map((m, i) => {
    const next = melody[i + 1];
    const melodyEnd = m.startSeconds + m.lengthSeconds;
    // A note that runs into the next one keeps running into it, wherever that now starts.
    const legato =
      next !== undefined &&
      next.phrase === m.phrase &&
      Math.abs(next.startSeconds - melodyEnd) < 1e-9;
    const end = legato ? starts[i + 1] : melodyEnd + shift(m, i);
    return {
      melodyIndex: m.index,
      phrase: m.phrase,
      startSeconds: warp(starts[i]),
      endSeconds: warp(end),
      midi: m.midi,
      centsOffset: natural[i].cents + (spec.detuneCents?.get(m.index) ?? 0),
      vowel: m.vowel,
      gainDb: natural[i].gainDb,
    };
  });
}
