import type { SungNote, VoiceStyle } from '../../../src/demo/synth/index.js';
import { centsBetween, midiToHz } from '../../../src/demo/synth/pitch.js';
import type { PitchTracker } from './pitch-track.js';
import { fitSinusoid, type SinusoidFit } from './sinusoid-fit.js';

/**
 * The pitch a note was sung at, in cents from its melody pitch. Where the take's stated
 * style gives the note at least 0.35 s (two vibrato cycles) of fully developed vibrato,
 * a sinusoid is fitted there and its centre is the pitch (a plain mean over a part-cycle
 * would be biased by the swing); otherwise the pitch is the mean over the steady part
 * between the glide in and the vibrato's onset.
 */
export interface NotePitch {
  readonly cents: number;
  readonly vibrato: SinusoidFit | null;
  /** Frames the tracker gave a pitch for, and how many it was asked for. */
  readonly voicedFrames: number;
  readonly frames: number;
}

const AFTER_GLIDE_SECONDS = 0.08;
const BEFORE_END_SECONDS = 0.05;
const HOP_SECONDS = 0.01;

export function notePitch(
  tracker: PitchTracker,
  x: Float32Array,
  note: SungNote,
  style: VoiceStyle,
): NotePitch {
  const reference = midiToHz(note.midi);
  const end = note.endSeconds - BEFORE_END_SECONDS;
  const vibratoFull = note.startSeconds + style.vibratoDelaySeconds + style.vibratoRampSeconds;
  const withVibrato = end - vibratoFull >= 0.35;
  const from = withVibrato ? vibratoFull : note.startSeconds + AFTER_GLIDE_SECONDS;
  const to = withVibrato ? end : Math.min(end, note.startSeconds + style.vibratoDelaySeconds);
  const track = tracker.track(x, from, to, HOP_SECONDS);
  const frames = Math.floor((to - from) / HOP_SECONDS + 1e-9) + 1;
  const points = track.map(([t, f0]) => [t, centsBetween(f0, reference)] as [number, number]);
  if (withVibrato) {
    const vibrato = fitSinusoid(points, 3, 9, 0.01);
    return { cents: vibrato.offset, vibrato, voicedFrames: points.length, frames };
  }
  const mean = points.reduce((sum, [, c]) => sum + c, 0) / points.length;
  return { cents: mean, vibrato: null, voicedFrames: points.length, frames };
}
