import { KWeightedEnergy, LoudnessMeter, TruePeakMeter } from '../analysis/index.js';
import { dbToGain, gainToDb } from '../core/units.js';
import { limiterProcessor } from '../dsp/nonlinear/index.js';
import { gainProcessor } from '../dsp/utility/gain.js';
import type { InsertDocument } from '../session/schema.js';
import {
  buildProcessors,
  CHAIN_BLOCK_FRAMES,
  ChainRunner,
  type Emit,
  parseInserts,
} from './chain.js';
import {
  forEachBlock,
  memoryWorkspace,
  PROGRAMME_BLOCK_FRAMES,
  type Programme,
  type Workspace,
} from './programme.js';

/**
 * Aims: bring a programme to an integrated loudness with a true-peak ceiling, and say so only
 * when the analyser, reading the finished audio, agrees.
 *
 * The programme (the mix after the mastering chain's earlier stages) goes through a drive
 * gain into the true-peak limiter at the ceiling. Integrated loudness L(D) as a function of
 * the drive D (dB) rises exactly dB for dB while nothing is limited, then ever more slowly:
 * the limiter only takes level away, more the harder it is pushed, so 0 < dL/dD ≤ 1 and L is
 * concave. Each pass renders the limiter over the whole programme at one drive and measures L
 * with the BS.1770 meter. The first drive is the one that would be exact without limiting;
 * then, until a pass overshoots, Newton steps with dL/dD estimated from the pass itself
 * (LimitingMeter reads the limiter's gain back from the audio), lengthened by how far short
 * the previous step fell (concavity); once the target is bracketed, Illinois false position.
 * Drives are rounded to 0.001 dB, so the chain file records exactly what was run.
 *
 * It stops when a pass lands within TOLERANCE_LU (half the ±0.1 LU promised, so another
 * meter that differs by hundredths still agrees). Then the accepted output's true peak is
 * verified at 8× by the analyser (the limiter detects on an 8× grid with parabolic
 * refinement; its guarantee is stated against the analyser) and the result reports only
 * measured figures. It refuses, saying why, when the programme is silent (below the −70 LUFS
 * gate), shorter than one 400 ms gating block, or when the target needs more peak gain
 * reduction than `maxLimitingDb` (measured on each pass); then it reports what it reached.
 */

export const TOLERANCE_LU = 0.05;
/** The promise made to users: within ±0.1 LU of the target. */
export const PROMISED_TOLERANCE_LU = 0.1;
export const DEFAULT_MAX_LIMITING_DB = 12;
export const VERIFY_OVERSAMPLING = 8;
export const MAX_PASSES = 10;
/** One BS.1770 gating block: shorter programmes have no integrated loudness. */
export const MIN_PROGRAMME_SECONDS = 0.4;
/** Frames quieter than this below the ceiling (after the drive) do not count for limiting stats. */
const STATS_FLOOR_DB = 40;
/** A frame counts as limited above this much gain reduction. */
const LIMITED_ABOVE_DB = 0.01;

const LIMITER_INPUT = limiterProcessor.params.inputGainDb;
const TRIM = gainProcessor.params.gainDb;

export type TargetingOutcome =
  | 'reached'
  | 'limiting-budget'
  | 'ceiling-exceeded'
  | 'no-convergence'
  | 'silent'
  | 'too-short';

export interface TargetingPass {
  readonly driveDb: number;
  readonly integratedLufs: number;
}

export interface LimitingStats {
  /** Largest gain reduction the limiter applied (dB). */
  readonly peakDb: number;
  /** Mean gain reduction over the frames it limited (dB); 0 when it never did. */
  readonly meanDb: number;
  /** Share of the programme's frames it limited (%). */
  readonly limitedPercent: number;
  /** Largest reduction in each hop of `traceHopSeconds` (dB, ≥ 0), for the report's plot. */
  readonly reductionTraceDb: Float64Array;
  readonly traceHopSeconds: number;
}

/** Resolution of the gain-reduction trace kept for reports. */
const TRACE_HOP_SECONDS = 0.01;

