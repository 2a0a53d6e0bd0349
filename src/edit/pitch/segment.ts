import { driftMeasurable, fitFrames } from './note-fit.js';
import { hzToMidi } from './pitch-units.js';
import { type Key, makeKey, nearestScaleMidi } from './scales.js';
import type { PitchTrack } from './track.js';

/**
 * Notes from a pitch track. Voiced runs are the candidates; each run is cut where the level
 * dips (a re-sung note on the same pitch), then partitioned into notes of near-constant
 * pitch by optimal partitioning — the split points that minimise the squared deviation of
 * each piece from its mean plus a penalty per piece (B. Jackson et al., "An algorithm for
 * optimal partitioning of data on an interval", IEEE SPL 12, 2005), which puts a boundary
 * in the middle of a glide. Neighbours whose centres end up closer than `mergeCents` are
 * joined (a drifting note is one note). Each note is then described by a least-squares fit
 * of its pitch (note-fit.ts).
 */
export interface NoteSegmentationOptions {
  /** Shortest note kept (default 60 ms). */
  readonly minNoteMs?: number;
  /**
   * Penalty per extra note, in cents² × seconds (default 200). A one-semitone step between
   * two 80 ms notes lowers the squared error by 400 cents²·s; a ±40-cent vibrato split at
   * its half-cycles gains about 60 per cut.
   */
  readonly splitPenalty?: number;
  /** Neighbouring notes whose centres differ by less than this are one note (default 40). */
  readonly mergeCents?: number;
  /** A level dip this deep between two louder parts of a run separates notes (default 6 dB). */
  readonly levelDipDb?: number;
  /** Key for each note's nearest scale note and deviation (default chromatic). */
  readonly key?: Key;
}

export interface Note {
  readonly index: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** The note's central pitch (MIDI float): the fitted centre, free of vibrato and drift. */
  readonly pitchMidi: number;
  /** Median of the note's steady frames (MIDI float). */
  readonly medianMidi: number;
  /** Nearest note of the key (whole MIDI number). */
  readonly nearestMidi: number;
  /** pitchMidi − nearestMidi, in cents (positive = sharp). */
  readonly deviationCents: number;
  /**
   * Slope of the pitch through the note, cents per second (positive = rising); 0 on notes
   * shorter than MIN_DRIFT_NOTE_SECONDS, where it cannot be measured.
   */
  readonly driftCentsPerSecond: number;
  /** 0 when the note has no vibrato. */
  readonly vibratoRateHz: number;
  /** Peak deviation of the vibrato, cents (0 when none). */
  readonly vibratoDepthCents: number;
}

const DEFAULTS = { minNoteMs: 60, splitPenalty: 200, mergeCents: 40, levelDipDb: 6 };
/** Unvoiced gaps up to this long inside a note are bridged when the pitch continues. */
const BRIDGE_GAP_MS = 20;
const BRIDGE_CENTS = 50;
/** A piece this short that moves by more than GLIDE_CENTS is a glide between notes. */
const GLIDE_MAX_MS = 150;
const GLIDE_CENTS = 80;
/** Level dips are judged against the loudest frame within this distance on each side. */
const DIP_REACH_MS = 150;
/** Longest piece the partitioning considers (keeps it O(n · this)). */
const MAX_PIECE_SECONDS = 6;

