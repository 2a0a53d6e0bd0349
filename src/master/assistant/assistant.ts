import type { InsertDocument } from '../../session/schema.js';
import type { ReferenceMatch, ReferenceTarget } from '../reference/index.js';
import type { MixAnalysis } from './analyze-mix.js';
import { BALANCED_CURVE_DESCRIPTION } from './balanced-curve.js';
import { type RegionId, type TonalBalance, tonalBalance } from './tonal-balance.js';

/**
 * Aims: from a mix's analysis, choose a mastering chain the way a careful engineer would on
 * a first pass — correct only what measures clearly wrong, by a few dB at most, and leave a
 * mix that needs nothing with (nearly) nothing: a true-peak limiter alone. The chain is in
 * the session's insert format (the same JSON as `mastering.chain`); every decision, taken
 * or not, is one line. Pure: the same analysis gives the same chain.
 *
 * Rules (constants below; thresholds are deliberately wide because the balanced curve is an
 * approximation — see balanced-curve.ts):
 * - Tonal balance, per region (tonal-balance.ts), against the balanced curve or a reference:
 *   low end 60–250 Hz, low mids 250–500 Hz, presence 2–5 kHz (harshness), air 10–16 kHz.
 *   A region whose mean deviation passes its threshold gets one EQ band of the opposite
 *   sign, MOVE_FRACTION of the deviation at its peak (the curve is a guide, not a target),
 *   rounded to 0.5 dB and capped (cuts 3 dB, boosts 1.5–2 dB: boosting is riskier). A low
 *   excess that reaches down to 40 Hz becomes a low shelf at its half-height point; air moves
 *   are a high shelf at 10 kHz; anything else a bell at the peak with a Q from its width.
 *   Minimum phase: broad gentle bands barely shift phase, and add no latency.
 * - Sibilance: a 5–10 kHz excess above SIBILANCE_EXCESS_DB (98th percentile over median of
 *   its share of each 20 ms frame) gets a split-band de-esser at 5 kHz, threshold midway
 *   between the band's median and peak levels, range half the excess (≤ 6 dB).
 * - Dynamics: PLR below OVER_COMPRESSED_PLR_DB is already dense — nothing is compressed
 *   further. Otherwise, when the target's PLR (ceiling − target loudness) is more than
 *   LIMITER_ALONE_DB below the mix's, the limiter alone would flatten the peaks: a glue
 *   compressor (2:1, 10 ms attack, auto release) takes about a third of the excess.
 * - Stereo (stereo mixes): side/mid below 150 Hz above WIDE_LOW_END_DB → mono below 120 Hz
 *   (`stereo` insert). Negative correlation and a very wide image are flagged, not fixed.
 * - With a reference match, its `match-eq` insert is the tonal stage instead of the above.
 * - Last, always: the true-peak limiter at the target's ceiling; loudness targeting sets its
 *   drive.
 */

export interface AssistTarget {
  /** Integrated loudness the master is brought to (LUFS). */
  readonly lufs: number;
  /** True-peak ceiling (dBTP). */
  readonly ceilingDbtp: number;
}

export interface AssistOptions {
  readonly target: AssistTarget;
  /** Compare the tonal balance with this reference (reference/combineReferences) instead. */
  readonly reference?: ReferenceTarget;
  /**
   * A reference match (reference/matchReferences) to use for the tonal stage: its
   * `match-eq` insert replaces the parametric moves (which would correct the same thing
   * twice), and its decisions are carried over. Its loudness target is information here:
   * the caller chooses `target.lufs` (e.g. `match.loudness.targetLufs`).
   */
  readonly match?: ReferenceMatch;
}

export type DecisionStage = 'tonal' | 'reference' | 'sibilance' | 'dynamics' | 'stereo' | 'limiter';

export interface Decision {
  readonly stage: DecisionStage;
  /** One line: what was measured, and what was done about it (or why nothing). */
  readonly reason: string;
}

export interface Assistance {
  /** Inserts in signal order, ending with the true-peak limiter. */
  readonly chain: InsertDocument[];
  readonly decisions: Decision[];
  readonly tonal: TonalBalance;
}

export const MOVE_FRACTION = 0.6;
export const SIBILANCE_EXCESS_DB = 8;
export const OVER_COMPRESSED_PLR_DB = 8;
export const LIMITER_ALONE_DB = 4;
export const WIDE_LOW_END_DB = -10;
export const MONO_BELOW_HZ = 120;
export const NEGATIVE_CORRELATION = 0;
export const VERY_WIDE_SIDE_TO_MID_DB = -3;
/** A low excess still above half height here reaches the bottom: a shelf, not a bell. */
const LOW_SHELF_BOTTOM_HZ = 40;

