import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { defaultValues } from '../../../src/dsp/params.js';
import { effectiveCharacter, reverbProcessor } from '../../../src/dsp/time/reverb.js';
import { PRESET_CHARACTER } from '../../../src/dsp/time/reverb-presets.js';
import { noise, run } from '../contract.js';
import { prepared } from './helpers.js';
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

describe('reverb: automation', () => {
  // Coefficients change under a running tail whenever size, decay or damping move. The
  // absorption filters' state must take that (direct form I grew to 1e2 here at 96 kHz),
  // and the damping shelf must not sit at Nyquist, where its poles pile up at z = −1
  // (1e7 at 22.05 kHz, before absorptionFilter kept it below 0.45·fs).
  for (const sampleRate of [22050, 44100, 96000]) {
    it(`${sampleRate} Hz: size, decay, damping and modulation moved every few blocks stay bounded`, () => {
      const prng = new Prng(9);
      const p = prepared(
        reverbProcessor,
        { preset: 'plate', mix: 100 },
        { sampleRate, maxBlockSize: 512, channels: 2 },
      );
      const input = noise(2, 10 * sampleRate, 3).map((x) => x.map((v) => 0.6 * v));
      let peak = 0;
      for (let pos = 0, k = 0; pos < input[0].length; k++) {
        if (k % 3 === 0) {
          p.setParameter('size', Math.round(prng.next() * 100));
          p.setParameter('decaySeconds', 0.1 + prng.next() * 19.9);
          p.setParameter('damping', prng.next() * 100);
          p.setParameter('dampingHz', 1000 * 16 ** prng.next());
          p.setParameter('modulation', prng.next() * 100);
        }
        const n = Math.min(input[0].length - pos, 1 + Math.floor(prng.next() * 512));
        const out = run(
          p,
          input.map((x) => x.subarray(pos, pos + n)),
          n,
        );
        for (const data of out) for (const v of data) peak = Math.max(peak, Math.abs(v));
        pos += n;
      }
      expect(peak).toBeLessThan(2);
    });
  }
});
