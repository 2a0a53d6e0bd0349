import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { LinearRamp } from '../ramp.js';
import { type AutoReleaseCoefficients, autoReleaseCoefficients } from './auto-release.js';
import { type Detection, LevelDetector } from './detector.js';
import { branchFreeStep, REDUCTION_FLOOR_DB, smoothingCoefficient } from './envelope.js';
import {
  EXP2_TABLE,
  fastLog2,
  fastLog2OfFloat32Bits,
  LOG2_PER_DB,
  POWERS_OF_TWO,
} from './fast-math.js';
import { CompressorCurve, softKneeReductionDb } from './gain-computer.js';

/**
 * The feed-forward compressor shared by `compressor` and `glue` (and meant for a later
 * multiband compressor). Signal flow per frame, after Giannoulis, Massberg & Reiss (JAES
 * 2012): the gain computer in the log domain, followed by the smooth branching detector on
 * the gain reduction, the arrangement the tutorial recommends:
 *
 *   key → [HPF] → |x| or RMS → link → dB → static curve → reduction (dB)
 *       → smooth branching attack/release in dB → −reduction + makeup → linear gain → mix
 *
 * The detector stays linear; logarithms and exponentials use the fast log2/exp2 of
 * fast-math.ts, and are skipped for whole blocks below the knee or without reduction.
 * Envelope state is Float64.
 */

/**
 * Blocks whose loudest detector level is this far below the knee skip the logarithm: the
 * margin (1e-3 dB) is far above fast-math's error (≤ 1.04e-6 dB), so every level in such a
 * block would also give exactly 0 through the per-sample curve, and the output does not
 * depend on where blocks start.
 */
const SKIP_MARGIN_DB = 1e-3;

/**
 * Auto makeup rule: add the static curve's reduction at −18 dBFS (the detector's level),
 * so a signal at −18 dBFS — the EBU R68 alignment level and a typical mix-bus operating
 * level — comes out at the level it went in. Unlike compensating at 0 dBFS, it does not
 * add tens of dB of gain to low thresholds, and it is 0 when the threshold is above the
 * reference (nothing to compensate at the operating level).
 */
export const AUTO_MAKEUP_REFERENCE_DB = -18;

/** Smallest normal Float32: smaller products are written as 0, so no subnormal leaves. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

// Module-private aliases for the per-sample loops. V8 folds module-private constants into
// optimised code, but re-reads and re-checks imported or exported bindings on every use,
// which costs several instructions per sample.
const MIN_NORMAL = FLOAT32_MIN_NORMAL;
const FLOOR_DB = REDUCTION_FLOOR_DB;
const K_LOG2_PER_DB = LOG2_PER_DB;
const log2 = fastLog2;
const log2OfBits = fastLog2OfFloat32Bits;
const EXP2 = EXP2_TABLE;
const POW2 = POWERS_OF_TWO;
const smooth = branchFreeStep;
const kneeCurve = softKneeReductionDb;

export interface CompressorSettings {
  readonly thresholdDb: number;
  readonly ratio: number;
  readonly kneeDb: number;
  readonly attackMs: number;
  /** Ignored when `autoRelease` is true. */
  readonly releaseMs: number;
  readonly autoRelease: boolean;
  readonly makeupDb: number;
  readonly autoMakeup: boolean;
  readonly detection: Detection;
  readonly stereoLinkPercent: number;
  readonly sidechainHpfHz: number;
  readonly mixPercent: number;
  /** Ramp time for makeup and mix changes. */
  readonly smoothingMs: number;
}

export class CompressorEngine {
  private readonly detector = new LevelDetector();
  private readonly curve = new CompressorCurve();
  /** Smoothed gain reduction (dB) per detector: the fixed-release / fast one, the slow one. */
  private state = new Float64Array(0);
  private slowState = new Float64Array(0);
  /** Per detector, one block of levels → targets → reductions → gains. */
  private work: Float64Array[] = [];
  /** The fast path's linked key level, and the same memory as Float32 bit patterns. */
  private keyLevel = new Float32Array(0);
  private keyLevelBits = new Int32Array(0);
  private rampedMakeupDb = new Float64Array(0);
  private rampedMix = new Float64Array(0);
  private readonly makeupDb = new LinearRamp(0);
  private readonly mix = new LinearRamp(1);
  private makeupTargetDb = 0;
  private mixTarget = 1;
  private skipBelowLevel = 0;
  private dbPerLog2 = 0;
  private attack = 0;
  private release = 0;
  /** Attack and release as branchFreeStep takes them (fixed release). */
  private stepMean = 0;
  private stepHalf = 0;
  private autoRelease = false;
  private auto: AutoReleaseCoefficients = { fastFall: 0, slowRise: 0, slowFall: 0 };

