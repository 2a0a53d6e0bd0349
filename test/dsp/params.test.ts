import { describe, expect, it } from 'vitest';
import {
  bool,
  choice,
  defaultValues,
  group,
  num,
  paramsSchemaProperties,
  resolveParam,
  validateParams,
  valuesFromSettings,
} from '../../src/dsp/params.js';

const specs = {
  ratio: num({ name: 'Ratio', unit: 'ratio', min: 1, max: 100, default: 4, description: 'x' }),
  detection: choice({
    name: 'Detection',
    choices: ['peak', 'rms'],
    default: 'peak',
    description: 'x',
  }),
  autoMakeup: bool({ name: 'Auto makeup', default: false, description: 'x' }),
  bands: group({
    name: 'Bands',
    maxItems: 2,
    description: 'x',
    items: {
      gainDb: num({ name: 'Gain', unit: 'dB', min: -24, max: 24, default: 0, description: 'x' }),
      shape: choice({
        name: 'Shape',
        choices: ['bell', 'notch'],
        default: 'bell',
        description: 'x',
      }),
    },
  }),
};

describe('parameter declarations', () => {
  it('give typed defaults', () => {
    const v = defaultValues(specs);
    expect(v).toEqual({ ratio: 4, detection: 'peak', autoMakeup: false, bands: [] });
  });

  it('fill settings with defaults, item by item', () => {
    const v = valuesFromSettings(specs, { ratio: 2, bands: [{ gainDb: 3 }] });
    expect(v.ratio).toBe(2);
    expect(v.bands).toEqual([{ gainDb: 3, shape: 'bell' }]);
  });

  it('name the path and the value of every mistake', () => {
    const issues = validateParams(
      specs,
      {
        type: 'compressor',
        ratio: 0.5,
        detection: 'loud',
        autoMakeup: 'yes',
        bands: [{ gainDb: 30 }, { shape: 'bell', q: 2 }, {}],
        knee: 3,
      },
      new Set(['type']),
    );
    const messages = issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain('ratio: must be at least 1, got 0.5');
    expect(messages).toContain('detection: must be one of "peak", "rms", got "loud"');
    expect(messages).toContain('autoMakeup: must be true or false, got "yes"');
    expect(messages).toContain('bands: must have at most 2 items, got 3');
    expect(messages).toContain('bands[0].gainDb: must be at most 24, got 30');
    expect(messages.some((m) => m.startsWith('bands[1].q: is not a parameter here'))).toBe(true);
    expect(messages.some((m) => m.startsWith('knee: is not a parameter here'))).toBe(true);
    expect(messages).not.toContain('type: is not a parameter here');
  });

  it('accept valid settings without issues', () => {
    expect(validateParams(specs, { ratio: 8, bands: [{ gainDb: -3, shape: 'notch' }] })).toEqual(
      [],
    );
  });

  it('resolve automation paths, and refuse undeclared ones', () => {
    expect(resolveParam(specs, 'ratio')?.spec.kind).toBe('number');
    expect(resolveParam(specs, 'bands[1].gainDb')).toMatchObject({
      id: 'bands',
      index: 1,
      item: 'gainDb',
    });
    expect(resolveParam(specs, 'bands[2].gainDb')).toBeUndefined();
    expect(resolveParam(specs, 'bands.gainDb')).toBeUndefined();
    expect(resolveParam(specs, 'threshold')).toBeUndefined();
  });

  it('produce JSON Schema with ranges and defaults', () => {
    const schema = paramsSchemaProperties(specs) as Record<string, Record<string, unknown>>;
    expect(schema.ratio).toMatchObject({ type: 'number', minimum: 1, maximum: 100, default: 4 });
    expect(schema.detection).toMatchObject({ enum: ['peak', 'rms'] });
    expect(schema.bands).toMatchObject({ type: 'array', maxItems: 2 });
  });
});
