import type { HumHarmonic } from './flaws.js';
import type { TimeWarp } from './performance.js';
import type { SungNote } from './types.js';
import type { VoiceStyle } from './voice.js';

/**
 * Ground truth: what the synthesiser did, recorded as it did it, so tests of the editing
 * stage can check what they recover. Times are in seconds from the take's first sample,
 * sample positions at the takes' sample rate. Every take name is a `DemoTake.name`.
 */

/** Band-limited (40 Hz–5 kHz) room noise in a take; RMS over the whole take, per channel. */
export interface RoomNoiseTruth {
  readonly take: string;
  readonly levelDbfs: number;
}

/** A breath (inhale) before a phrase. */
export interface BreathTruth {
  readonly phrase: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
}

/** What one vocal take sang, with which voice. */
export interface VocalTakeTruth {
  readonly take: string;
  readonly notes: readonly SungNote[];
  readonly style: VoiceStyle;
  readonly breaths: readonly BreathTruth[];
}

/** A take recorded late by a constant offset: take(t) = reference(t − offset). */
export interface LateOverdubTruth {
  readonly take: string;
  readonly offsetMs: number;
  /** offsetMs at the sample rate; deliberately not a whole number. */
  readonly offsetSamples: number;
}

/**
 * A smooth drift of every note of a take: a note the melody puts at t starts at
 * t + delayMs(t)/1000, delayMs(t) = baseDelayMs + depthMs·sin(2π·t / periodSeconds)
 * (`timeWarpDelayMs`), on top of the take's natural per-note spread (in its notes).
 */
export interface TimeWarpTruth extends TimeWarp {
  readonly take: string;
  readonly formula: string;
}

export interface DetunedNote {
  readonly melodyIndex: number;
  readonly detuneCents: number;
}

/** Notes sung deliberately off pitch (beyond the take's natural spread). */
export interface PitchyTruth {
  readonly take: string;
  readonly phrases: readonly number[];
  readonly notes: readonly DetunedNote[];
}

export interface HumTruth {
  readonly take: string;
  readonly mainsHz: number;
  readonly harmonics: readonly HumHarmonic[];
}

export interface ClickTruth {
  readonly take: string;
  readonly phrase: number;
  /** Each click adds amplitude × shape[k] at sample + k. */
  readonly shape: readonly number[];
  readonly clicks: readonly {
    readonly sample: number;
    readonly seconds: number;
    readonly amplitude: number;
  }[];
}

/**
 * A burst sung `boostDb` louder over [startSample, endSample) (smooth 30 ms ramps), then the
 * whole take hard-clipped at ±clipLevel. `cleanReferences[take]` holds it unclipped.
 */
export interface ClippingTruth {
  readonly take: string;
  readonly phrase: number;
  readonly boostDb: number;
  readonly clipLevel: number;
  readonly clipLevelDbfs: number;
  readonly startSample: number;
  readonly endSample: number;
  readonly clippedSampleCount: number;
}

/** A whole phrase sung late by a constant amount (on top of the natural spread). */
export interface LatePhraseTruth {
  readonly take: string;
  readonly phrase: number;
  readonly lateMs: number;
}

export type VocalFlawKind = 'pitchy' | 'clipped' | 'clicks' | 'late';

/** For comping: per phrase, what is wrong with which take, and which takes are clean. */
export interface CompPhraseTruth {
  readonly phrase: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly flaws: readonly { readonly take: string; readonly kind: VocalFlawKind }[];
  readonly cleanTakes: readonly string[];
  /** The clean take a comp should use: the lead (take 1) first, then take 3, then the double. */
  readonly bestTake: string;
}

export interface FlawTruth {
  readonly lateOverdub: LateOverdubTruth;
  readonly timeWarp: TimeWarpTruth;
  readonly pitchy: PitchyTruth;
  readonly hum: HumTruth;
  readonly clicks: ClickTruth;
  readonly clipping: ClippingTruth;
  readonly latePhrase: LatePhraseTruth;
  readonly comp: readonly CompPhraseTruth[];
}

export interface DemoTruth {
  readonly roomNoise: readonly RoomNoiseTruth[];
  /** How much later the overheads hear every drum than the close mics. */
  readonly overheadDelaySamples: number;
  readonly vocalTakes: readonly VocalTakeTruth[];
  /** The deliberate flaws; null when generated with `flaws: false`. */
  readonly flaws: FlawTruth | null;
}