  prepare(spec: ProcessSpec): void {
    this.detector.prepare(spec);
    this.state = new Float64Array(spec.channels);
    this.slowState = new Float64Array(spec.channels);
    this.work = Array.from({ length: spec.channels }, () => new Float64Array(spec.maxBlockSize));
    this.keyLevel = new Float32Array(spec.maxBlockSize);
    this.keyLevelBits = new Int32Array(this.keyLevel.buffer);
    this.rampedMakeupDb = new Float64Array(spec.maxBlockSize);
    this.rampedMix = new Float64Array(spec.maxBlockSize);
  }

  /** Takes new settings between blocks; makeup and mix ramp, the rest applies at once. */
  configure(s: CompressorSettings, sampleRate: number): void {
    const wasLinked = this.detector.linked;
    const wasAuto = this.autoRelease;
    this.detector.configure(
      {
        detection: s.detection,
        stereoLinkPercent: s.stereoLinkPercent,
        highPassHz: s.sidechainHpfHz,
      },
      sampleRate,
    );
    this.curve.set(s.thresholdDb, s.ratio, s.kneeDb);
    this.skipBelowLevel = this.detector.fromDb(this.curve.kneeStartDb - SKIP_MARGIN_DB);
    this.dbPerLog2 = this.detector.dbPerLog2;
    this.attack = smoothingCoefficient(s.attackMs, sampleRate);
    this.autoRelease = s.autoRelease;
    this.auto = autoReleaseCoefficients(sampleRate);
    this.release = s.autoRelease
      ? this.auto.fastFall
      : smoothingCoefficient(s.releaseMs, sampleRate);
    this.stepMean = 0.5 * (this.attack + this.release);
    this.stepHalf = 0.5 * (this.release - this.attack);
    this.carryState(wasLinked, wasAuto);
    this.makeupTargetDb =
      s.makeupDb + (s.autoMakeup ? this.curve.reductionDb(AUTO_MAKEUP_REFERENCE_DB) : 0);
    this.mixTarget = s.mixPercent / 100;
    const rampSamples = (s.smoothingMs / 1000) * sampleRate;
    this.makeupDb.setTarget(this.makeupTargetDb, rampSamples);
    this.mix.setTarget(this.mixTarget, rampSamples);
  }

  /**
   * Keeps the gain continuous when the detector layout changes while running: a linked
   * detector's reduction carries over to every channel on unlinking, the loudest
   * channel's on linking; switching auto release on starts its slow part from rest.
   */
  private carryState(wasLinked: boolean, wasAuto: boolean): void {
    const state = this.state;
    if (wasLinked && !this.detector.linked) state.fill(state[0]);
    if (!wasLinked && this.detector.linked) {
      let largest = 0;
      for (const y of state) largest = Math.max(largest, y);
      state[0] = largest;
    }
    if (this.autoRelease && !wasAuto) this.slowState.fill(0);
  }

  reset(): void {
    this.detector.reset();
    this.state.fill(0);
    this.slowState.fill(0);
    this.makeupDb.setImmediate(this.makeupTargetDb);
    this.mix.setImmediate(this.mixTarget);
  }