export interface TargetingOptions {
  readonly lufs: number;
  readonly ceilingDbtp: number;
  readonly maxLimitingDb?: number;
  /** The limiter insert to drive (look-ahead, release…); its ceiling and input gain are set here. */
  readonly limiter?: InsertDocument;
  /** Where passes are stored (memory by default). */
  readonly workspace?: Workspace;
  /** The programme's loudness and true peak when already measured. */
  readonly measured?: ProgrammeLevels;
  readonly onPass?: (pass: TargetingPass, index: number) => void;
}

export interface ProgrammeLevels {
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
}

export interface TargetingResult {
  readonly outcome: TargetingOutcome;
  readonly reached: boolean;
  /** One sentence: what happened, with the measured figures. */
  readonly reason: string;
  readonly targetLufs: number;
  readonly ceilingDbtp: number;
  readonly maxLimitingDb: number;
  /** The programme before the drive and limiter. */
  readonly input: ProgrammeLevels;
  /** Drive into the limiter of the accepted pass (dB); NaN when no pass ran. */
  readonly driveDb: number;
  /** Of the output, measured (−Infinity when no pass ran). */
  readonly integratedLufs: number;
  /** Of the output, measured at VERIFY_OVERSAMPLING× (−Infinity when no pass ran). */
  readonly truePeakDbtp: number;
  readonly truePeakOversampling: number;
  readonly limiting: LimitingStats;
  readonly passes: readonly TargetingPass[];
  /** The stages targeting owns, as run: a trim gain when needed, then the limiter. */
  readonly tail: InsertDocument[];
  /** The finished audio (absent when the programme could not be measured). */
  readonly output?: Programme;
}

/** Integrated loudness and true peak (4×, the analyser's default) of a programme. */
export async function measureProgramme(programme: Programme): Promise<ProgrammeLevels> {
  const loudness = new LoudnessMeter({
    sampleRate: programme.sampleRate,
    channels: programme.channels,
  });
  const peak = new TruePeakMeter({
    sampleRate: programme.sampleRate,
    channels: programme.channels,
  });
  await forEachBlock(programme, (channels, frames) => {
    loudness.push(channels, frames);
    peak.push(channels, frames);
  });
  return {
    integratedLufs: loudness.result().integratedLufs,
    truePeakDbtp: gainToDb(Math.max(...peak.result().truePeaks)),
  };
}

function round(db: number): number {
  return Math.round(db * 1000) / 1000;
}

function fmt(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text; // never "-0.00"
}

/**
 * The inserts targeting owns for a drive: the limiter with the drive as its input gain and
 * the ceiling, preceded by a trim `gain` for any part of the drive beyond the limiter's
 * input-gain range.
 */
export function targetingTail(
  limiter: InsertDocument | undefined,
  driveDb: number,
  ceilingDbtp: number,
): InsertDocument[] {
  const inLimiter = Math.min(LIMITER_INPUT.max, Math.max(LIMITER_INPUT.min, driveDb));
  const trim = round(driveDb - inLimiter);
  return [
    ...(trim !== 0 ? [{ type: 'gain', gainDb: trim }] : []),
    { ...(limiter ?? {}), type: 'limiter', bypass: false, ceilingDbtp, inputGainDb: inLimiter },
  ];
}

/** Slope estimates are kept above this (a flatter L(D) would send the step far away). */
const MIN_SLOPE = 0.02;
/** Steps are lengthened at most this much for the curvature seen so far (1 / efficiency). */
const MIN_EFFICIENCY = 0.3;
/** Measured peak reduction may exceed the budget by this much (the 0.001 dB drive grid, rounding). */
const BUDGET_SLACK_DB = 0.05;
/** A frame's own sample peak may read this much under what its true peak needs. */
const OWN_PEAK_MARGIN_DB = 0.5;
/** … and at most this share of the reduction (a frame needing nothing is not held by itself). */
const OWN_PEAK_MARGIN_SHARE = 0.25;
const DRIVE_MIN_DB = LIMITER_INPUT.min + TRIM.min;
const DRIVE_MAX_DB = LIMITER_INPUT.max + TRIM.max;

interface Candidate extends TargetingPass {
  readonly output: Programme;
  readonly limiting: LimitingStats;
}

