import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../../src/dsp/params.js';
import { effectiveCharacter, reverbProcessor } from '../../../src/dsp/time/reverb.js';
import { PRESET_CHARACTER } from '../../../src/dsp/time/reverb-presets.js';
import { impulseResponse } from './reverb-signals.js';
import { octaveBand, t30Seconds } from './rt60.js';

describe('reverb: presets and explicit values', () => {
  const values = (settings: Record<string, unknown>) => ({
    ...defaultValues(reverbProcessor.params),
    ...settings,
  });

  it('a preset supplies every character value left at its default', () => {
    expect(effectiveCharacter(values({ preset: 'hall' }))).toEqual(PRESET_CHARACTER.hall);
    expect(effectiveCharacter(values({ preset: 'plate' }))).toEqual(PRESET_CHARACTER.plate);
  });

  it('an explicit value overrides the preset, the rest stay the preset’s', () => {
    const c = effectiveCharacter(values({ preset: 'hall', decaySeconds: 4, damping: 10 }));
    expect(c).toEqual({ ...PRESET_CHARACTER.hall, decaySeconds: 4, damping: 10 });
  });

  it('custom uses the parameters as given', () => {
    const c = effectiveCharacter(values({ preset: 'custom', size: 20 }));
    expect(c.size).toBe(20);
    expect(c.decaySeconds).toBe(reverbProcessor.params.decaySeconds.default);
  });

  it('the hall preset’s decay is what it measures (1 kHz octave, 48 kHz)', () => {
    const [left] = impulseResponse({ preset: 'hall' }, 48000, 4.5);
    const measured = t30Seconds(octaveBand(left, 1000, 48000), 48000);
    expect(Math.abs(measured - PRESET_CHARACTER.hall.decaySeconds)).toBeLessThan(
      0.15 * PRESET_CHARACTER.hall.decaySeconds,
    );
  });
});