  /**
   * Compresses `block` in place; the detector listens to `sidechain` when given. Work runs
   * in short passes over the block (levels → static-curve targets → attack/release →
   * gain): each pass has independent iterations or a short dependency chain, which lets the
   * CPU overlap samples far better than one long per-sample body does.
   */
  process(block: AudioBlock, sidechain?: AudioBlock): void {
    const length = block.length;
    const channels = Math.min(block.channels.length, this.work.length);
    if (length === 0 || channels === 0) return;
    const key = sidechain ?? block;
    const ramping = this.makeupDb.isRamping || this.mix.isRamping;
    if (
      channels === 2 &&
      !ramping &&
      !this.autoRelease &&
      this.detector.isPlainPeak &&
      key.length >= length &&
      (key.channels.length === 1 || key.channels.length === 2)
    ) {
      this.processStereoPeak(block, key, length);
      return;
    }
    this.detector.measure(key, length, channels);
    if (ramping) {
      for (let i = 0; i < length; i++) {
        this.rampedMakeupDb[i] = this.makeupDb.next();
        this.rampedMix[i] = this.mix.next();
      }
    }
    const detectors = this.detector.linked ? 1 : channels;
    let reducing = false;
    for (let d = 0; d < detectors; d++) {
      const work = this.work[d];
      this.reductionTargets(this.detector.levels[d], work, length);
      const peakReduction = this.autoRelease
        ? this.smoothAuto(d, work, length)
        : this.smoothFixed(d, work, length);
      if (peakReduction > 0) reducing = true;
    }
    if (!reducing && !ramping) {
      // No reduction anywhere in the block: one constant gain, as the per-sample formula
      // would give for a reduction of 0 (exactly 1 without makeup and at 100 % mix).
      const idle = wetDryGain(0, this.makeupDb.value, this.mix.value);
      if (idle !== 1) {
        for (let c = 0; c < channels; c++) scale(block.channels[c], idle, length);
      }
      return;
    }
    if (detectors === 1 && channels === 2 && !ramping) {
      this.applyStereo(this.work[0], block.channels[0], block.channels[1], length);
      return;
    }
    for (let d = 0; d < detectors; d++) this.reductionToGain(this.work[d], length, ramping);
    for (let c = 0; c < channels; c++) {
      applyGain(block.channels[c], this.work[detectors === 1 ? 0 : c], length);
    }
  }

  /**
   * The mix engine's budget case — stereo, one linked peak detector without high-pass,
   * fixed release, no ramp — in three short passes (levels, static-curve targets, then
   * attack/release with the gain), each written for V8: no Math.max/min (compiled to
   * branch chains for their NaN and −0 rules), no data-dependent branches (the louder
   * channel and the attack/release choice change every few samples and would mispredict),
   * and two samples per iteration (V8 re-validates each typed array on every iteration).
   * Sample for sample it computes exactly what the general path computes, so switching
   * between the two never shows.
   */
  private processStereoPeak(block: AudioBlock, key: AudioBlock, length: number): void {
    const keyLeft = key.channels[0];
    const keyRight = key.channels.length > 1 ? key.channels[1] : keyLeft;
    const [left, right] = block.channels;
    // The linked level max(|l|, |r|), as ½(a + b + |a − b|): exact for two Float32 values
    // (their sum and difference are exact in double unless one is below 2^−29 of the
    // other, and then the rounding is far below a Float32 step), so the Float32 stored is
    // max(|l|, |r|), the general path's level. Its logarithm is read from its bits (same
    // value as fastLog2, without conversions). The loudest level of the block decides
    // whether it needs logarithms at all (an error of an ulp there is immaterial: below
    // the margin the curve gives exactly 0 anyway).
    const keyLevel = this.keyLevel;
    let loudest = 0;
    let n = 0;
    for (; n + 1 < length; n += 2) {
      const a = Math.abs(keyLeft[n]);
      const b = Math.abs(keyRight[n]);
      const c = Math.abs(keyLeft[n + 1]);
      const d = Math.abs(keyRight[n + 1]);
      const level = 0.5 * (a + b + Math.abs(a - b));
      const next = 0.5 * (c + d + Math.abs(c - d));
      keyLevel[n] = level;
      keyLevel[n + 1] = next;
      const pair = 0.5 * (level + next + Math.abs(level - next));
      if (pair > loudest) loudest = pair;
    }
    if (n < length) {
      const a = Math.abs(keyLeft[n]);
      const b = Math.abs(keyRight[n]);
      const level = 0.5 * (a + b + Math.abs(a - b));
      keyLevel[n] = level;
      if (level > loudest) loudest = level;
    }
    const quiet = loudest <= this.skipBelowLevel;
    let y = this.state[0];
    const makeupDb = this.makeupDb.value;
    const mix = this.mix.value;
    if (quiet && y === 0) {
      // Every target is 0 and the reduction already is: it stays 0 all block.
      const idle = wetDryGain(0, makeupDb, mix);
      if (idle !== 1) {
        scale(left, idle, length);
        scale(right, idle, length);
      }
      return;
    }
    const work = this.work[0];
    if (quiet) {
      work.fill(0, 0, length);
    } else {
      const { kneeStartDb, kneeEndDb, kneeWidthDb, slope, kneeCoefficient } = this.curve;
      const dbPerLog2 = this.dbPerLog2;
      const bits = this.keyLevelBits;
      let i = 0;
      for (; i + 1 < length; i += 2) {
        const levelDb = dbPerLog2 * log2OfBits(bits[i]);
        const nextDb = dbPerLog2 * log2OfBits(bits[i + 1]);
        work[i] = kneeCurve(levelDb, kneeStartDb, kneeEndDb, kneeWidthDb, slope, kneeCoefficient);
        work[i + 1] = kneeCurve(
          nextDb,
          kneeStartDb,
          kneeEndDb,
          kneeWidthDb,
          slope,
          kneeCoefficient,
        );
      }
      if (i < length) {
        const levelDb = dbPerLog2 * log2OfBits(bits[i]);
        work[i] = kneeCurve(levelDb, kneeStartDb, kneeEndDb, kneeWidthDb, slope, kneeCoefficient);
      }
    }
    const mean = this.stepMean;
    const half = this.stepHalf;
    let i = 0;
    for (; i + 1 < length; i += 2) {
      y = smooth(y, work[i], mean, half);
      y = y < FLOOR_DB ? y * 0 : y;
      const g = wetDryGain(y, makeupDb, mix);
      y = smooth(y, work[i + 1], mean, half);
      y = y < FLOOR_DB ? y * 0 : y;
      const h = wetDryGain(y, makeupDb, mix);
      left[i] = flushSubnormal(left[i] * g);
      right[i] = flushSubnormal(right[i] * g);
      left[i + 1] = flushSubnormal(left[i + 1] * h);
      right[i + 1] = flushSubnormal(right[i + 1] * h);
    }
    if (i < length) {
      y = smooth(y, work[i], mean, half);
      y = y < FLOOR_DB ? y * 0 : y;
      const g = wetDryGain(y, makeupDb, mix);
      left[i] = flushSubnormal(left[i] * g);
      right[i] = flushSubnormal(right[i] * g);
    }
    this.state[0] = y;
  }