interface RegionRule {
  /** Act on a mean excess above this (dB). */
  readonly cutAboveDb: number;
  /** Act on a mean deficit below −this (dB). */
  readonly boostBelowDb: number;
  readonly maxCutDb: number;
  readonly maxBoostDb: number;
}

const RULES: Record<RegionId, RegionRule> = {
  low: { cutAboveDb: 2.5, boostBelowDb: 3, maxCutDb: 3, maxBoostDb: 2 },
  'low-mid': { cutAboveDb: 2.5, boostBelowDb: 3.5, maxCutDb: 3, maxBoostDb: 1.5 },
  presence: { cutAboveDb: 2, boostBelowDb: 3.5, maxCutDb: 3, maxBoostDb: 1.5 },
  air: { cutAboveDb: 3, boostBelowDb: 3, maxCutDb: 2, maxBoostDb: 2 },
};

export function assistMastering(analysis: MixAnalysis, options: AssistOptions): Assistance {
  const decisions: Decision[] = [];
  const chain: InsertDocument[] = [];
  const tonal = tonalBalance(analysis.profile, options.reference);
  const against = options.reference ? 'the reference' : 'the balanced curve';

  // Stereo first in the chain: a mono low end is a fact the EQ and dynamics should see.
  const stereo = stereoDecisions(analysis, decisions);
  if (stereo) chain.push(stereo);

  if (options.match) {
    chain.push(options.match.insert);
    for (const d of options.match.decisions)
      decisions.push({ stage: 'reference', reason: d.reason });
  } else {
    const bands = tonalDecisions(tonal, against, decisions);
    if (bands.length > 0) chain.push({ type: 'eq', phase: 'minimum', bands });
    else {
      decisions.push({
        stage: 'tonal',
        reason: `Tonal balance within tolerance of ${against} in every region (${regionSummary(tonal)}): no EQ.`,
      });
    }
  }
  if (!options.reference && !options.match) {
    decisions.push({ stage: 'tonal', reason: `Compared with the ${BALANCED_CURVE_DESCRIPTION}.` });
  }

  const deesser = sibilanceDecision(analysis, decisions);
  if (deesser) chain.push(deesser);

  const glue = dynamicsDecision(analysis, options.target, decisions);
  if (glue) chain.push(glue);

  chain.push({ type: 'limiter', ceilingDbtp: options.target.ceilingDbtp });
  const drive = options.target.lufs - analysis.dynamics.integratedLufs;
  decisions.push({
    stage: 'limiter',
    reason: `True-peak limiter last at ${fmt(options.target.ceilingDbtp)} dBTP; loudness targeting sets its drive to reach ${fmt(options.target.lufs)} LUFS (${signed(drive)} dB from the mix's ${fmt(analysis.dynamics.integratedLufs)} LUFS).`,
  });
  return { chain, decisions, tonal };
}

// ---- tonal balance ----------------------------------------------------------------------

interface EqBand {
  type: 'bell' | 'lowshelf' | 'highshelf';
  freqHz: number;
  gainDb: number;
  q: number;
}

function tonalDecisions(tonal: TonalBalance, against: string, decisions: Decision[]): EqBand[] {
  const bands: EqBand[] = [];
  for (const region of tonal.regions) {
    const rule = RULES[region.id];
    const m = region.worst.meanDb;
    if (Number.isNaN(m)) continue;
    const sign = m > rule.cutAboveDb ? 1 : m < -rule.boostBelowDb ? -1 : 0;
    if (sign === 0) continue;
    const shape = bumpShape(tonal, region.id, region.loHz, region.hiHz, sign);
    const cap = sign > 0 ? rule.maxCutDb : rule.maxBoostDb;
    const gainDb =
      -sign * Math.min(cap, Math.max(1, roundHalf(MOVE_FRACTION * Math.abs(shape.heightDb))));
    const band: EqBand = {
      type: shape.type,
      freqHz: round(shape.freqHz, 0),
      gainDb,
      q: round(shape.q, 2),
    };
    bands.push(band);
    const what =
      shape.type === 'bell'
        ? `bell ${signed(gainDb)} dB at ${hz(band.freqHz)}, Q ${band.q}`
        : `${shape.type === 'lowshelf' ? 'low' : 'high'} shelf ${signed(gainDb)} dB at ${hz(band.freqHz)}`;
    decisions.push({
      stage: 'tonal',
      reason: `${region.label} ${Math.abs(m).toFixed(1)} dB ${sign > 0 ? 'above' : 'below'} ${against} at ${hz(region.worst.loHz)}–${hz(region.worst.hiHz)} (peak ${signed(shape.heightDb)} dB at ${hz(shape.peakHz)}): ${what}.`,
    });
  }
  return bands;
}

