import { describe } from 'vitest';
import { eqProcessor } from '../../../src/dsp/eq/index.js';
import type { ProcessorDefinition } from '../../../src/dsp/processor.js';
import { processorContract } from '../contract.js';

/** Settings that make every kind of band do real work. */
const ACTIVE_BANDS = [
  { type: 'highpass', freqHz: 40, slopeDbPerOct: '24' },
  { type: 'lowshelf', freqHz: 120, gainDb: 4, q: 0.7071 },
  { type: 'bell', freqHz: 900, gainDb: -6, q: 2 },
  { type: 'bell', freqHz: 16000, gainDb: 5, q: 0.7 },
  { type: 'notch', freqHz: 3000, q: 8 },
  { type: 'bandpass', freqHz: 5000, q: 0.5, enabled: false },
  { type: 'highshelf', freqHz: 9000, gainDb: -3, q: 0.7071 },
  { type: 'lowpass', freqHz: 19000, slopeDbPerOct: '12' },
];

const definition = eqProcessor as unknown as ProcessorDefinition;

describe('eq (minimum phase) keeps the processor contract', () => {
  processorContract(definition, { bands: ACTIVE_BANDS, outputGainDb: -2 });
});

describe('eq (linear phase) keeps the processor contract', () => {
  processorContract(definition, { bands: ACTIVE_BANDS, outputGainDb: -2, phase: 'linear' });
});
