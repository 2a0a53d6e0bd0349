import type { Prng } from '../../core/prng.js';
import { beatsToSeconds } from './arrangement.js';
import type { HumHarmonic } from './flaws.js';
import type { TimeWarp } from './performance.js';
import { TAKE } from './take-names.js';
import type { CompPhraseTruth, VocalFlawKind } from './truth.js';
import type { MelodyNote, Phrase } from './types.js';

/**
 * Where the deliberate flaws go (with `flaws: true`). The vocal flaws are spread so that
 * every phrase has at least one clean take, and the comp table says which:
 *
 *   phrase 1: take 2 pitchy                  → clean: take 1, take 3
 *   phrase 2: take 1 clipped burst           → clean: take 3, take 2
 *   phrase 3: take 2 pitchy, take 3 late     → clean: take 1
 *   phrase 4: take 1 clicks                  → clean: take 3, take 2
 *
 * Take 2 (the double) also drifts smoothly against the grid over the whole song; that is
 * what alignment is for, so the comp table does not count it as a flaw.
 */

/** The bass was overdubbed late by a constant 23.4 ms (1123.2 samples at 48 kHz). */
export const LATE_OVERDUB = { take: TAKE.bass, offsetMs: 23.4 } as const;

export const DOUBLE_WARP: TimeWarp & { readonly take: string } = {
  take: TAKE.vocal2,
  baseDelayMs: 15,
  depthMs: 10,
  periodSeconds: 11,
};

export const PITCHY = { take: TAKE.vocal2, phrases: [0, 2], minCents: 20, maxCents: 45 } as const;

/** 50 Hz mains hum on the bass DI; odd harmonics stronger, as a ground loop's buzz. */
export const HUM = {
  take: TAKE.bass,
  mainsHz: 50,
  levelsDbfs: [-46, -58, -52, -64, -58, -66],
} as const;

/** The singer leans in on beats 18–22 (phrase 2) and the preamp clips at −2 dBFS. */
export const CLIPPING = {
  take: TAKE.vocal1,
  phrase: 1,
  startBeat: 18,
  endBeat: 22,
  boostDb: 12,
  clipLevelDbfs: -2,
  rampSeconds: 0.03,
} as const;

/** Three clicks in phrase 4 of take 1, each inside a sung note. */
export const CLICKS = {
  take: TAKE.vocal1,
  phrase: 3,
  beats: [50.6, 53.3, 58.9],
  minAmplitude: 0.15,
  maxAmplitude: 0.3,
} as const;

export const LATE_PHRASE = { take: TAKE.vocal3, phrase: 2, lateMs: 80 } as const;

/** The comp's order of preference among clean takes: the lead, the third take, the double. */
export const COMP_PREFERENCE = [TAKE.vocal1, TAKE.vocal3, TAKE.vocal2] as const;

/** Detune of each note in the pitchy phrases: 20–45 cents, random sign. */
export function pitchyDetunes(melody: readonly MelodyNote[], prng: Prng): Map<number, number> {
  const detunes = new Map<number, number>();
  for (const note of melody) {
    if (!(PITCHY.phrases as readonly number[]).includes(note.phrase)) continue;
    const size = prng.uniform(PITCHY.minCents, PITCHY.maxCents);
    detunes.set(note.index, prng.next() < 0.5 ? -size : size);
  }
  return detunes;
}

export function humHarmonics(prng: Prng): HumHarmonic[] {
  return HUM.levelsDbfs.map((levelDbfs, i) => ({
    harmonic: i + 1,
    frequencyHz: HUM.mainsHz * (i + 1),
    levelDbfs,
    phaseRadians: prng.uniform(0, 2 * Math.PI),
  }));
}

export function clickList(prng: Prng, tempoBpm: number, sampleRate: number) {
  return CLICKS.beats.map((beat) => {
    const sample = Math.round(beatsToSeconds(beat, tempoBpm) * sampleRate);
    const size = prng.uniform(CLICKS.minAmplitude, CLICKS.maxAmplitude);
    return { sample, seconds: sample / sampleRate, amplitude: prng.next() < 0.5 ? -size : size };
  });
}

export function compTable(phrases: readonly Phrase[]): CompPhraseTruth[] {
  return phrases.map((phrase) => {
    const flaws: { take: string; kind: VocalFlawKind }[] = [];
    if ((PITCHY.phrases as readonly number[]).includes(phrase.index))
      flaws.push({ take: PITCHY.take, kind: 'pitchy' });
    if (phrase.index === CLIPPING.phrase) flaws.push({ take: CLIPPING.take, kind: 'clipped' });
    if (phrase.index === CLICKS.phrase) flaws.push({ take: CLICKS.take, kind: 'clicks' });
    if (phrase.index === LATE_PHRASE.phrase) flaws.push({ take: LATE_PHRASE.take, kind: 'late' });
    const cleanTakes = COMP_PREFERENCE.filter((take) => !flaws.some((f) => f.take === take));
    return {
      phrase: phrase.index,
      startSeconds: phrase.startSeconds,
      endSeconds: phrase.endSeconds,
      flaws,
      cleanTakes,
      bestTake: cleanTakes[0],
    };
  });
}
