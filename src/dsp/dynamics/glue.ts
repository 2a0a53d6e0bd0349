import { bool, choice, num } from '../params.js';
import { defineProcessor } from '../processor.js';
import { AUTO_RELEASE } from './auto-release.js';
import { AUTO_MAKEUP_REFERENCE_DB } from './compressor-engine.js';
import { SIDECHAIN_HPF_MIN_HZ } from './detector.js';
import { CompressorEngineProcessor } from './engine-processor.js';
import { attackParam } from './time-constant-params.js';

/**
 * Bus ("glue") compressor: the compressor's engine with the controls of a classic VCA bus
 * compressor — a few fixed ratios, slow attacks, stepped releases or an automatic,
 * program-dependent one — and fixed voicing: peak detection, channels fully linked
 * (maximum), and a 6 dB soft knee so the low ratios ease in around the threshold.
 */
export const GLUE_KNEE_DB = 6;

const GAIN_SMOOTHING_MS = 20;

const params = {
  thresholdDb: num({
    name: 'Threshold',
    unit: 'dB',
    min: -40,
    max: 0,
    default: -12,
    smoothingMs: 0,
    description: 'peak level (dBFS) where compression starts (6 dB soft knee around it)',
  }),
  ratio: choice({
    name: 'Ratio',
    choices: ['1.5', '2', '4', '10'],
    default: '2',
    description: 'dB in per dB out above threshold',
  }),
  attackMs: attackParam({ min: 0.1, max: 30, default: 10 }),
  releaseMs: choice({
    name: 'Release',
    choices: ['100', '300', '600', '1200', 'auto'],
    default: 'auto',
    description: `release time in ms (63 % of a step in dB), or auto: ${AUTO_RELEASE.fastReleaseMs} ms after transients, ${AUTO_RELEASE.slowReleaseMs} ms after compression held longer than about ${AUTO_RELEASE.slowAttackMs} ms`,
  }),
  makeupDb: num({
    name: 'Makeup',
    unit: 'dB',
    min: -12,
    max: 24,
    default: 0,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'gain added after compression (on top of auto makeup when that is on)',
  }),
  autoMakeup: bool({
    name: 'Auto makeup',
    default: false,
    description: `add the static curve's reduction at ${AUTO_MAKEUP_REFERENCE_DB} dBFS`,
  }),
  sidechainHpfHz: num({
    name: 'Sidechain high-pass',
    unit: 'Hz',
    min: 0,
    max: 500,
    default: 0,
    smoothingMs: 0,
    description: `12 dB/oct Butterworth high-pass on the detector path only, so bass does not pump the bus; 0 (or below ${SIDECHAIN_HPF_MIN_HZ} Hz) = off`,
  }),
  mixPercent: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'compressed (wet) share of the output; below 100 blends in the dry bus',
  }),
};

export const glueProcessor = defineProcessor({
  type: 'glue',
  name: 'Glue compressor',
  description:
    'Bus compressor: stepped ratios (1.5–10), slow attacks, stepped or program-dependent auto release, linked peak detection, sidechain high-pass and external sidechain.',
  params,
  acceptsSidechain: true,
  create: (values) =>
    new CompressorEngineProcessor(params, values, (v) => ({
      thresholdDb: v.thresholdDb,
      ratio: Number(v.ratio),
      kneeDb: GLUE_KNEE_DB,
      attackMs: v.attackMs,
      releaseMs: v.releaseMs === 'auto' ? AUTO_RELEASE.fastReleaseMs : Number(v.releaseMs),
      autoRelease: v.releaseMs === 'auto',
      makeupDb: v.makeupDb,
      autoMakeup: v.autoMakeup,
      detection: 'peak',
      stereoLinkPercent: 100,
      sidechainHpfHz: v.sidechainHpfHz,
      mixPercent: v.mixPercent,
      smoothingMs: GAIN_SMOOTHING_MS,
    })),
});