export function segmentNotes(track: PitchTrack, options: NoteSegmentationOptions = {}): Note[] {
  const o = { ...DEFAULTS, ...options };
  const key = options.key ?? makeKey(0, 'chromatic');
  const hop = track.hopSeconds;
  const cents = new Float64Array(track.frameCount).fill(Number.NaN);
  for (let f = 0; f < track.frameCount; f++) {
    if (track.voiced[f]) cents[f] = 100 * hzToMidi(track.f0Hz[f]);
  }
  const minFrames = Math.max(2, Math.round(o.minNoteMs / 1000 / hop));
  const pieces: [number, number][] = [];
  for (const [start, end] of voicedRuns(track, cents)) {
    for (const [a, b] of splitAtLevelDips(track.levelDb, start, end, o.levelDipDb, hop)) {
      if (b - a < minFrames) continue;
      const cuts = partition(cents, a, b, minFrames, o.splitPenalty / hop, hop);
      pieces.push(...absorbGlides(cents, mergeClose(cents, cuts, o.mergeCents), hop));
    }
  }

  const notes: Note[] = [];
  for (const [a, b] of pieces) {
    const fit = fitFrames(cents, a, b, hop);
    if (!fit) continue;
    const span = { startSeconds: a * hop, endSeconds: b * hop };
    const pitchMidi = fit.centreCents / 100;
    const nearestMidi = nearestScaleMidi(pitchMidi, key);
    notes.push({
      index: notes.length,
      ...span,
      pitchMidi,
      medianMidi: fit.medianCents / 100,
      nearestMidi,
      deviationCents: (pitchMidi - nearestMidi) * 100,
      driftCentsPerSecond: driftMeasurable(span) ? fit.driftCentsPerSecond : 0,
      vibratoRateHz: fit.vibratoRateHz,
      vibratoDepthCents: fit.vibratoDepthCents,
    });
  }
  return notes;
}

/** [start, end) frame ranges of voiced frames, bridging short gaps where the pitch goes on. */
function voicedRuns(track: PitchTrack, cents: Float64Array): [number, number][] {
  const runs: [number, number][] = [];
  const bridge = Math.round(BRIDGE_GAP_MS / 1000 / track.hopSeconds);
  let f = 0;
  while (f < track.frameCount) {
    if (!track.voiced[f]) {
      f++;
      continue;
    }
    let end = f;
    while (end < track.frameCount && track.voiced[end]) end++;
    const last = runs[runs.length - 1];
    if (last && f - last[1] <= bridge && Math.abs(cents[f] - cents[last[1] - 1]) < BRIDGE_CENTS) {
      // Fill the bridged gap by linear interpolation so later stages see a continuous pitch.
      const from = cents[last[1] - 1];
      const to = cents[f];
      for (let g = last[1]; g < f; g++)
        cents[g] = from + ((to - from) * (g - last[1] + 1)) / (f - last[1] + 1);
      last[1] = end;
    } else {
      runs.push([f, end]);
    }
    f = end;
  }
  return runs;
}

/**
 * Splits [start, end) at frames where the level is a local minimum at least `dipDb` below
 * the loudest frame within DIP_REACH_MS on both sides.
 */
function splitAtLevelDips(
  levelDb: Float64Array,
  start: number,
  end: number,
  dipDb: number,
  hop: number,
): [number, number][] {
  const reach = Math.round(DIP_REACH_MS / 1000 / hop);
  const out: [number, number][] = [];
  let from = start;
  for (let f = start + 1; f < end - 1; f++) {
    if (!(levelDb[f] <= levelDb[f - 1] && levelDb[f] < levelDb[f + 1])) continue;
    let left = Number.NEGATIVE_INFINITY;
    for (let g = Math.max(start, f - reach); g < f; g++) left = Math.max(left, levelDb[g]);
    let right = Number.NEGATIVE_INFINITY;
    for (let g = f + 1; g < Math.min(end, f + reach + 1); g++) right = Math.max(right, levelDb[g]);
    if (left - levelDb[f] >= dipDb && right - levelDb[f] >= dipDb) {
      out.push([from, f]);
      from = f;
    }
  }
  out.push([from, end]);
  return out;
}

/**
 * Optimal partitioning of cents[start, end) into pieces of at least `minFrames`, minimising
 * Σ squared deviation from each piece's mean + `penalty` per piece, by dynamic programming
 * over prefix sums. Returns [start, end) of each piece.
 */
