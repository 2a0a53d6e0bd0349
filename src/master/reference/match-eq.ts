import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { LinearPhaseConvolver, linearPhaseDesignSize } from '../../dsp/eq/linear-phase.js';
import { group, num, type ParamValues } from '../../dsp/params.js';
import { defineProcessor, ProcessorBase } from '../../dsp/processor.js';

/**
 * Match EQ: a gain curve for mid and for side, given as points `{ frequencyHz, midGainDb,
 * sideGainDb }` (the curve reference matching computes, stored in the chain as data), run as
 * two linear-phase FIRs in mid/side (M = (L + R)/2, S = (L − R)/2; L = M′ + S′, R = M′ − S′).
 *
 * Why linear phase: mid and side get different curves. Minimum-phase filters with different
 * magnitudes have different phase responses, so M′ and S′ would leave with a frequency-
 * dependent phase offset between them and the image would smear (a centred source would
 * lean and spread where the curves differ). Two symmetric FIRs of the same length delay
 * mid and side by exactly the same number of samples at every frequency: only magnitudes
 * change. The cost is latency (reported; a chain compensates it) and pre-ringing, which
 * stays low because the curves are smooth (1/3-octave matching, bounded gains).
 *
 * Design (src/dsp/eq/linear-phase.ts, shared with the EQ's linear mode): the curve is
 * sampled at the FIR grid's bins k·fs/N, interpolated linearly in dB over log-frequency
 * between points, held flat below the first and above the last point, and clamped to
 * [−maxCutDb, +maxBoostDb]; frequency sampling with a Blackman window gives N − 1 taps.
 * Mono (or more than two channels): every channel takes the mid curve; side is ignored.
 *
 * A curve that is flat after clamping is an exact identity with no latency.
 */

const MAX_POINTS = 128;

const params = {
  points: group({
    name: 'Curve',
    maxItems: MAX_POINTS,
    description:
      'gain curve points (any order; sorted by frequency), interpolated in dB over log-frequency and held flat beyond the ends',
    items: {
      frequencyHz: num({
        name: 'Frequency',
        unit: 'Hz',
        min: 10,
        max: 24000,
        default: 1000,
        scale: 'log',
        smoothingMs: 0,
        automatable: false,
        description: 'where this point of the curve lies',
      }),
      midGainDb: num({
        name: 'Mid gain',
        unit: 'dB',
        min: -24,
        max: 24,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'gain of the mid signal (L + R)/2 at this frequency',
      }),
      sideGainDb: num({
        name: 'Side gain',
        unit: 'dB',
        min: -24,
        max: 24,
        default: 0,
        smoothingMs: 0,
        automatable: false,
        description: 'gain of the side signal (L − R)/2 at this frequency (stereo only)',
      }),
    },
  }),
  maxBoostDb: num({
    name: 'Maximum boost',
    unit: 'dB',
    min: 0,
    max: 24,
    default: 6,
    smoothingMs: 0,
    automatable: false,
    description: 'no frequency of either curve is raised by more than this',
  }),
  maxCutDb: num({
    name: 'Maximum cut',
    unit: 'dB',
    min: 0,
    max: 24,
    default: 6,
    smoothingMs: 0,
    automatable: false,
    description: 'no frequency of either curve is lowered by more than this',
  }),
};

export type MatchEqValues = ParamValues<typeof params>;
export type MatchEqPoint = MatchEqValues['points'][number];

/**
 * The curve in dB at `frequencyHz`, before clamping: linear in dB over log2(frequency)
 * between points (sorted), flat beyond the ends; 0 dB with no points.
 */
export function curveGainDb(
  sorted: readonly MatchEqPoint[],
  which: 'midGainDb' | 'sideGainDb',
  frequencyHz: number,
): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (frequencyHz <= sorted[0].frequencyHz) return sorted[0][which];
  if (frequencyHz >= sorted[n - 1].frequencyHz) return sorted[n - 1][which];
  let hi = 1;
  while (sorted[hi].frequencyHz < frequencyHz) hi++;
  const a = sorted[hi - 1];
  const b = sorted[hi];
  const span = Math.log2(b.frequencyHz / a.frequencyHz);
  const t = span > 0 ? Math.log2(frequencyHz / a.frequencyHz) / span : 1;
  return a[which] + t * (b[which] - a[which]);
}

