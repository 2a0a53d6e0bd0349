import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { bool, choice, num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { flushSubnormal } from './compressor-engine.js';
import { LevelDetector } from './detector.js';
import { branchingStep, REDUCTION_FLOOR_DB, smoothingCoefficient } from './envelope.js';
import { fastExp2, fastLog2, LOG2_PER_DB } from './fast-math.js';
import { CompressorCurve } from './gain-computer.js';
import { LinearPhaseSplit } from './linear-phase-split.js';

/**
 * Detector and timing of the de-esser, fixed so that threshold and range are all a user
 * sets: the high band's RMS over a 5 ms window (sibilants last 50–200 ms), a 1 ms attack
 * and a 50 ms release on the reduction (1 − 1/e times, as everywhere in dynamics).
 */
export const DEESSER_RMS_MS = 5;
export const DEESSER_ATTACK_MS = 1;
export const DEESSER_RELEASE_MS = 50;

const params = {
  frequencyHz: num({
    name: 'Frequency',
    unit: 'Hz',
    min: 2000,
    max: 12000,
    default: 6000,
    scale: 'log',
    smoothingMs: 0,
    description:
      'split frequency: the band above it is measured and (in split mode) reduced; changes take effect at once',
  }),
  thresholdDb: num({
    name: 'Threshold',
    unit: 'dB',
    min: -60,
    max: 0,
    default: -30,
    smoothingMs: 0,
    description: 'RMS level (dBFS) of the high band above which it is pulled down to this level',
  }),
  rangeDb: num({
    name: 'Range',
    unit: 'dB',
    min: 0,
    max: 24,
    default: 6,
    smoothingMs: 0,
    description: 'largest reduction',
  }),
  mode: choice({
    name: 'Mode',
    choices: ['split', 'wideband'],
    default: 'split',
    description:
      'split: reduce only the band above the frequency; wideband: reduce the whole signal',
  }),
  listen: bool({
    name: 'Listen',
    default: false,
    description: 'output the detector band (the high band, unprocessed) to tune the frequency',
  }),
};

// Module-private aliases for the per-sample loop (see compressor-engine.ts).
const step = branchingStep;
const log2 = fastLog2;
const exp2 = fastExp2;
const FLOOR_DB = REDUCTION_FLOOR_DB;
const K_LOG2_PER_DB = LOG2_PER_DB;

/**
 * Split-band de-esser. The input is split by LinearPhaseSplit into a low band and a high
 * band that sum back to the input (delayed by the reported latency). The high band's RMS
 * drives a limiter-like curve (ratio ∞: the band's level is brought down to the
 * threshold) capped at the range; in split mode only the high band is scaled, so
 * out = delayed − (1 − g)·high, which is the delayed input exactly when g = 1.
 */
class DeEsserProcessor extends ProcessorBase<typeof params> {
  private split = new LinearPhaseSplit(1, 48000);
  private readonly detector = new LevelDetector();
  private readonly curve = new CompressorCurve();
  private high: Float64Array[] = [];
  private highForDetector: Float32Array[] = [];
  private gains = new Float64Array(0);
  private attack = 0;
  private release = 0;
  private skipBelowLevel = 0;
  private reductionDb = 0;

  protected allocate(spec: ProcessSpec): void {
    this.split = new LinearPhaseSplit(spec.channels, spec.sampleRate);
    this.latency = this.split.latency;
    this.detector.prepare(spec);
    this.high = Array.from({ length: spec.channels }, () => new Float64Array(spec.maxBlockSize));
    this.highForDetector = Array.from(
      { length: spec.channels },
      () => new Float32Array(spec.maxBlockSize),
    );
    this.gains = new Float64Array(spec.maxBlockSize);
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const fs = this.sampleRate;
    this.split.design(v.frequencyHz, fs);
    this.detector.configure(
      { detection: 'rms', stereoLinkPercent: 100, highPassHz: 0, rmsWindowMs: DEESSER_RMS_MS },
      fs,
    );
    this.curve.set(v.thresholdDb, Number.POSITIVE_INFINITY, 0);
    // Mean square below the threshold (less a margin far above fast-math's error): no log.
    this.skipBelowLevel = this.detector.fromDb(v.thresholdDb - 1e-3);
    this.attack = smoothingCoefficient(DEESSER_ATTACK_MS, fs);
    this.release = smoothingCoefficient(DEESSER_RELEASE_MS, fs);
  }

  reset(): void {
    this.split.reset();
    this.detector.reset();
    this.reductionDb = 0;
  }

  process(block: AudioBlock): void {
    const length = block.length;
    const channels = Math.min(block.channels.length, this.high.length);
    if (length === 0 || channels === 0) return;
    for (let c = 0; c < channels; c++) {
      const data = block.channels[c];
      const high = this.high[c];
      // In place: data becomes the delayed input.
      this.split.processChannel(c, data, data, high, length);
      const forDetector = this.highForDetector[c];
      for (let i = 0; i < length; i++) forDetector[i] = high[i];
    }
    this.detector.measure({ channels: this.highForDetector, length }, length, channels);
    this.computeGains(length);

    const gains = this.gains;
    const listen = this.values.listen;
    const wideband = this.values.mode === 'wideband';
    for (let c = 0; c < channels; c++) {
      const data = block.channels[c];
      const high = this.high[c];
      if (listen) {
        for (let i = 0; i < length; i++) data[i] = flushSubnormal(high[i]);
      } else if (wideband) {
        for (let i = 0; i < length; i++) data[i] = flushSubnormal(data[i] * gains[i]);
      } else {
        for (let i = 0; i < length; i++) {
          data[i] = flushSubnormal(data[i] - (1 - gains[i]) * high[i]);
        }
      }
    }
  }

  /** High-band mean square → reduction (ratio ∞, capped at the range) → smoothed gain. */
  private computeGains(length: number): void {
    const level = this.detector.levels[0];
    const gains = this.gains;
    const dbPerLog2 = this.detector.dbPerLog2;
    const rangeDb = this.values.rangeDb;
    const skipBelow = this.skipBelowLevel;
    const curve = this.curve;
    const attack = this.attack;
    const release = this.release;
    let y = this.reductionDb;
    for (let i = 0; i < length; i++) {
      const lv = level[i];
      const wanted = lv > skipBelow ? curve.reductionDb(dbPerLog2 * log2(lv)) : 0;
      y = step(y, Math.min(wanted, rangeDb), attack, release);
      y = y < FLOOR_DB ? y * 0 : y;
      gains[i] = exp2(-y * K_LOG2_PER_DB); // exactly 1 at 0 dB
    }
    this.reductionDb = y;
  }
}

export const deesserProcessor = defineProcessor({
  type: 'deesser',
  name: 'De-esser',
  description:
    'Split-band de-esser: linear-phase complementary split, RMS detection of the high band, reduction of the high band only (or of the whole signal).',
  params,
  create: (values) => new DeEsserProcessor(params, values),
});
