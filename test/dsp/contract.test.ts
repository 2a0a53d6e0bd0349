import { describe } from 'vitest';
import { PROCESSORS } from '../../src/dsp/registry.js';
import { processorContract } from './contract.js';

/**
 * Settings that make each processor do real work during the contract suite (an idle
 * processor would pass trivially). Processors without an entry run at their defaults.
 */
const ACTIVE_SETTINGS: Record<string, Record<string, unknown>> = {
  gain: { gainDb: -6 },
  pan: { pan: 0.4 },
  width: { widthPercent: 150 },
};

describe('processor contract', () => {
  for (const definition of PROCESSORS) {
    describe(definition.type, () => {
      processorContract(definition, ACTIVE_SETTINGS[definition.type] ?? {});
    });
  }
});