/** The gain (dB) the processor applies at `frequencyHz`: the curve, clamped to the bounds. */
export function appliedGainDb(
  values: MatchEqValues,
  which: 'midGainDb' | 'sideGainDb',
  frequencyHz: number,
): number {
  const sorted = sortPoints(values.points);
  return clamp(curveGainDb(sorted, which, frequencyHz), -values.maxCutDb, values.maxBoostDb);
}

function sortPoints(points: readonly MatchEqPoint[]): MatchEqPoint[] {
  return [...points].sort((a, b) => a.frequencyHz - b.frequencyHz);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

class MatchEqProcessor extends ProcessorBase<typeof params> {
  private mid: LinearPhaseConvolver | undefined;
  private side: LinearPhaseConvolver | undefined;
  private midMagnitude = new Float64Array(0);
  private sideMagnitude = new Float64Array(0);
  private midBuffer = new Float32Array(0);
  private sideBuffer = new Float32Array(0);
  private readonly midView: Float32Array[] = [];
  private readonly sideView: Float32Array[] = [];
  private midSide = false;
  private active = false;

  protected allocate(spec: ProcessSpec): void {
    const size = linearPhaseDesignSize(spec.sampleRate);
    this.midSide = spec.channels === 2;
    this.mid = new LinearPhaseConvolver(size, this.midSide ? 1 : spec.channels);
    this.side = this.midSide ? new LinearPhaseConvolver(size, 1) : undefined;
    this.midMagnitude = new Float64Array(size / 2 + 1);
    this.sideMagnitude = new Float64Array(size / 2 + 1);
    this.midBuffer = new Float32Array(spec.maxBlockSize);
    this.sideBuffer = new Float32Array(spec.maxBlockSize);
    this.midView[0] = this.midBuffer;
    this.sideView[0] = this.sideBuffer;
  }

  /** Samples the clamped curves at the FIR's design bins; true when either is not flat. */
  private design(): boolean {
    const sorted = sortPoints(this.values.points);
    const { maxBoostDb, maxCutDb } = this.values;
    const bins = this.midMagnitude.length - 1;
    const binHz = this.sampleRate / (2 * bins);
    let flat = true;
    for (let k = 0; k <= bins; k++) {
      const hz = Math.max(k, 0.5) * binHz; // DC takes the lowest point's gain
      const m = clamp(curveGainDb(sorted, 'midGainDb', hz), -maxCutDb, maxBoostDb);
      const s = this.midSide
        ? clamp(curveGainDb(sorted, 'sideGainDb', hz), -maxCutDb, maxBoostDb)
        : 0;
      if (m !== 0 || s !== 0) flat = false;
      this.midMagnitude[k] = 10 ** (m / 20);
      this.sideMagnitude[k] = 10 ** (s / 20);
    }
    return !flat;
  }

  protected onParamsChanged(): void {
    if (!this.mid) return;
    this.active = this.design();
    this.latency = this.active ? this.mid.latency : 0;
    this.mid.setMagnitude(this.midMagnitude, false);
    this.side?.setMagnitude(this.sideMagnitude, false);
  }

  reset(): void {
    if (!this.mid) return;
    this.mid.setMagnitude(this.midMagnitude, true);
    this.mid.reset();
    if (this.side) {
      this.side.setMagnitude(this.sideMagnitude, true);
      this.side.reset();
    }
  }

  process(block: AudioBlock): void {
    if (!this.active || !this.mid) return;
    const n = block.length;
    if (!this.midSide) {
      this.mid.process(block.channels, 0, n);
      return;
    }
    const [left, right] = block.channels;
    const m = this.midBuffer;
    const s = this.sideBuffer;
    for (let i = 0; i < n; i++) {
      m[i] = (left[i] + right[i]) * 0.5;
      s[i] = (left[i] - right[i]) * 0.5;
    }
    this.mid.process(this.midView, 0, n);
    this.side!.process(this.sideView, 0, n);
    for (let i = 0; i < n; i++) {
      left[i] = m[i] + s[i];
      right[i] = m[i] - s[i];
    }
  }
}

export const matchEqProcessor = defineProcessor({
  type: 'match-eq',
  name: 'Match EQ',
  description:
    'Reference-matching EQ: a smooth gain curve for mid and side (points in Hz and dB), linear phase, with bounded boost and cut.',
  params,
  create: (values) => new MatchEqProcessor(params, values),
});