export async function targetLoudness(
  programme: Programme,
  options: TargetingOptions,
): Promise<TargetingResult> {
  const target = options.lufs;
  const ceiling = options.ceilingDbtp;
  const budget = options.maxLimitingDb ?? DEFAULT_MAX_LIMITING_DB;
  const workspace = options.workspace ?? memoryWorkspace();
  const input = options.measured ?? (await measureProgramme(programme));
  const base = {
    targetLufs: target,
    ceilingDbtp: ceiling,
    maxLimitingDb: budget,
    input,
    truePeakOversampling: VERIFY_OVERSAMPLING,
  };
  const seconds = programme.frames / programme.sampleRate;
  const unmeasured = (outcome: 'silent' | 'too-short', reason: string): TargetingResult => ({
    ...base,
    outcome,
    reached: false,
    reason,
    driveDb: Number.NaN,
    integratedLufs: Number.NEGATIVE_INFINITY,
    truePeakDbtp: Number.NEGATIVE_INFINITY,
    limiting: {
      peakDb: 0,
      meanDb: 0,
      limitedPercent: 0,
      reductionTraceDb: new Float64Array(0),
      traceHopSeconds: TRACE_HOP_SECONDS,
    },
    passes: [],
    tail: [],
  });
  if (seconds < MIN_PROGRAMME_SECONDS) {
    return unmeasured(
      'too-short',
      `The programme is ${seconds.toFixed(2)} s long; integrated loudness needs at least ${MIN_PROGRAMME_SECONDS} s (one gating block), so it cannot be brought to a loudness target.`,
    );
  }
  if (!Number.isFinite(input.integratedLufs)) {
    return unmeasured(
      'silent',
      'The programme is silent (below the −70 LUFS gate), so it has no loudness to bring to a target.',
    );
  }

  function clampDrive(d: number): number {
    return round(Math.min(DRIVE_MAX_DB, Math.max(DRIVE_MIN_DB, d)));
  }
  // The budget bounds the drive: first as predicted from the programme's true peak, then as
  // measured (a pass whose peak reduction exceeds it lowers the bound by the excess).
  let maxDrive = clampDrive(ceiling + budget - input.truePeakDbtp);

  const passes: TargetingPass[] = [];
  let best: Candidate | undefined;
  let below: TargetingPass | undefined;
  let above: TargetingPass | undefined;
  let drive = Math.min(maxDrive, clampDrive(target - input.integratedLufs));
  let outcome: TargetingOutcome = 'no-convergence';
  let step: { from: TargetingPass; predictedLu: number } | undefined;
  let efficiency = 1;
  let weights = { below: 1, above: 1 };
  let lastMoved: 'below' | 'above' | undefined;

  for (let n = 0; n < MAX_PASSES; n++) {
    const result = await renderPass(programme, options.limiter, drive, ceiling, workspace);
    const lufs = result.integratedLufs;
    const pass = { driveDb: drive, integratedLufs: lufs };
    passes.push(pass);
    options.onPass?.(pass, n);
    const withinBudget = result.limiting.peakDb <= budget + BUDGET_SLACK_DB;
    const candidate: Candidate = { ...pass, output: result.programme, limiting: result.limiting };
    if (
      withinBudget &&
      (!best || Math.abs(lufs - target) < Math.abs(best.integratedLufs - target))
    ) {
      await best?.output.dispose();
      best = candidate;
    } else if (!best && n === MAX_PASSES - 1) {
      best = candidate; // nothing within the budget at all: report the last pass
    } else {
      await candidate.output.dispose();
    }
    if (!withinBudget) {
      maxDrive = Math.min(maxDrive, clampDrive(drive - (result.limiting.peakDb - budget)));
    }
    if (withinBudget && Math.abs(lufs - target) <= TOLERANCE_LU) {
      outcome = 'reached';
      break;
    }
    if (lufs < target && withinBudget) {
      if (!below || drive > below.driveDb) {
        below = pass;
        weights = { below: 1, above: lastMoved === 'below' ? weights.above / 2 : 1 };
        lastMoved = 'below';
      }
      if (drive >= maxDrive) {
        outcome = 'limiting-budget';
        break;
      }
    } else if (lufs > target && (!above || drive < above.driveDb)) {
      above = pass;
      weights = { above: 1, below: lastMoved === 'above' ? weights.below / 2 : 1 };
      lastMoved = 'above';
    }
    // How much of the last Newton step's predicted gain arrived: L(D) is concave, so less than
    // predicted, and the next step is lengthened by as much.
    if (step && step.predictedLu > 0.01 && lufs < target) {
      const arrived = (lufs - step.from.integratedLufs) / step.predictedLu;
      efficiency = Math.min(1, Math.max(MIN_EFFICIENCY, efficiency * arrived));
    }
    const slope = Math.min(1, Math.max(MIN_SLOPE, result.slope)) * efficiency;
    let next = clampDrive(nextDrive(pass, slope, target, below, above, weights));
    if (next > maxDrive) next = maxDrive;
    if (passes.some((p) => p.driveDb === next)) {
      if (next === maxDrive && below?.driveDb === maxDrive) outcome = 'limiting-budget';
      break; // nothing new to try on the 0.001 dB grid
    }
    step = { from: pass, predictedLu: (next - drive) * slope };
    drive = next;
  }

  const accepted = best as Candidate;
  const truePeakDbtp = await verifyTruePeak(accepted.output);
  const errorLu = accepted.integratedLufs - target;
  const within = Math.abs(errorLu) <= PROMISED_TOLERANCE_LU;
  if (outcome === 'no-convergence' && within) outcome = 'reached';
  if (outcome === 'reached' && truePeakDbtp > ceiling) outcome = 'ceiling-exceeded';
  const reached = outcome === 'reached';
  const figures = `${fmt(accepted.integratedLufs, 2)} LUFS, true peak ${fmt(truePeakDbtp, 2)} dBTP (${VERIFY_OVERSAMPLING}×)`;
  const reason = (() => {
    switch (outcome) {
      case 'reached':
        return `Reached ${figures}: ${fmt(errorLu, 2)} LU from the ${fmt(target)} LUFS target, under the ${fmt(ceiling)} dBTP ceiling.`;
      case 'limiting-budget':
        return `${fmt(target)} LUFS needs more than the allowed ${fmt(budget)} dB of peak limiting: at that limit (drive ${fmt(accepted.driveDb, 2)} dB, peak reduction ${fmt(accepted.limiting.peakDb)} dB) the master reaches only ${figures}.`;
      case 'ceiling-exceeded':
        return `The limiter's output measures ${figures}, above the ${fmt(ceiling)} dBTP ceiling.`;
      default:
        return `No drive brought the master within ${PROMISED_TOLERANCE_LU} LU of ${fmt(target)} LUFS in ${passes.length} passes; the closest measures ${figures}.`;
    }
  })();
  return {
    ...base,
    outcome,
    reached,
    reason,
    driveDb: accepted.driveDb,
    integratedLufs: accepted.integratedLufs,
    truePeakDbtp,
    limiting: accepted.limiting,
    passes,
    tail: targetingTail(options.limiter, accepted.driveDb, ceiling),
    output: accepted.output,
  };
}

