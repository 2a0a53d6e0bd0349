import { dbToGain } from '../../core/units.js';
import { addInhale } from './breath.js';
import { addSignal, type TakeContext, takeNoise } from './context.js';
import { smoothstep } from './envelopes.js';
import { gainToPeak, peakAbs, scaleInPlace } from './levels.js';
import { type PerformanceSpec, perform } from './performance.js';
import { prngFor } from './random.js';
import { TAKE } from './take-names.js';
import type { BreathTruth, VocalTakeTruth } from './truth.js';
import type { SungNote } from './types.js';
import type { VoiceStyle } from './voice.js';
import { phraseSpan, singPhrase } from './voice.js';

/**
 * Three takes of the lead vocal by the same singer: take 1 on the grid and in tune (the
 * lead), take 2 a double with its own small spread in timing and pitch, take 3 another
 * pass. Their vibrato differs a little, as a singer's does from pass to pass.
 */
export interface VocalTakeSpec {
  readonly name: string;
  readonly description: string;
  readonly style: VoiceStyle;
  readonly timingSpreadMs: number;
  readonly pitchSpreadCents: number;
  readonly gainSpreadDb: number;
  readonly peakDbfs: number;
  readonly noiseDbfs: number;
}

const BASE_STYLE: VoiceStyle = {
  vibratoRateHz: 5.5,
  vibratoDepthCents: 40,
  vibratoDelaySeconds: 0.25,
  vibratoRampSeconds: 0.25,
  jitterRatio: 0.002,
  aspirationDb: -6,
  portamentoSeconds: 0.07,
  attackSeconds: 0.04,
  releaseSeconds: 0.08,
};

export const VOCAL_TAKES: readonly VocalTakeSpec[] = [
  {
    name: TAKE.vocal1,
    description: 'lead vocal, take 1: on the grid and in tune (the lead)',
    style: BASE_STYLE,
    timingSpreadMs: 0,
    pitchSpreadCents: 0,
    gainSpreadDb: 1,
    peakDbfs: -8,
    noiseDbfs: -58,
  },
  {
    name: TAKE.vocal2,
    description: 'lead vocal, take 2: a double, ±8 ms and ±5 cents off the lead per note',
    style: { ...BASE_STYLE, vibratoRateHz: 5.3, vibratoDepthCents: 35 },
    timingSpreadMs: 8,
    pitchSpreadCents: 5,
    gainSpreadDb: 1.5,
    peakDbfs: -9.5,
    noiseDbfs: -57,
  },
  {
    name: TAKE.vocal3,
    description: 'lead vocal, take 3: another pass, ±6 ms and ±4 cents off the lead per note',
    style: { ...BASE_STYLE, vibratoRateHz: 5.8, vibratoDepthCents: 45, vibratoDelaySeconds: 0.2 },
    timingSpreadMs: 6,
    pitchSpreadCents: 4,
    gainSpreadDb: 1.5,
    peakDbfs: -7.5,
    noiseDbfs: -56,
  },
];

/** Breath before each phrase: 0.35 s long, ending 0.08 s before the first note. */
const BREATH_SECONDS = 0.35;
const BREATH_GAP_SECONDS = 0.08;
const BREATH_LEVEL_DB = -22;

/** A part of a take sung louder, by a smooth gain curve (for the clipping flaw). */
export interface Burst {
  readonly startSample: number;
  readonly endSample: number;
  readonly boostDb: number;
  readonly rampSeconds: number;
}

export interface VocalRecording {
  /** The take as recorded (with any performance flaws: detune, lateness, drift). */
  readonly take: Float32Array;
  /** The same take sung without those flaws, at the same gain, with the same room noise. */
  readonly reference: Float32Array;
  readonly truth: VocalTakeTruth;
}

/** Identical notes sing identically: same random stream, same span. */
function sameNotes(a: readonly SungNote[], b: readonly SungNote[]): boolean {
  return a.length === b.length && a.every((n, i) => JSON.stringify(n) === JSON.stringify(b[i]));
}

/**
 * Sings every phrase of `notes`. A phrase sung exactly as in `reuse.notes` is copied from
 * `reuse.voice` instead of sung again (phrases never overlap, so this is exact).
 */
