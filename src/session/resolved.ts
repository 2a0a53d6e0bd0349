import type { PanLaw } from '../dsp/utility/pan-law.js';

/**
 * A session as the engine consumes it: validated, defaults filled in, every position and
 * length in seconds, sources located and verified. `resolveSession` (resolve.ts) turns a
 * session document into this; the render graph is built from this alone (STYLE.md §6:
 * model apart from graph).
 */
export interface ResolvedSession {
  readonly name: string;
  /** Render sample rate (Hz). */
  readonly sampleRate: number;
  readonly tempoBpm: number;
  /** [beats per bar, beat unit], e.g. [4, 4]. */
  readonly timeSignature: readonly [number, number];
  readonly sources: readonly ResolvedSource[];
  readonly tracks: readonly ResolvedTrack[];
  readonly buses: readonly ResolvedBus[];
  readonly master: ResolvedMaster;
  /** The project folder every relative path is resolved against. */
  readonly projectDir: string;
}

export interface ResolvedSource {
  readonly id: string;
  /** As written in the document, relative to the project folder. */
  readonly path: string;
  readonly absolutePath: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Read from the file's header while resolving. */
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
}

export type FadeShape = 'linear' | 'exponential' | 's-curve' | 'equal-power';

export interface ResolvedFade {
  readonly seconds: number;
  readonly shape: FadeShape;
}

/** An edit operation on a clip's source, with every value filled in. */
export interface ResolvedEdit {
  readonly op: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly path: string;
}

export interface ResolvedClip {
  readonly sourceId: string;
  /** Where the clip starts on the timeline. */
  readonly startSeconds: number;
  /** Where in the source it starts reading. */
  readonly sourceOffsetSeconds: number;
  readonly lengthSeconds: number;
  readonly gainDb: number;
  readonly fadeIn: ResolvedFade;
  readonly fadeOut: ResolvedFade;
  readonly mute: boolean;
  /** Play the source backwards. */
  readonly reverse: boolean;
  /** Edit operations applied in order to the source before this clip reads it. */
  readonly edits: readonly ResolvedEdit[];
  /** Document path, e.g. "tracks[2].clips[0]", for messages. */
  readonly path: string;
}

export interface ResolvedInsert {
  readonly type: string;
  readonly bypass: boolean;
  /** Name of the track or bus whose signal drives this insert's detector. */
  readonly sidechain?: string;
  /** The processor's parameter values, validated against its declaration. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly path: string;
}

export interface ResolvedSend {
  /** Bus name. */
  readonly to: string;
  readonly levelDb: number;
  /** Send pan; undefined follows the strip's pan (post-fader) or centre (pre-fader). */
  readonly pan?: number;
  readonly preFader: boolean;
  readonly mute: boolean;
  readonly path: string;
}

export type SegmentCurve = 'linear' | 'exponential' | 'hold';

export interface ResolvedBreakpoint {
  readonly timeSeconds: number;
  readonly value: number;
  /** Shape of the segment from this point to the next. */
  readonly curve: SegmentCurve;
}

export interface ResolvedAutomationLane {
  /**
   * What it drives, relative to its strip: "gainDb" (fader), "pan", "sends[0].levelDb",
   * "inserts[1].thresholdDb", "inserts[0].bands[2].gainDb".
   */
  readonly param: string;
  /** Sorted by time; at least one point. */
  readonly points: readonly ResolvedBreakpoint[];
  readonly path: string;
}

/** What tracks, buses and the master have in common. */
export interface ResolvedStrip {
  readonly kind: 'track' | 'bus' | 'master';
  readonly name: string;
  readonly color?: string;
  readonly inserts: readonly ResolvedInsert[];
  /** Fader, dB. */
  readonly gainDb: number;
  /** −1 … +1. */
  readonly pan: number;
  readonly panLaw: PanLaw;
  readonly mute: boolean;
  readonly solo: boolean;
  /** Invert polarity at the input of the strip. */
  readonly polarity: boolean;
  readonly sends: readonly ResolvedSend[];
  readonly automation: readonly ResolvedAutomationLane[];
  readonly path: string;
}

export interface ResolvedTrack extends ResolvedStrip {
  readonly kind: 'track';
  readonly clips: readonly ResolvedClip[];
  /** Shape of the automatic crossfade where two clips overlap. */
  readonly crossfadeShape: FadeShape;
  /** "master" or a bus name. */
  readonly output: string;
}

export interface ResolvedBus extends ResolvedStrip {
  readonly kind: 'bus';
  /** "master" or another bus name. */
  readonly output: string;
}

export interface ResolvedMaster extends ResolvedStrip {
  readonly kind: 'master';
}
