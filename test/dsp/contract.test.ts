import { describe, expect, it } from 'vitest';
import type { CreateContext } from '../../src/dsp/processor.js';
import { PROCESSORS } from '../../src/dsp/registry.js';
import { processorContract } from './contract.js';
import { randomImpulseResponse } from './time/convolution-signals.js';

/** Processors that read files get them through the creation context, as from the engine. */
const impulseResponses: CreateContext = {
  files: new Map([
    [
      'room.wav',
      {
        sampleRate: 48000,
        channels: [randomImpulseResponse(2000, 60), randomImpulseResponse(2000, 61)],
      },
    ],
    ['mono.wav', { sampleRate: 48000, channels: [randomImpulseResponse(1500, 62)] }],
  ]),
};
const CONTEXTS: Record<string, CreateContext> = { convolution: impulseResponses };

/**
 * Settings that make each processor do real work during the contract suite (an idle
 * processor would pass trivially); several where a processor has distinct modes. Every
 * registered processor must appear here.
 */
const ACTIVE_SETTINGS: Record<string, Record<string, unknown>[]> = {
  gain: [{ gainDb: -6 }],
  polarity: [{}],
  pan: [{ pan: 0.4 }, { pan: -0.7, mode: 'balance', law: '-6dB' }],
  width: [{ widthPercent: 150 }],
  eq: [
    {
      bands: [
        { type: 'highpass', freqHz: 40, slopeDbPerOct: '24' },
        { type: 'lowshelf', freqHz: 120, gainDb: 4, q: Math.SQRT1_2 },
        { type: 'bell', freqHz: 900, gainDb: -6, q: 2 },
        { type: 'bell', freqHz: 16000, gainDb: 5, q: 0.7 },
        { type: 'notch', freqHz: 3000, q: 8 },
        { type: 'bandpass', freqHz: 5000, q: 0.5, enabled: false },
        { type: 'highshelf', freqHz: 9000, gainDb: -3, q: Math.SQRT1_2 },
        { type: 'lowpass', freqHz: 19000, slopeDbPerOct: '12' },
      ],
      outputGainDb: -2,
    },
    {
      bands: [
        { type: 'highpass', freqHz: 60, slopeDbPerOct: '24' },
        { type: 'bell', freqHz: 2500, gainDb: 3, q: 1 },
      ],
      phase: 'linear',
    },
  ],
  compressor: [
    { thresholdDb: -40, ratio: 4, kneeDb: 6, attackMs: 1, releaseMs: 50, makeupDb: 6 },
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
  glue: [{ thresholdDb: -30, ratio: '4', attackMs: 0.3, releaseMs: 'auto' }],
  gate: [{ thresholdDb: -12, rangeDb: 40, holdMs: 2, releaseMs: 10, hysteresisDb: 3, ratio: 4 }],
  deesser: [
    { frequencyHz: 4000, thresholdDb: -45, rangeDb: 12 },
    { frequencyHz: 6000, thresholdDb: -40, rangeDb: 6, mode: 'wideband' },
  ],
  delay: [
    { timeMs: 30, feedbackPercent: 70, lowCutHz: 200, highCutHz: 6000, mix: 50 },
    { note: '1/32T', feedbackPercent: 90, pingPong: true, mix: 60, widthPercent: 70 },
  ],
  reverb: [{ preset: 'hall', mix: 50 }],
  convolution: [
    { impulseResponse: 'room.wav', mix: 60, wetDb: -3, preDelayMs: 5, zeroLatency: true },
    { impulseResponse: 'mono.wav', mix: 50 },
  ],
  saturation: [{ driveDb: 18, curve: 'tape', mix: 80 }],
  clipper: [{ inputGainDb: 12, ceilingDb: -1, softness: 30 }],
  limiter: [
    { inputGainDb: 12 },
    { inputGainDb: 9, stereoLink: false, lookaheadMs: 5, adaptiveRelease: false },
  ],
  multiband: [
    {
      bands: [
        { crossoverHz: 120, thresholdDb: -30, ratio: 3, attackMs: 5, releaseMs: 80, makeupDb: 2 },
        { crossoverHz: 2000, thresholdDb: -35, ratio: 2, kneeDb: 0 },
        { crossoverHz: 8000, thresholdDb: -40, ratio: 6, attackMs: 0.5, makeupDb: -1 },
        { thresholdDb: -45, ratio: 4 },
      ],
      detection: 'peak',
      stereoLinkPercent: 50,
    },
    {
      bands: [
        { crossoverHz: 1000, thresholdDb: -30, ratio: 2 },
        { thresholdDb: -30, ratio: 8 },
      ],
      slopeDbPerOct: '48',
      mixPercent: 70,
    },
  ],
  stereo: [
    { lowWidthPercent: 40, midWidthPercent: 130, highWidthPercent: 170, sideGainDb: 2 },
    { monoBelowHz: 300, lowCrossoverHz: 200, midGainDb: -1.5, highCrossoverHz: 6000 },
  ],
  'match-eq': [
    {
      points: [
        { frequencyHz: 60, midGainDb: 3, sideGainDb: -4 },
        { frequencyHz: 1000, midGainDb: -2, sideGainDb: 1 },
        { frequencyHz: 9000, midGainDb: 9, sideGainDb: 5 },
      ],
      maxBoostDb: 6,
      maxCutDb: 3,
    },
  ],
};

describe('processor contract', () => {
  it('covers every registered processor with active settings', () => {
    const missing = PROCESSORS.map((p) => p.type).filter((type) => !ACTIVE_SETTINGS[type]);
    expect(missing).toEqual([]);
  });

  for (const definition of PROCESSORS) {
    (ACTIVE_SETTINGS[definition.type] ?? []).forEach((settings, i) => {
      describe(`${definition.type} (settings ${i + 1})`, () => {
        processorContract(definition, settings, CONTEXTS[definition.type]);
      });
    });
  }
});
