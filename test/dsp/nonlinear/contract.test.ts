import { describe } from 'vitest';
import { clipperProcessor } from '../../../src/dsp/nonlinear/clipper.js';
import { limiterProcessor } from '../../../src/dsp/nonlinear/limiter.js';
import { saturationProcessor } from '../../../src/dsp/nonlinear/saturation.js';
import type { ProcessorDefinition } from '../../../src/dsp/processor.js';
import { processorContract } from '../contract.js';

/**
 * The shared contract (prepare twice, reset, silence, no NaN/denormals, block-size
 * independence, bit-exact bypass with latency) with settings that make each processor work:
 * the contract's noise peaks at 0.5, so these drive it well into the curve or the limiter.
 */
const CASES: [ProcessorDefinition, Record<string, unknown>][] = [
  [saturationProcessor as unknown as ProcessorDefinition, { driveDb: 18, curve: 'tape', mix: 80 }],
  [
    clipperProcessor as unknown as ProcessorDefinition,
    { inputGainDb: 12, ceilingDb: -1, softness: 30 },
  ],
  [limiterProcessor as unknown as ProcessorDefinition, { inputGainDb: 12, ceilingDbtp: -1 }],
  [
    limiterProcessor as unknown as ProcessorDefinition,
    { inputGainDb: 9, stereoLink: false, lookaheadMs: 5, adaptiveRelease: false },
  ],
];

describe('nonlinear processors keep the processor contract', () => {
  for (const [definition, settings] of CASES) {
    describe(`${definition.type} ${JSON.stringify(settings)}`, () => {
      processorContract(definition, settings);
    });
  }
});
