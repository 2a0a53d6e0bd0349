import { bool, choice, num } from '../params.js';
import { defineProcessor } from '../processor.js';
import { AUTO_MAKEUP_REFERENCE_DB } from './compressor-engine.js';
import { RMS_WINDOW_MS, SIDECHAIN_HPF_MIN_HZ } from './detector.js';
import { CompressorEngineProcessor } from './engine-processor.js';
import { attackParam, releaseParam } from './time-constant-params.js';

/** Ramp time for makeup and mix changes. */
const GAIN_SMOOTHING_MS = 20;

const params = {
  thresholdDb: num({
    name: 'Threshold',
    unit: 'dB',
    min: -80,
    max: 0,
    default: -20,
    smoothingMs: 0,
    description:
      'detector level (dBFS) where compression starts; changes reach the gain through attack/release',
  }),
  ratio: num({
    name: 'Ratio',
    unit: 'ratio',
    min: 1,
    max: 100,
    default: 4,
    scale: 'log',
    smoothingMs: 0,
    description: 'dB in per dB out above threshold (1 = no compression, 100 ≈ limiting)',
  }),
  kneeDb: num({
    name: 'Knee',
    unit: 'dB',
    min: 0,
    max: 24,
    default: 6,
    smoothingMs: 0,
    description:
      'soft-knee width centred on the threshold (quadratic, Giannoulis et al. 2012); 0 = hard knee',
  }),
  attackMs: attackParam({ min: 0.01, max: 500, default: 10 }),
  releaseMs: releaseParam({ min: 1, max: 5000, default: 100 }),
  makeupDb: num({
    name: 'Makeup',
    unit: 'dB',
    min: -24,
    max: 36,
    default: 0,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'gain added after compression (on top of auto makeup when that is on)',
  }),
  autoMakeup: bool({
    name: 'Auto makeup',
    default: false,
    description: `add the static curve's reduction at ${AUTO_MAKEUP_REFERENCE_DB} dBFS, so a signal at that level keeps its level`,
  }),
  detection: choice({
    name: 'Detection',
    choices: ['peak', 'rms'],
    default: 'peak',
    description: `peak: sample magnitude; rms: exponentially weighted RMS, ${RMS_WINDOW_MS} ms time constant`,
  }),
  stereoLinkPercent: num({
    name: 'Stereo link',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: 0,
    description:
      "each channel's detector blended with the loudest channel's: 100 = one detector (the maximum) for all",
  }),
  sidechainHpfHz: num({
    name: 'Sidechain high-pass',
    unit: 'Hz',
    min: 0,
    max: 500,
    default: 0,
    smoothingMs: 0,
    description: `12 dB/oct Butterworth high-pass on the detector path only; 0 (or below ${SIDECHAIN_HPF_MIN_HZ} Hz) = off`,
  }),
  mixPercent: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description:
      'compressed (wet) share of the output; below 100 blends in the dry signal (parallel compression)',
  }),
};

export const compressorProcessor = defineProcessor({
  type: 'compressor',
  name: 'Compressor',
  description:
    'Feed-forward compressor: soft knee, log-domain attack/release, peak or RMS detection, stereo link, sidechain high-pass, external sidechain (ducking) and dry/wet mix.',
  params,
  acceptsSidechain: true,
  create: (values) =>
    new CompressorEngineProcessor(params, values, (v) => ({
      thresholdDb: v.thresholdDb,
      ratio: v.ratio,
      kneeDb: v.kneeDb,
      attackMs: v.attackMs,
      releaseMs: v.releaseMs,
      autoRelease: false,
      makeupDb: v.makeupDb,
      autoMakeup: v.autoMakeup,
      detection: v.detection,
      stereoLinkPercent: v.stereoLinkPercent,
      sidechainHpfHz: v.sidechainHpfHz,
      mixPercent: v.mixPercent,
      smoothingMs: GAIN_SMOOTHING_MS,
    })),
});