interface BumpShape {
  type: EqBand['type'];
  freqHz: number;
  q: number;
  /** Deviation the move answers (dB, signed). */
  heightDb: number;
  peakHz: number;
}

/**
 * The shape of a region's excess (sign +1) or deficit (−1): its peak, and its width at half
 * that height (crossings interpolated between grid points). A low excess that stays above
 * half height down to 40 Hz becomes a low shelf with its half-gain point at the upper
 * crossing; air moves are a high shelf at 10 kHz; the rest bells at the peak, with the Q
 * whose half-gain bandwidth is the measured width (Q = √r / (r − 1), r = 2^octaves).
 */
function bumpShape(
  tonal: TonalBalance,
  id: RegionId,
  loHz: number,
  hiHz: number,
  sign: number,
): BumpShape {
  const f = tonal.frequenciesHz;
  const d = tonal.deviationDb;
  const value = (k: number) => (Number.isNaN(d[k]) ? Number.NEGATIVE_INFINITY : sign * d[k]);
  // A low-end build-up is measured from 60 Hz, but its peak may sit lower (a shelf's plateau).
  const searchLoHz = id === 'low' ? LOW_SHELF_BOTTOM_HZ : loHz;
  let peak = -1;
  f.forEach((hz, k) => {
    if (hz >= searchLoHz && hz <= hiHz && (peak < 0 || value(k) > value(peak))) peak = k;
  });
  const height = value(peak);
  if (id === 'air') {
    return {
      type: 'highshelf',
      freqHz: 10_000,
      q: Math.SQRT1_2,
      heightDb: sign * height,
      peakHz: f[peak],
    };
  }
  const half = height / 2;
  let lo = peak;
  while (lo > 0 && value(lo - 1) >= half) lo--;
  let hi = peak;
  while (hi < f.length - 1 && value(hi + 1) >= half) hi++;
  // Where the deviation crosses half height, interpolated in log-frequency.
  const crossing = (inside: number, outside: number) => {
    const a = value(inside);
    const b = value(outside);
    if (!Number.isFinite(b) || a === b) return Math.log2(f[inside]);
    const t = (a - half) / (a - b);
    return Math.log2(f[inside]) + t * (Math.log2(f[outside]) - Math.log2(f[inside]));
  };
  const upper = hi < f.length - 1 ? crossing(hi, hi + 1) : Math.log2(f[hi]);
  if (id === 'low' && f[lo] <= LOW_SHELF_BOTTOM_HZ * 1.001) {
    return {
      type: 'lowshelf',
      freqHz: 2 ** upper,
      q: Math.SQRT1_2,
      heightDb: sign * height,
      peakHz: f[peak],
    };
  }
  const lower = lo > 0 ? crossing(lo, lo - 1) : Math.log2(f[lo]);
  const octaves = Math.max(1 / 3, upper - lower);
  const r = 2 ** octaves;
  const q = Math.min(3, Math.max(0.5, Math.sqrt(r) / (r - 1)));
  return { type: 'bell', freqHz: f[peak], q, heightDb: sign * height, peakHz: f[peak] };
}

function regionSummary(tonal: TonalBalance): string {
  return tonal.regions
    .filter((r) => !Number.isNaN(r.meanDb))
    .map((r) => `${r.label.split(' (')[0].toLowerCase()} ${signed(r.meanDb)} dB`)
    .join(', ');
}

// ---- sibilance --------------------------------------------------------------------------

function sibilanceDecision(analysis: MixAnalysis, decisions: Decision[]): InsertDocument | null {
  const s = analysis.sibilance;
  if (!(s.excessDb > SIBILANCE_EXCESS_DB)) {
    decisions.push({
      stage: 'sibilance',
      reason: `5–10 kHz peaks ${s.excessDb.toFixed(1)} dB over their usual share (de-essing from ${SIBILANCE_EXCESS_DB} dB): no de-esser.`,
    });
    return null;
  }
  const thresholdDb = round(Math.max(-60, Math.min(0, (s.bandMedianDbfs + s.bandPeakDbfs) / 2)), 1);
  const rangeDb = Math.min(6, roundHalf(s.excessDb / 2));
  decisions.push({
    stage: 'sibilance',
    reason: `Sibilance: 5–10 kHz bursts ${s.excessDb.toFixed(1)} dB over their usual share of the mix: split de-esser at 5 kHz, threshold ${fmt(thresholdDb)} dBFS, range ${rangeDb.toFixed(1)} dB.`,
  });
  return { type: 'deesser', frequencyHz: 5000, thresholdDb, rangeDb, mode: 'split' };
}