  /**
   * Static-curve reduction (dB) for each detector level. A block whose loudest level is
   * below the knee's start (less SKIP_MARGIN_DB) needs no logarithm at all: its targets
   * are exactly 0, which is also what the per-sample curve gives there.
   */
  private reductionTargets(level: Float64Array, out: Float64Array, length: number): void {
    const { kneeStartDb, kneeEndDb, kneeWidthDb, slope, kneeCoefficient } = this.curve;
    const dbPerLog2 = this.dbPerLog2;
    let loudest = level[0];
    for (let i = 1; i < length; i++) if (level[i] > loudest) loudest = level[i];
    if (loudest <= this.skipBelowLevel) {
      out.fill(0, 0, length);
      return;
    }
    for (let i = 0; i < length; i++) {
      const levelDb = dbPerLog2 * log2(level[i]);
      out[i] = kneeCurve(levelDb, kneeStartDb, kneeEndDb, kneeWidthDb, slope, kneeCoefficient);
    }
  }

  /**
   * Attack/release with one release time, in place (targets → smoothed reduction).
   * Returns the largest reduction in the block (0 when it did nothing).
   */
  private smoothFixed(d: number, work: Float64Array, length: number): number {
    const mean = this.stepMean;
    const half = this.stepHalf;
    let y = this.state[d];
    let peak = 0 * y;
    for (let i = 0; i < length; i++) {
      y = smooth(y, work[i], mean, half);
      // y·0 rather than a literal 0 keeps y a plain double in V8 (a literal would make it
      // a tagged value that allocates); y ≥ 0, so this is +0.
      y = y < FLOOR_DB ? y * 0 : y;
      if (y > peak) peak = y;
      work[i] = y;
    }
    this.state[d] = y;
    return peak;
  }

