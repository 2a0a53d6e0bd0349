import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { msToSamples } from '../../core/units.js';
import { num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { applyGain } from './compressor-engine.js';
import { LevelDetector, SIDECHAIN_HPF_MIN_HZ } from './detector.js';
import { branchingStep, REDUCTION_FLOOR_DB, smoothingCoefficient } from './envelope.js';
import { DB_PER_LOG2, fastExp2, fastLog2, LOG2_PER_DB } from './fast-math.js';
import { expanderAttenuationDb } from './gain-computer.js';

/**
 * The gate's key level: a peak envelope of the (linked, optionally high-passed) key with
 * an instant rise and a 5 ms fall (1 − 1/e). The fall bridges the gaps between waveform
 * peaks (a 100 Hz wave falls 8.7 dB between its peaks) so that hysteresis and hold, not
 * every zero crossing, decide when the gate closes.
 */
export const GATE_KEY_FALL_MS = 5;

/** Key envelope below this amplitude (−400 dBFS) is set to 0, away from subnormals. */
const KEY_FLOOR = 1e-20;

const params = {
  thresholdDb: num({
    name: 'Threshold',
    unit: 'dB',
    min: -90,
    max: 0,
    default: -50,
    smoothingMs: 0,
    description: 'key level (peak dBFS) at which the gate opens',
  }),
  rangeDb: num({
    name: 'Range',
    unit: 'dB',
    min: 0,
    max: 100,
    default: 60,
    smoothingMs: 0,
    description: 'largest attenuation when closed',
  }),
  ratio: num({
    name: 'Ratio',
    unit: 'ratio',
    min: 1,
    max: 100,
    default: 100,
    scale: 'log',
    smoothingMs: 0,
    description:
      'expansion below the threshold while closed: (ratio − 1) dB down per dB below; large values gate',
  }),
  attackMs: num({
    name: 'Attack',
    unit: 'ms',
    min: 0.01,
    max: 100,
    default: 0.5,
    scale: 'log',
    smoothingMs: 0,
    description: 'opening time: the attenuation (dB) falls by 63 % (1 − 1/e) in this time',
  }),
  holdMs: num({
    name: 'Hold',
    unit: 'ms',
    min: 0,
    max: 2000,
    default: 20,
    smoothingMs: 0,
    description: 'time the gate stays open after the key falls below the closing level',
  }),
  releaseMs: num({
    name: 'Release',
    unit: 'ms',
    min: 1,
    max: 5000,
    default: 100,
    scale: 'log',
    smoothingMs: 0,
    description:
      'closing time: the attenuation (dB) rises by 63 % (1 − 1/e) of its step in this time',
  }),
  hysteresisDb: num({
    name: 'Hysteresis',
    unit: 'dB',
    min: 0,
    max: 20,
    default: 4,
    smoothingMs: 0,
    description: 'opens at the threshold, closes only below threshold − hysteresis (no chatter)',
  }),
  sidechainHpfHz: num({
    name: 'Sidechain high-pass',
    unit: 'Hz',
    min: 0,
    max: 500,
    default: 0,
    smoothingMs: 0,
    description: `12 dB/oct Butterworth high-pass on the key only; 0 (or below ${SIDECHAIN_HPF_MIN_HZ} Hz) = off`,
  }),
};

// Module-private aliases for the per-sample loop (see compressor-engine.ts).
const step = branchingStep;
const log2 = fastLog2;
const exp2 = fastExp2;
const FLOOR_DB = REDUCTION_FLOOR_DB;
const K_DB_PER_LOG2 = DB_PER_LOG2;
const K_LOG2_PER_DB = LOG2_PER_DB;

/**
 * Gate / downward expander. A state machine on the key envelope: closed → open when the
 * key reaches the threshold; open → closed when it has stayed below threshold −
 * hysteresis for the hold time. Open means no attenuation; closed means the expander
 * curve (gain-computer.ts) limited to the range. The attenuation in dB is smoothed with
 * attack (opening) and release (closing) times, as the compressor smooths its reduction.
 * Channels share one key (the loudest), so a stereo image does not wander.
 */
class GateProcessor extends ProcessorBase<typeof params> {
  private readonly detector = new LevelDetector();
  private gains = new Float64Array(0);
  private openLevel = 1;
  private closeLevel = 1;
  /** Key level at and below which the expander curve has reached the range. */
  private fullRangeLevel = 0;
  private holdSamples = 0;
  private keyFall = 0;
  private attack = 0;
  private release = 0;
  // State.
  private key = 0;
  private open = false;
  private holdLeft = 0;
  private attenuationDb = 0;

  protected allocate(spec: ProcessSpec): void {
    this.detector.prepare(spec);
    this.gains = new Float64Array(spec.maxBlockSize);
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const fs = this.sampleRate;
    this.detector.configure(
      { detection: 'peak', stereoLinkPercent: 100, highPassHz: v.sidechainHpfHz },
      fs,
    );
    this.openLevel = 10 ** (v.thresholdDb / 20);
    this.closeLevel = 10 ** ((v.thresholdDb - v.hysteresisDb) / 20);
    this.fullRangeLevel =
      v.ratio > 1 ? 10 ** ((v.thresholdDb - v.rangeDb / (v.ratio - 1)) / 20) : 0;
    this.holdSamples = msToSamples(v.holdMs, fs);
    this.keyFall = smoothingCoefficient(GATE_KEY_FALL_MS, fs);
    this.attack = smoothingCoefficient(v.attackMs, fs);
    this.release = smoothingCoefficient(v.releaseMs, fs);
  }

  reset(): void {
    this.detector.reset();
    this.key = 0;
    this.open = false;
    this.holdLeft = 0;
    // Start closed, as after a long silence: no burst of noise before the first note.
    this.attenuationDb = this.values.ratio > 1 ? this.values.rangeDb : 0;
  }

  process(block: AudioBlock, sidechain?: AudioBlock): void {
    const length = block.length;
    const channels = Math.min(block.channels.length, this.spec?.channels ?? 0);
    if (length === 0 || channels === 0) return;
    this.detector.measure(sidechain ?? block, length, channels);
    const level = this.detector.levels[0];
    const gains = this.gains;
    const { thresholdDb, ratio, rangeDb } = this.values;
    const openLevel = this.openLevel;
    const closeLevel = this.closeLevel;
    const fullRangeLevel = this.fullRangeLevel;
    const holdSamples = this.holdSamples;
    const keyFall = this.keyFall;
    const attack = this.attack;
    const release = this.release;
    let key = this.key;
    let open = this.open;
    let holdLeft = this.holdLeft;
    let attenuation = this.attenuationDb;
    for (let i = 0; i < length; i++) {
      key = step(key, level[i], 0, keyFall);
      key = key < KEY_FLOOR ? key * 0 : key;
      if (open) {
        if (key >= closeLevel) holdLeft = holdSamples;
        else if (holdLeft > 0) holdLeft--;
        else open = false;
      } else if (key >= openLevel) {
        open = true;
        holdLeft = holdSamples;
      }
      const target = open
        ? 0
        : key <= fullRangeLevel
          ? rangeDb
          : expanderAttenuationDb(K_DB_PER_LOG2 * log2(key), thresholdDb, ratio, rangeDb);
      // Attenuation rising = closing (release); falling = opening (attack).
      attenuation = step(attenuation, target, release, attack);
      attenuation = attenuation < FLOOR_DB ? attenuation * 0 : attenuation;
      gains[i] = exp2(-attenuation * K_LOG2_PER_DB); // exactly 1 at 0 dB
    }
    this.key = key;
    this.open = open;
    this.holdLeft = holdLeft;
    this.attenuationDb = attenuation;
    for (let c = 0; c < channels; c++) applyGain(block.channels[c], gains, length);
  }
}

export const gateProcessor = defineProcessor({
  type: 'gate',
  name: 'Gate / expander',
  description:
    'Noise gate and downward expander with range, hold and hysteresis, sidechain high-pass and external key input.',
  params,
  acceptsSidechain: true,
  create: (values) => new GateProcessor(params, values),
});