/**
 * The next drive: until a drive that overshoots is known, a Newton step with the pass's slope
 * estimate (kept in (0, 1], where loudness-vs-drive must lie, and lengthened by the
 * curvature seen so far); once the target is bracketed, Illinois false position.
 */
function nextDrive(
  pass: TargetingPass,
  slope: number,
  target: number,
  below: TargetingPass | undefined,
  above: TargetingPass | undefined,
  weights: { below: number; above: number },
): number {
  if (below && above) {
    // Illinois: the false-position point, with a stale end's residual halved each time the
    // other end moves twice in a row (keeps regula falsi from creeping up one side).
    const fBelow = (below.integratedLufs - target) * weights.below;
    const fAbove = (above.integratedLufs - target) * weights.above;
    return below.driveDb + (fBelow / (fBelow - fAbove)) * (above.driveDb - below.driveDb);
  }
  return pass.driveDb + (target - pass.integratedLufs) / slope;
}

/** What one pass measured. */
interface PassResult {
  readonly programme: Programme;
  readonly integratedLufs: number;
  /** Estimated dL/dD at this drive (see LimitingMeter). */
  readonly slope: number;
  readonly limiting: LimitingStats;
}

/** Drive + limiter over the whole programme: its output, stored, and what it measured. */
async function renderPass(
  programme: Programme,
  limiter: InsertDocument | undefined,
  driveDb: number,
  ceilingDbtp: number,
  workspace: Workspace,
): Promise<PassResult> {
  const { sampleRate, channels, frames } = programme;
  const tail = parseInserts(targetingTail(limiter, driveDb, ceilingDbtp), 'tail');
  const runner = new ChainRunner(buildProcessors(tail), {
    sampleRate,
    maxBlockSize: CHAIN_BLOCK_FRAMES,
    channels,
  });
  const meter = new LoudnessMeter({ sampleRate, channels });
  const limiting = new LimitingMeter(
    programme,
    driveDb,
    ceilingDbtp,
    runner.latency + PROGRAMME_BLOCK_FRAMES,
  );
  const store = await workspace.createStore(sampleRate, channels, frames);
  const staging = new Staging(channels);
  const take = async () => {
    meter.push(staging.channels, staging.frames);
    limiting.output(staging.channels, staging.frames);
    await store.write(staging.channels, 0, staging.frames);
    staging.clear();
  };
  try {
    await forEachBlock(programme, async (block, n) => {
      limiting.input(block, n);
      runner.push(block, n, staging.emit);
      await take();
    });
    runner.finish(staging.emit);
    await take();
    return {
      programme: await store.finish(),
      integratedLufs: meter.result().integratedLufs,
      slope: limiting.slope(),
      limiting: limiting.stats(),
    };
  } catch (error) {
    await store.discard();
    throw error;
  }
}

