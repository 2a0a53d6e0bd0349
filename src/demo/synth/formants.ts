import type { BiquadCoefficients } from '../../dsp/biquad.js';
import type { Vowel } from './types.js';

/**
 * Vowels as vocal-tract resonances (formants). F1–F3 are the average adult male values of
 * G. E. Peterson and H. L. Barney, "Control methods used in a study of the vowels"
 * (JASA 24, 1952) for /ɑ ɛ i ɔ u/ (the vowels of "father, bed, heed, bought, who'd"),
 * with typical bandwidths; F4 and F5 are fixed, as in D. H. Klatt's cascade synthesiser
 * ("Software for a cascade/parallel formant synthesizer", JASA 67, 1980).
 */
export interface Formant {
  readonly frequencyHz: number;
  readonly bandwidthHz: number;
}

export const VOWEL_FORMANTS: Readonly<Record<Vowel, readonly [Formant, Formant, Formant]>> = {
  a: [f(730, 90), f(1090, 110), f(2440, 160)],
  e: [f(530, 80), f(1840, 110), f(2480, 160)],
  i: [f(270, 60), f(2290, 120), f(3010, 200)],
  o: [f(570, 80), f(840, 100), f(2410, 160)],
  u: [f(300, 60), f(870, 100), f(2240, 160)],
};

export const UPPER_FORMANTS: readonly Formant[] = [f(3300, 250), f(3750, 300)];

function f(frequencyHz: number, bandwidthHz: number): Formant {
  return { frequencyHz, bandwidthHz };
}

/** All five formants of a vowel, F1 first. */
export function vowelFormants(vowel: Vowel): Formant[] {
  return [...VOWEL_FORMANTS[vowel], ...UPPER_FORMANTS];
}

/** Formants part-way (`x` = 0…1) from `from` to `to`: frequency on a log scale, as the ear hears it. */
export function interpolateFormants(
  from: readonly Formant[],
  to: readonly Formant[],
  x: number,
): Formant[] {
  return from.map((a, i) => ({
    frequencyHz: a.frequencyHz * (to[i].frequencyHz / a.frequencyHz) ** x,
    bandwidthHz: a.bandwidthHz + (to[i].bandwidthHz - a.bandwidthHz) * x,
  }));
}

/**
 * Klatt's digital resonator: poles at radius exp(−π·B/fs), angle 2π·F/fs, no zeros, gain
 * normalised to 1 at DC. A cascade of these has the relative formant levels of a real
 * vocal tract without any per-formant gain to choose.
 */
export function resonator(formant: Formant, sampleRate: number): BiquadCoefficients {
  const r = Math.exp((-Math.PI * formant.bandwidthHz) / sampleRate);
  const a1 = -2 * r * Math.cos((2 * Math.PI * formant.frequencyHz) / sampleRate);
  const a2 = r * r;
  return { b0: 1 + a1 + a2, b1: 0, b2: 0, a1, a2 };
}