function sing(
  spec: VocalTakeSpec,
  notes: readonly SungNote[],
  ctx: TakeContext,
  reuse?: { readonly notes: readonly SungNote[]; readonly voice: Float32Array },
): Float32Array {
  const out = new Float32Array(ctx.frames);
  const phrases = [...new Set(notes.map((n) => n.phrase))];
  for (const p of phrases) {
    const phraseNotes = notes.filter((n) => n.phrase === p);
    if (
      reuse &&
      sameNotes(
        phraseNotes,
        reuse.notes.filter((n) => n.phrase === p),
      )
    ) {
      const [start, end] = phraseSpan(phraseNotes, spec.style, ctx.sampleRate, ctx.frames);
      out.set(reuse.voice.subarray(start, end), start);
      continue;
    }
    // One random stream per phrase: a flaw in one phrase leaves the others sample-identical.
    const prng = prngFor(ctx.seed, `${spec.name} phrase ${p}`);
    singPhrase(out, phraseNotes, spec.style, prng, ctx.sampleRate);
  }
  return out;
}

function breathsFor(notes: readonly SungNote[]): BreathTruth[] {
  const phrases = [...new Set(notes.map((n) => n.phrase))];
  return phrases.map((phrase) => {
    const first = notes.find((n) => n.phrase === phrase)!;
    const endSeconds = first.startSeconds - BREATH_GAP_SECONDS;
    return { phrase, startSeconds: Math.max(0, endSeconds - BREATH_SECONDS), endSeconds };
  });
}

function addBreaths(
  target: Float32Array,
  spec: VocalTakeSpec,
  breaths: readonly BreathTruth[],
  gain: number,
  seed: number,
  sampleRate: number,
): void {
  for (const b of breaths) {
    const prng = prngFor(seed, `${spec.name} breath ${b.phrase}`);
    addInhale(target, b.startSeconds, b.endSeconds - b.startSeconds, gain, prng, sampleRate);
  }
}

function applyBurst(x: Float32Array, burst: Burst, sampleRate: number): void {
  const ramp = burst.rampSeconds * sampleRate;
  const extra = dbToGain(burst.boostDb) - 1;
  for (
    let n = Math.max(0, Math.floor(burst.startSample - ramp));
    n < Math.min(x.length, burst.endSample + ramp);
    n++
  ) {
    const rise = smoothstep((n - (burst.startSample - ramp)) / ramp);
    const fall = 1 - smoothstep((n - burst.endSample) / ramp);
    x[n] *= 1 + extra * Math.min(rise, fall);
  }
}

export type VocalPerformanceFlaws = Pick<
  PerformanceSpec,
  'detuneCents' | 'lateMsByPhrase' | 'warp'
>;

/**
 * Records one vocal take. `flaws` adds deliberate performance flaws (detune, a late
 * phrase, a drift); `burst` makes part of both versions louder.
 */
export function recordVocalTake(
  ctx: TakeContext,
  spec: VocalTakeSpec,
  flaws: VocalPerformanceFlaws = {},
  burst?: Burst,
): VocalRecording {
  const { arrangement, sampleRate, seed } = ctx;
  const natural: PerformanceSpec = {
    timingSpreadMs: spec.timingSpreadMs,
    pitchSpreadCents: spec.pitchSpreadCents,
    gainSpreadDb: spec.gainSpreadDb,
  };
  const cleanNotes = perform(
    arrangement.melody,
    natural,
    prngFor(seed, `${spec.name} performance`),
  );
  const flawed =
    flaws.detuneCents !== undefined ||
    flaws.lateMsByPhrase !== undefined ||
    flaws.warp !== undefined;
  const sungNotes = flawed
    ? perform(
        arrangement.melody,
        { ...natural, ...flaws },
        prngFor(seed, `${spec.name} performance`),
      )
    : cleanNotes;

  const reference = sing(spec, cleanNotes, ctx);
  const take = flawed
    ? sing(spec, sungNotes, ctx, { notes: cleanNotes, voice: reference })
    : reference.slice();
  // Both versions share the clean take's gain, so they match wherever the flaws do not act.
  const voicePeak = peakAbs(reference);
  const gain = gainToPeak(voicePeak, spec.peakDbfs);
  const breathGain = voicePeak * dbToGain(BREATH_LEVEL_DB);
  const breaths = breathsFor(sungNotes);
  addBreaths(reference, spec, breathsFor(cleanNotes), breathGain, seed, sampleRate);
  addBreaths(take, spec, breaths, breathGain, seed, sampleRate);

  const noise = takeNoise(ctx, spec.name, 0, spec.noiseDbfs);
  for (const x of [reference, take]) {
    scaleInPlace(x, gain);
    if (burst) applyBurst(x, burst, sampleRate);
    addSignal(x, noise);
  }
  return {
    take,
    reference,
    truth: { take: spec.name, notes: sungNotes, style: spec.style, breaths },
  };
}