  /** Attack with the program-dependent release of auto-release.ts, in place; as above. */
  private smoothAuto(d: number, work: Float64Array, length: number): number {
    // The fast detector is the fixed-release one (stepMean/stepHalf use fastFall here).
    const fastMean = this.stepMean;
    const fastHalf = this.stepHalf;
    const { slowRise, slowFall } = this.auto;
    const slowMean = 0.5 * (slowRise + slowFall);
    const slowHalf = 0.5 * (slowFall - slowRise);
    let fast = this.state[d];
    let slow = this.slowState[d];
    let peak = 0 * fast;
    for (let i = 0; i < length; i++) {
      const target = work[i];
      fast = smooth(fast, target, fastMean, fastHalf);
      fast = fast < FLOOR_DB ? fast * 0 : fast;
      slow = smooth(slow, target, slowMean, slowHalf);
      slow = slow < FLOOR_DB ? slow * 0 : slow;
      // The larger wins; which one changes slowly, so this branch predicts well (unlike
      // Math.max, a chain of branches for NaN and −0 in V8).
      let y = slow;
      if (fast > slow) y = fast;
      if (y > peak) peak = y;
      work[i] = y;
    }
    this.state[d] = fast;
    this.slowState[d] = slow;
    return peak;
  }

  /** Smoothed reduction (dB) → linear gain with makeup and dry/wet mix, in place. */
  private reductionToGain(work: Float64Array, length: number, ramping: boolean): void {
    if (ramping) {
      for (let i = 0; i < length; i++) {
        work[i] = wetDryGain(work[i], this.rampedMakeupDb[i], this.rampedMix[i]);
      }
      return;
    }
    const makeupDb = this.makeupDb.value;
    const mix = this.mix.value;
    for (let i = 0; i < length; i++) work[i] = wetDryGain(work[i], makeupDb, mix);
  }

  /** reductionToGain and applyGain in one pass, for one detector on two channels. */
  private applyStereo(
    work: Float64Array,
    left: Float32Array,
    right: Float32Array,
    length: number,
  ): void {
    const makeupDb = this.makeupDb.value;
    const mix = this.mix.value;
    for (let i = 0; i < length; i++) {
      const g = wetDryGain(work[i], makeupDb, mix);
      left[i] = flushSubnormal(left[i] * g);
      right[i] = flushSubnormal(right[i] * g);
    }
  }
}

/**
 * Linear gain for a reduction (dB) after makeup (dB), blended with the dry signal:
 * 1 − mix + mix·fastExp2((makeupDb − reductionDb)·log2/dB), with fastExp2 written out
 * here (same tables, same operations, so bit for bit the same value; the dynamics tests
 * check it). Why not call fastExp2: V8 inlines a limited amount of code into one function,
 * and the compressor's per-sample loop only fits with this compact, module-local form —
 * through the import, with named constants, it was not inlined and the loop ran 35 % slower.
 */
export function wetDryGain(reductionDb: number, makeupDb: number, mix: number): number {
  const x = (makeupDb - reductionDb) * K_LOG2_PER_DB;
  // fastExp2: clamp to ±64 (EXP2_LIMIT), 1024 segments per octave.
  // biome-ignore lint/complexity/useMathMinMax: Math.min/max compile to branch chains in V8
  const clamped = x < -64 ? -64 : x > 64 ? 64 : x;
  const position = (clamped + 64) * 1024;
  const k = position | 0;
  const segment = k & 1023;
  const below = EXP2[segment];
  const fraction = below + (position - k) * (EXP2[segment + 1] - below);
  return 1 - mix + mix * (fraction * POW2[k >> 10]);
}

/** data[i] *= gain[i], writing products below the smallest Float32 normal as 0. */
export function applyGain(data: Float32Array, gain: Float64Array, length: number): void {
  for (let i = 0; i < length; i++) {
    data[i] = flushSubnormal(data[i] * gain[i]);
  }
}

/** data[i] *= gain for a constant gain, flushing as applyGain does. */
function scale(data: Float32Array, gain: number, length: number): void {
  for (let i = 0; i < length; i++) data[i] = flushSubnormal(data[i] * gain);
}

/** 0 for values too small to be a normal Float32 (and for NaN), else the value. */
export function flushSubnormal(v: number): number {
  // One comparison on |v|: V8 compiles `v < m && v > -m` here to far slower code.
  return Math.abs(v) >= MIN_NORMAL ? v : 0;
}
