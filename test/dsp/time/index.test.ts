import { describe, expect, it } from 'vitest';
import { defaultValues, paramsSchemaProperties } from '../../../src/dsp/params.js';
import * as time from '../../../src/dsp/time/index.js';

describe('time processors: definitions', () => {
  const definitions = [time.delayProcessor, time.reverbProcessor, time.convolutionProcessor];

  it('export the three definitions with their session types', () => {
    expect(definitions.map((d) => d.type)).toEqual(['delay', 'reverb', 'convolution']);
  });

  it('declare every parameter with a description and a schema entry', () => {
    for (const d of definitions) {
      const schema = paramsSchemaProperties(d.params);
      for (const [id, spec] of Object.entries(d.params)) {
        expect(spec.description.length, `${d.type}.${id}`).toBeGreaterThan(10);
        expect(schema[id], `${d.type}.${id}`).toBeDefined();
      }
    }
  });

  it('delay and reverb are created from defaults alone; convolution needs its IR', () => {
    expect(() =>
      time.delayProcessor.create(defaultValues(time.delayProcessor.params)),
    ).not.toThrow();
    expect(() =>
      time.reverbProcessor.create(defaultValues(time.reverbProcessor.params)),
    ).not.toThrow();
    expect(() =>
      time.convolutionProcessor.create(defaultValues(time.convolutionProcessor.params)),
    ).toThrow(/no impulse response is set/);
  });
});
