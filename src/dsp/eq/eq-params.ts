import { bool, choice, group, num } from '../params.js';
import { BAND_TYPES } from './analog-prototypes.js';
import { BUTTERWORTH_SLOPES } from './butterworth.js';

/** The parametric EQ's declaration (DESIGN.md: parameters declared as data). */
export const eqParams = {
  bands: group({
    name: 'Bands',
    maxItems: 8,
    description: 'the EQ bands, applied in order',
    items: {
      type: choice({
        name: 'Type',
        choices: BAND_TYPES,
        default: 'bell',
        description: 'shape of the band (see analog-prototypes.ts for the exact definitions)',
      }),
      freqHz: num({
        name: 'Frequency',
        unit: 'Hz',
        min: 10,
        max: 22000,
        default: 1000,
        scale: 'log',
        description: 'centre (bell, notch, bandpass), half-gain point (shelves) or −3 dB cutoff',
      }),
      gainDb: num({
        name: 'Gain',
        unit: 'dB',
        min: -24,
        max: 24,
        default: 0,
        description: 'boost or cut of bell and shelf bands (others ignore it)',
      }),
      q: num({
        name: 'Q',
        unit: 'Q',
        min: 0.1,
        max: 18,
        default: Math.SQRT1_2,
        scale: 'log',
        description:
          'bell: f0 / bandwidth at half the gain in dB; notch, bandpass: f0 / −3 dB bandwidth; shelves: shelf Q (0.7071 = no overshoot); highpass/lowpass ignore it (Butterworth)',
      }),
      slopeDbPerOct: choice({
        name: 'Slope',
        choices: BUTTERWORTH_SLOPES,
        default: '12',
        description: 'highpass/lowpass slope in dB per octave (Butterworth of order 2, 4, 6, 8)',
      }),
      enabled: bool({ name: 'Enabled', default: true, description: 'off leaves the band out' }),
    },
  }),
  outputGainDb: num({
    name: 'Output gain',
    unit: 'dB',
    min: -24,
    max: 24,
    default: 0,
    description: 'level after the bands',
  }),
  phase: choice({
    name: 'Phase',
    choices: ['minimum', 'linear'],
    default: 'minimum',
    description:
      'minimum: zero latency, matched IIR sections; linear: the same magnitude as a symmetric FIR (mastering), with latency',
  }),
};

export type EqParams = typeof eqParams;