function partition(
  cents: Float64Array,
  start: number,
  end: number,
  minFrames: number,
  penalty: number,
  hop: number,
): [number, number][] {
  const n = end - start;
  if (n < 2 * minFrames) return [[start, end]];
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = cents[start + i];
    s1[i + 1] = s1[i] + v;
    s2[i + 1] = s2[i] + v * v;
  }
  const cost = (a: number, b: number) => {
    const m = b - a;
    const sum = s1[b] - s1[a];
    return s2[b] - s2[a] - (sum * sum) / m;
  };
  const maxPiece = Math.max(2 * minFrames, Math.round(MAX_PIECE_SECONDS / hop));
  const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let b = minFrames; b <= n; b++) {
    for (let a = Math.max(0, b - maxPiece); a <= b - minFrames; a++) {
      if (!Number.isFinite(best[a])) continue;
      const value = best[a] + cost(a, b) + penalty;
      if (value < best[b]) {
        best[b] = value;
        from[b] = a;
      }
    }
  }
  if (from[n] < 0) return [[start, end]];
  const cuts: [number, number][] = [];
  for (let b = n; b > 0; b = from[b]) cuts.push([start + from[b], start + b]);
  return cuts.reverse();
}

/** Joins neighbouring pieces whose medians differ by less than `mergeCents`. */
function mergeClose(
  cents: Float64Array,
  pieces: [number, number][],
  mergeCents: number,
): [number, number][] {
  const median = (a: number, b: number) => {
    const v = Array.from(cents.subarray(a, b)).sort((x, y) => x - y);
    return v[v.length >> 1];
  };
  const out: [number, number][] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last && Math.abs(median(last[0], last[1]) - median(piece[0], piece[1])) < mergeCents) {
      last[1] = piece[1];
    } else {
      out.push([piece[0], piece[1]]);
    }
  }
  return out;
}

/**
 * A short piece whose least-squares line rises or falls more than GLIDE_CENTS across it is
 * a glide (portamento) between its
 * neighbours, not a note: it is shared between them at the frame where the pitch crosses
 * the midpoint of their medians, or given whole to its only neighbour. (A held note with
 * vibrato moves at most 2A·sin(π·rate·length), 61 cents for ±35 cents over 120 ms.)
 */
function absorbGlides(
  cents: Float64Array,
  pieces: [number, number][],
  hop: number,
): [number, number][] {
  const maxFrames = Math.round(GLIDE_MAX_MS / 1000 / hop);
  const median = (a: number, b: number) => {
    const v = Array.from(cents.subarray(a, b)).sort((x, y) => x - y);
    return v[v.length >> 1];
  };
  const out = pieces.map((p): [number, number] => [p[0], p[1]]);
  for (let i = 0; i < out.length && out.length > 1; i++) {
    const [a, b] = out[i];
    if (b - a > maxFrames || Math.abs(lineSlope(cents, a, b)) * (b - a) <= GLIDE_CENTS) continue;
    const before = out[i - 1];
    const after = out[i + 1];
    if (before && after) {
      const mid = 0.5 * (median(before[0], before[1]) + median(after[0], after[1]));
      const rising = median(after[0], after[1]) > mid;
      let cut = a;
      while (cut < b && (rising ? cents[cut] < mid : cents[cut] > mid)) cut++;
      before[1] = cut;
      after[0] = cut;
    } else if (before) {
      before[1] = b;
    } else {
      after[0] = a;
    }
    out.splice(i, 1);
    i--;
  }
  return out;
}

/** Least-squares slope of cents[a, b) per frame. */
function lineSlope(cents: Float64Array, a: number, b: number): number {
  const n = b - a;
  const meanT = (n - 1) / 2;
  let meanX = 0;
  for (let i = a; i < b; i++) meanX += cents[i];
  meanX /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - meanT) * (cents[a + i] - meanX);
    den += (i - meanT) ** 2;
  }
  return den > 0 ? num / den : 0;
}