/**
 * The limiter's work read back from a pass, and an estimate of dL/dD there.
 *
 * The limiter only multiplies, so its gain at frame i is |y| / (drive · |x|) (loudest
 * channel), wherever the driven input is within STATS_FLOOR_DB of the ceiling: a reduction r.
 * A frame held down by its own peak (its driven sample peak needs about r, within
 * OWN_PEAK_MARGIN_DB for inter-sample overs) gets no louder with more drive: the reduction
 * grows with it. A frame releasing from an earlier peak that needed R > r gets louder by
 * 1 − r/R per dB (the release curve scales with that peak's excess); an unlimited frame by 1.
 * dL/dD is estimated as the mean of these over the output, weighted by K-weighted energy.
 * Newton steps with it land far closer than secants through the point where limiting began,
 * L(D) being strongly concave.
 */
class LimitingMeter {
  private readonly history: Float32Array[];
  private readonly capacity: number;
  private written = 0;
  private read = 0;
  private readonly drive: number;
  private readonly floor: number;
  private readonly ceilingDb: number;
  /** Reduction needed by the peak the current release started from (dB). */
  private governing = 0;
  /** dL/dD share of the last frame whose gain could be read. */
  private contribution = 1;
  private readonly kWeighting: KWeightedEnergy;
  private energy = new Float64Array(0);
  private weighted = 0;
  private total = 0;
  private peak = 0;
  private limitedSum = 0;
  private limitedFrames = 0;
  private readonly traceHopFrames: number;
  private readonly trace: Float64Array;

  constructor(
    private readonly programme: Programme,
    driveDb: number,
    ceilingDbtp: number,
    lag: number,
  ) {
    this.capacity = lag + CHAIN_BLOCK_FRAMES;
    this.history = Array.from(
      { length: programme.channels },
      () => new Float32Array(this.capacity),
    );
    this.drive = dbToGain(driveDb);
    this.traceHopFrames = Math.max(1, Math.round(TRACE_HOP_SECONDS * programme.sampleRate));
    this.trace = new Float64Array(Math.ceil(programme.frames / this.traceHopFrames) + 1);
    this.floor = dbToGain(ceilingDbtp - STATS_FLOOR_DB);
    this.ceilingDb = ceilingDbtp;
    this.kWeighting = new KWeightedEnergy(
      programme.sampleRate,
      new Float64Array(programme.channels).fill(1),
      PROGRAMME_BLOCK_FRAMES,
    );
  }

