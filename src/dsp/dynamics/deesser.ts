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
 * sets. The detector is a 4th-order Butterworth high-pass at the split frequency (24 dB/oct:
 * a 1 kHz vowel reads 57 dB down through a 5 kHz detector) followed by the RMS over 5 ms
 * (sibilants last 50–200 ms), with a 1 ms attack and a 50 ms release on the reduction
 * (1 − 1/e times, as everywhere in dynamics). It listens to the input before the split's
 * delay, so the reduction leads the audio by the latency (2 ms): sibilant onsets are
 * caught.
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
    description:
      'output the high band of the split (what split mode reduces), unprocessed, to tune the frequency',
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
 * band that sum back to the input (delayed by the reported latency). The detector drives a
 * limiter-like curve (ratio ∞: the band's level is brought down to the threshold) capped at
 * the range; in split mode only the high band is scaled, so out = delayed − (1 − g)·high,
 * which is the delayed input exactly when g = 1. The split's FIR (the costly part) runs
 * only for blocks that reduce or listen; otherwise the output is the delayed input.
 */
class DeEsserProcessor extends ProcessorBase<typeof params> {
  private split = new LinearPhaseSplit(1, 48000);
  private readonly detector = new LevelDetector();
  private readonly curve = new CompressorCurve();
  private high: Float64Array[] = [];
  private gains = new Float64Array(0);
  private attack = 0;
  private release = 0;
  private skipBelowLevel = 0;
  private reductionDb = 0;

  protected allocate(spec: ProcessSpec): void {
    this.split = new LinearPhaseSplit(spec.channels, spec.sampleRate);
    this.latency = this.split.latency;
    // The split's impulse response reaches D samples past its (delayed) centre.
    this.tailSamples = this.split.latency;
    this.detector.prepare(spec);
    this.high = Array.from({ length: spec.channels }, () => new Float64Array(spec.maxBlockSize));
    this.gains = new Float64Array(spec.maxBlockSize);
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const fs = this.sampleRate;
    this.split.design(v.frequencyHz, fs);
    this.detector.configure(
      {
        detection: 'rms',
        stereoLinkPercent: 100,
        highPassHz: v.frequencyHz,
        highPassOrder: 4,
        rmsWindowMs: DEESSER_RMS_MS,
      },
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
    this.detector.measure(block, length, channels);
    const reducing = this.computeGains(length);
    const gains = this.gains;
    const listen = this.values.listen;
    const wideband = this.values.mode === 'wideband';
    for (let c = 0; c < channels; c++) {
      const data = block.channels[c];
      const high = this.high[c];
      // In place: data becomes the delayed input.
      if (listen || (reducing && !wideband)) this.split.processChannel(c, data, data, high, length);
      else this.split.delayChannel(c, data, data, length);
      if (listen) {
        for (let i = 0; i < length; i++) data[i] = flushSubnormal(high[i]);
      } else if (!reducing) {
        // g = 1 throughout: the delayed input is the output.
      } else if (wideband) {
        for (let i = 0; i < length; i++) data[i] = flushSubnormal(data[i] * gains[i]);
      } else {
        for (let i = 0; i < length; i++) {
          data[i] = flushSubnormal(data[i] - (1 - gains[i]) * high[i]);
        }
      }
    }
  }

  /**
   * Detector mean square → reduction (ratio ∞, capped at the range) → smoothed gain.
   * Returns whether any gain in the block is below 1.
   */
  private computeGains(length: number): boolean {
    const level = this.detector.levels[0];
    const gains = this.gains;
    const dbPerLog2 = this.detector.dbPerLog2;
    const rangeDb = this.values.rangeDb;
    const skipBelow = this.skipBelowLevel;
    const curve = this.curve;
    const attack = this.attack;
    const release = this.release;
    let y = this.reductionDb;
    let total = 0;
    for (let i = 0; i < length; i++) {
      const lv = level[i];
      const wanted = lv > skipBelow ? curve.reductionDb(dbPerLog2 * log2(lv)) : 0;
      y = step(y, Math.min(wanted, rangeDb), attack, release);
      y = y < FLOOR_DB ? y * 0 : y;
      total += y;
      gains[i] = exp2(-y * K_LOG2_PER_DB); // exactly 1 at 0 dB
    }
    this.reductionDb = y;
    return total > 0;
  }
}

export const deesserProcessor = defineProcessor({
  type: 'deesser',
  name: 'De-esser',
  description:
    'Split-band de-esser: RMS detection through a 24 dB/oct high-pass, linear-phase complementary split, reduction of the high band only (or of the whole signal).',
  params,
  create: (values) => new DeEsserProcessor(params, values),
});
