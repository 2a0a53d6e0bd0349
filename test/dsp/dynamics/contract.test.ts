import { describe } from 'vitest';
import { compressorProcessor } from '../../../src/dsp/dynamics/compressor.js';
import { deesserProcessor } from '../../../src/dsp/dynamics/deesser.js';
import { gateProcessor } from '../../../src/dsp/dynamics/gate.js';
import { glueProcessor } from '../../../src/dsp/dynamics/glue.js';
import type { ProcessorDefinition } from '../../../src/dsp/processor.js';
import { processorContract } from '../contract.js';

/**
 * The processor contract with settings that make each processor work on the suite's
 * noise (0.5 × uniform: peaks near −6 dBFS, RMS near −15 dBFS).
 */
const CASES: [string, ProcessorDefinition, Record<string, unknown>][] = [
  [
    'compressor: linked peak, soft knee, makeup',
    compressorProcessor,
    { thresholdDb: -40, ratio: 4, kneeDb: 6, attackMs: 1, releaseMs: 50, makeupDb: 6 },
  ],
  [
    'compressor: RMS, 50 % link, sidechain high-pass, auto makeup, parallel mix',
    compressorProcessor,
    {
      thresholdDb: -35,
      ratio: 10,
      detection: 'rms',
      stereoLinkPercent: 50,
      sidechainHpfHz: 120,
      autoMakeup: true,
      mixPercent: 60,
    },
  ],
  [
    'glue: auto release',
    glueProcessor,
    { thresholdDb: -30, ratio: '4', attackMs: 0.3, releaseMs: 'auto' },
  ],
  [
    'gate: opening and closing on the noise',
    gateProcessor,
    { thresholdDb: -12, rangeDb: 40, holdMs: 2, releaseMs: 10, hysteresisDb: 3, ratio: 4 },
  ],
  ['de-esser: split', deesserProcessor, { frequencyHz: 4000, thresholdDb: -45, rangeDb: 12 }],
  [
    'de-esser: wideband',
    deesserProcessor,
    { frequencyHz: 8000, thresholdDb: -45, rangeDb: 6, mode: 'wideband' },
  ],
];

describe('dynamics processor contract (active settings)', () => {
  for (const [label, definition, settings] of CASES) {
    describe(label, () => {
      processorContract(definition, settings);
    });
  }
});