  /** Remembers input frames until their output arrives. */
  input(channels: readonly Float32Array[], frames: number): void {
    for (let i = 0; i < frames; i++) {
      const slot = (this.written + i) % this.capacity;
      for (let c = 0; c < channels.length; c++) this.history[c][slot] = channels[c][i];
    }
    this.written += frames;
  }

  /** Takes the next `frames` output frames (aligned with the input). */
  output(channels: readonly Float32Array[], frames: number): void {
    if (this.energy.length < frames) this.energy = new Float64Array(frames);
    for (let start = 0; start < frames; start += PROGRAMME_BLOCK_FRAMES) {
      const count = Math.min(PROGRAMME_BLOCK_FRAMES, frames - start);
      this.kWeighting.process(channels, start, count, this.energy.subarray(start));
    }
    const channelCount = this.programme.channels;
    for (let i = 0; i < frames; i++) {
      const slot = (this.read + i) % this.capacity;
      let driven = 0;
      let out = 0;
      for (let c = 0; c < channelCount; c++) {
        driven = Math.max(driven, Math.abs(this.history[c][slot]) * this.drive);
        out = Math.max(out, Math.abs(channels[c][i]));
      }
      const e = this.energy[i];
      this.total += e;
      if (driven < this.floor) {
        // Too quiet to read the gain from (a zero crossing): as the frame before.
        this.weighted += e * this.contribution;
        continue;
      }
      const reduction = out < driven ? -gainToDb(out / driven) : 0;
      if (reduction <= LIMITED_ABOVE_DB) {
        this.governing = 0;
        this.contribution = 1;
        this.weighted += e;
        continue;
      }
      const ownNeedDb = gainToDb(driven) - this.ceilingDb;
      const margin = Math.min(OWN_PEAK_MARGIN_DB, OWN_PEAK_MARGIN_SHARE * reduction);
      if (ownNeedDb >= reduction - margin || this.governing < reduction) {
        this.governing = Math.max(ownNeedDb, reduction);
      }
      this.contribution = 1 - Math.min(1, reduction / this.governing);
      this.weighted += e * this.contribution;
      this.peak = Math.max(this.peak, reduction);
      const hop = Math.floor((this.read + i) / this.traceHopFrames);
      if (hop < this.trace.length && reduction > this.trace[hop]) this.trace[hop] = reduction;
      this.limitedSum += reduction;
      this.limitedFrames++;
    }
    this.read += frames;
  }

  slope(): number {
    return this.total > 0 ? this.weighted / this.total : 1;
  }

  stats(): LimitingStats {
    return {
      peakDb: this.peak,
      meanDb: this.limitedFrames > 0 ? this.limitedSum / this.limitedFrames : 0,
      limitedPercent:
        this.programme.frames > 0 ? (100 * this.limitedFrames) / this.programme.frames : 0,
      reductionTraceDb: this.trace,
      traceHopSeconds: this.traceHopFrames / this.programme.sampleRate,
    };
  }
}

/** Collects what a runner emits during one push (or the flush) into contiguous arrays. */
export class Staging {
  channels: Float32Array[];
  frames = 0;

  constructor(channelCount: number, capacity = 1 << 16) {
    this.channels = Array.from({ length: channelCount }, () => new Float32Array(capacity));
  }

  clear(): void {
    this.frames = 0;
  }

  readonly emit: Emit = (data, offset, n) => {
    if (this.frames + n > this.channels[0].length) {
      const size = Math.max(2 * this.channels[0].length, this.frames + n);
      this.channels = this.channels.map((c) => {
        const grown = new Float32Array(size);
        grown.set(c.subarray(0, this.frames));
        return grown;
      });
    }
    for (let c = 0; c < this.channels.length; c++) {
      this.channels[c].set(data[c].subarray(offset, offset + n), this.frames);
    }
    this.frames += n;
  };
}

/** The accepted output's true peak at VERIFY_OVERSAMPLING×. */
async function verifyTruePeak(output: Programme): Promise<number> {
  const meter = new TruePeakMeter({
    sampleRate: output.sampleRate,
    channels: output.channels,
    oversampling: VERIFY_OVERSAMPLING,
  });
  await forEachBlock(output, (channels, frames) => meter.push(channels, frames));
  return gainToDb(Math.max(...meter.result().truePeaks));
}
