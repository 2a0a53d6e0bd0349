/**
 * Quantise as a warp map: each onset of the clip (onsets.ts) is moved towards the nearest
 * line of a beat grid by `strength` % (100 % onto the line, 50 % half way), and the map
 * keeps everything else where it was:
 *  - an identity anchor half way between two onsets, when each onset's move is at most half
 *    of the distance to it, so a move only re-times its own neighbourhood;
 *  - identity anchors at the clip's start and end (when the first and last onsets' moves
 *    leave room), so the clip keeps its length and its place;
 *  - of two onsets that snap to the same line, only the stronger moves (a flam or a ghost
 *    note beside a hit is carried along, not stacked onto the hit).
 * The `warp` operation renders the points with onsets held rigid, so each attack lands on
 * its target intact.
 */
import type { AudioData } from '../../core/audio.js';
import { MixdownError } from '../../core/errors.js';
import { detectOnsets } from './onsets.js';
import type { WarpPoint } from './time-map.js';

export const GRID_DIVISIONS = ['1/4', '1/8', '1/16', '1/32', '1/4T', '1/8T', '1/16T'] as const;
export type GridDivision = (typeof GRID_DIVISIONS)[number];

/** Beats (quarter notes) per grid step: '1/8' = ½, '1/8T' = ⅓ (three in a beat). */
export function divisionBeats(division: GridDivision): number {
  const triplet = division.endsWith('T');
  const denominator = Number(division.slice(2, triplet ? -1 : undefined));
  const straight = 4 / denominator;
  return triplet ? (straight * 2) / 3 : straight;
}

export interface QuantizeOptions {
  readonly bpm: number;
  /** A time on the grid (any beat; usually the first). */
  readonly firstBeatSeconds: number;
  readonly division: GridDivision;
  /** 0–100 %: how far each onset moves towards its grid line. */
  readonly strength: number;
  /** Onset detection threshold (see OnsetOptions). */
  readonly threshold?: number;
}

interface Move {
  readonly sourceSeconds: number;
  readonly targetSeconds: number;
  readonly line: number;
  readonly strength: number;
}

export function quantizeWarp(audio: AudioData, options: QuantizeOptions): WarpPoint[] {
  if (!(options.bpm > 0) || !Number.isFinite(options.bpm)) {
    throw new MixdownError(
      'invalid-argument',
      `Cannot quantise to ${options.bpm} bpm; give a tempo above 0 (estimateTempo can find it).`,
    );
  }
  const step = (60 / options.bpm) * divisionBeats(options.division);
  const amount = Math.max(0, Math.min(100, options.strength)) / 100;
  const seconds = (audio.channels.length === 0 ? 0 : audio.channels[0].length) / audio.sampleRate;

  const moves: Move[] = [];
  for (const onset of detectOnsets(audio, { threshold: options.threshold })) {
    const line = Math.round((onset.seconds - options.firstBeatSeconds) / step);
    const grid = options.firstBeatSeconds + line * step;
    const move: Move = {
      sourceSeconds: onset.seconds,
      targetSeconds: onset.seconds + amount * (grid - onset.seconds),
      line,
      strength: onset.strength,
    };
    const previous = moves[moves.length - 1];
    if (previous !== undefined && previous.line === line) {
      if (move.strength > previous.strength) moves[moves.length - 1] = move;
      continue;
    }
    moves.push(move);
  }

  const points: WarpPoint[] = [];
  const shift = (m: Move) => m.targetSeconds - m.sourceSeconds;
  const fits = (m: Move, anchor: number) =>
    Math.abs(shift(m)) <= 0.5 * Math.abs(anchor - m.sourceSeconds);
  if (moves.length === 0 || fits(moves[0], 0)) {
    points.push({ sourceSeconds: 0, targetSeconds: 0 });
  }
  moves.forEach((m, i) => {
    if (i > 0) {
      const before = moves[i - 1];
      const middle = 0.5 * (before.sourceSeconds + m.sourceSeconds);
      if (fits(before, middle) && fits(m, middle)) {
        points.push({ sourceSeconds: middle, targetSeconds: middle });
      }
    }
    if (points.length === 0 || m.sourceSeconds > points[points.length - 1].sourceSeconds) {
      points.push({ sourceSeconds: m.sourceSeconds, targetSeconds: m.targetSeconds });
    }
  });
  const last = moves[moves.length - 1];
  if (
    seconds > 0 &&
    (last === undefined || (seconds > last.sourceSeconds && fits(last, seconds)))
  ) {
    points.push({ sourceSeconds: seconds, targetSeconds: seconds });
  }
  return points;
}
