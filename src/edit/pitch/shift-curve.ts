import { driftMeasurable, fitFrames } from './note-fit.js';
import { hzToMidi } from './pitch-units.js';
import type { PitchTrack } from './track.js';

/**
 * The pitch change to render at every frame of a track, in cents, from a tune edit's notes:
 *
 * - each note's `shiftCents`, reached `retuneMs` after the note starts by a smooth ramp from
 *   the level before it (the previous note's shift when the two are legato, else 0) — the
 *   "retune speed" of hardware pitch correctors: 0 snaps, longer keeps the singer's
 *   scoop into the note;
 * - drift flattening: the note's fitted slope (note-fit.ts) is taken out by the percentage,
 *   turning about the note's middle so its centre stays put;
 * - vibrato scaling: the fast part of the pitch (pitch − its slow part: the fitted line
 *   plus a moving average over one vibrato cycle of what the fit leaves) is scaled by
 *   the percentage (0 removes it, 100 keeps it, 200 doubles it).
 *
 * Drift and vibrato changes fade in and out over the first and last EDGE_MS of a note so the
 * glides between notes are left to the shifts.
 */
export interface TuneNote {
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly shiftCents: number;
  readonly flattenDriftPercent: number;
  readonly vibratoPercent: number;
}

/** Notes closer than this are legato: the shift moves from one to the next without returning to 0. */
export const LEGATO_GAP_SECONDS = 0.08;
/** After a note that is not followed legato, the shift returns to 0 over this time. */
const RELEASE_SECONDS = 0.01;
const EDGE_MS = 40;
/** Slow-pitch window when a note has no vibrato. */
const DEFAULT_SMOOTHING_SECONDS = 0.15;

export function noteHasEffect(note: TuneNote): boolean {
  return note.shiftCents !== 0 || note.flattenDriftPercent !== 0 || note.vibratoPercent !== 100;
}

function smoothstep(x: number): number {
  const c = Math.max(0, Math.min(1, x));
  return c * c * (3 - 2 * c);
}

export function shiftCurveCents(
  track: PitchTrack,
  notes: readonly TuneNote[],
  retuneMs: number,
): Float64Array {
  const hop = track.hopSeconds;
  const curve = new Float64Array(track.frameCount);
  const sorted = notes
    .filter((n) => n.endSeconds > n.startSeconds)
    .slice()
    .sort((p, q) => p.startSeconds - q.startSeconds);
  const retune = retuneMs / 1000;

  sorted.forEach((note, i) => {
    const previous = sorted[i - 1];
    const next = sorted[i + 1];
    const fromLevel =
      previous && note.startSeconds - previous.endSeconds <= LEGATO_GAP_SECONDS
        ? previous.shiftCents
        : 0;
    const legatoNext =
      next !== undefined && next.startSeconds - note.endSeconds <= LEGATO_GAP_SECONDS;
    const holdUntil = legatoNext ? next.startSeconds : note.endSeconds + RELEASE_SECONDS;
    const first = Math.max(0, Math.ceil(note.startSeconds / hop));
    const last = Math.min(track.frameCount, Math.ceil(holdUntil / hop));
    for (let f = first; f < last; f++) {
      const t = f * hop;
      if (t < note.endSeconds) {
        const x = retune > 0 ? smoothstep((t - note.startSeconds) / retune) : 1;
        curve[f] = fromLevel + (note.shiftCents - fromLevel) * x;
      } else if (legatoNext) {
        curve[f] = note.shiftCents;
      } else {
        curve[f] = note.shiftCents * (1 - (t - note.endSeconds) / RELEASE_SECONDS);
      }
    }
    if (note.flattenDriftPercent !== 0 || note.vibratoPercent !== 100) addShape(track, note, curve);
  });
  return curve;
}

/**
 * Adds the drift-flattening and vibrato-scaling changes of one note to `curve`. Drift is
 * the fitted linear slope (segment.ts reports the same), measured only on notes of at
 * least MIN_DRIFT_NOTE_SECONDS: on shorter ones a vibrato that starts mid-note cannot be
 * told from a slope.
 */
function addShape(track: PitchTrack, note: TuneNote, curve: Float64Array): void {
  const hop = track.hopSeconds;
  const first = Math.max(0, Math.ceil(note.startSeconds / hop));
  const end = Math.min(track.frameCount, Math.ceil(note.endSeconds / hop));
  if (end - first < 3) return;
  const cents = new Float64Array(track.frameCount).fill(Number.NaN);
  for (let f = first; f < end; f++) {
    if (track.voiced[f]) cents[f] = 100 * hzToMidi(track.f0Hz[f]);
  }
  const fit = fitFrames(cents, first, end, hop);
  if (!fit) return;
  const n = end - first;
  const window = Math.max(
    1,
    Math.round((fit.vibratoRateHz > 0 ? 1 / fit.vibratoRateHz : DEFAULT_SMOOTHING_SECONDS) / hop),
  );
  // The slow pitch is the fitted line plus a moving average (over one vibrato cycle) of
  // what the fitted model leaves; the fast part, the vibrato, is the rest. Averaging the
  // residual rather than the pitch keeps the ends honest: there the window is cut short,
  // and a cut window over the whole vibrato would read half a cycle as drift. Frames the
  // fit calls outliers (the glides in and out) count as the model, so a glide is not
  // taken for vibrato; the glide itself is left to the shifts.
  const residual = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const value = cents[first + i];
    if (!Number.isFinite(value)) continue;
    const r = value - fit.predictCents((first + i) * hop);
    residual[i] = Math.abs(r) <= fit.outlierLimitCents ? r : 0;
  }
  const wander = movingAverage(residual, window);
  const drift = driftMeasurable(note) ? fit.driftCentsPerSecond : 0;
  const middle = (note.startSeconds + note.endSeconds) / 2;
  const flatten = note.flattenDriftPercent / 100;
  const vibrato = note.vibratoPercent / 100;
  const edge = EDGE_MS / 1000;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(residual[i]) || !Number.isFinite(wander[i])) continue;
    const t = (first + i) * hop;
    const pitch = fit.predictCents(t) + residual[i];
    const slow = fit.lineCents(t) + wander[i];
    const taper =
      smoothstep((t - note.startSeconds) / edge) * smoothstep((note.endSeconds - t) / edge);
    const change = -flatten * drift * (t - middle) + (vibrato - 1) * (pitch - slow);
    curve[first + i] += taper * change;
  }
}

/** Centred moving average over `window` frames, skipping NaN (truncated at the ends). */
function movingAverage(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(window / 2);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i - half + window - 1);
    for (let j = lo; j <= hi; j++) {
      if (Number.isFinite(values[j])) {
        sum += values[j];
        count++;
      }
    }
    if (count > 0) out[i] = sum / count;
  }
  return out;
}

/** The curve as a ratio at any sample position (linear interpolation between frames). */
export function ratioAtSample(curve: Float64Array, hopSamples: number): (sample: number) => number {
  return (sample: number) => {
    const x = Math.max(0, Math.min(curve.length - 1, sample / hopSamples));
    const f = Math.floor(x);
    const g = Math.min(curve.length - 1, f + 1);
    const cents = curve[f] + (curve[g] - curve[f]) * (x - f);
    return cents === 0 ? 1 : 2 ** (cents / 1200);
  };
}