// ---- dynamics ---------------------------------------------------------------------------

function dynamicsDecision(
  analysis: MixAnalysis,
  target: AssistTarget,
  decisions: Decision[],
): InsertDocument | null {
  const d = analysis.dynamics;
  const targetPlr = target.ceilingDbtp - target.lufs;
  const excess = d.plrDb - targetPlr;
  const figures = `PLR ${fmt(d.plrDb)} dB, crest ${fmt(d.crestFactorDb)} dB, LRA ${fmt(d.loudnessRangeLu)} LU`;
  if (d.plrDb < OVER_COMPRESSED_PLR_DB) {
    decisions.push({
      stage: 'dynamics',
      reason: `Already dense (${figures}; below ${OVER_COMPRESSED_PLR_DB} dB PLR reads as heavily compressed or limited): no compression added${excess < 0 ? '' : ', and the limiter has little left to take'}.`,
    });
    return null;
  }
  if (excess <= LIMITER_ALONE_DB) {
    decisions.push({
      stage: 'dynamics',
      reason: `Dynamics suit the target (${figures}; the target's PLR is ${fmt(targetPlr)} dB, ${signed(excess)} dB away, which the limiter handles alone): no compression.`,
    });
    return null;
  }
  // A third of the excess (1–3 dB on the loudest peaks) from a gentle bus compressor.
  const reductionDb = Math.min(3, Math.max(1, roundHalf(excess / 3)));
  const ratio = 2;
  const thresholdDb = round(Math.max(-40, Math.min(0, d.samplePeakDbfs - ratio * reductionDb)), 1);
  decisions.push({
    stage: 'dynamics',
    reason: `${figures}; the target needs ${fmt(excess)} dB less peak-to-loudness than the mix has: glue 2:1, 10 ms attack, auto release, threshold ${fmt(thresholdDb)} dBFS (about ${reductionDb.toFixed(1)} dB on the loudest peaks), so the limiter is not left all of it.`,
  });
  return { type: 'glue', thresholdDb, ratio: '2', attackMs: 10, releaseMs: 'auto' };
}

// ---- stereo -----------------------------------------------------------------------------

function stereoDecisions(analysis: MixAnalysis, decisions: Decision[]): InsertDocument | null {
  const s = analysis.stereo;
  if (!s) {
    decisions.push({ stage: 'stereo', reason: 'Mono mix: no stereo decisions.' });
    return null;
  }
  let insert: InsertDocument | null = null;
  if (s.lowSideToMidDb > WIDE_LOW_END_DB) {
    insert = { type: 'stereo', monoBelowHz: MONO_BELOW_HZ };
    decisions.push({
      stage: 'stereo',
      reason: `Low end wide: side ${fmt(s.lowSideToMidDb)} dB against mid below 150 Hz (above ${WIDE_LOW_END_DB} dB cancels on mono systems and clubs): mono below ${MONO_BELOW_HZ} Hz.`,
    });
  }
  if (s.correlation !== null && s.correlation < NEGATIVE_CORRELATION) {
    decisions.push({
      stage: 'stereo',
      reason: `Warning: stereo correlation ${s.correlation.toFixed(2)} (negative: much of the mix cancels in mono); check for a polarity-inverted channel or an extreme widener — not fixed automatically.`,
    });
  } else if (s.sideToMidDb > VERY_WIDE_SIDE_TO_MID_DB) {
    decisions.push({
      stage: 'stereo',
      reason: `Very wide image (side/mid ${fmt(s.sideToMidDb)} dB): check the mono fold-down; left as it is.`,
    });
  }
  if (!insert && decisions.every((d) => d.stage !== 'stereo')) {
    decisions.push({
      stage: 'stereo',
      reason: `Stereo image fine (side/mid ${fmt(s.sideToMidDb)} dB, ${fmt(s.lowSideToMidDb)} dB below 150 Hz, correlation ${s.correlation === null ? 'n/a' : s.correlation.toFixed(2)}): no stereo processing.`,
    });
  }
  return insert;
}

// ---- formatting -------------------------------------------------------------------------

function roundHalf(x: number): number {
  return Math.round(x * 2) / 2;
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : x > 0 ? '+inf' : '-inf';
}

function signed(x: number): string {
  if (!Number.isFinite(x)) return fmt(x);
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

function hz(frequencyHz: number): string {
  return frequencyHz >= 1000
    ? `${(frequencyHz / 1000).toFixed(1)} kHz`
    : `${Math.round(frequencyHz)} Hz`;
}
