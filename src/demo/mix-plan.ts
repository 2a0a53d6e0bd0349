import type { DemoTakes } from './synth/index.js';
import { TAKE } from './synth/index.js';

type Json = Record<string, unknown>;

/** Inserts by track, keyed by the take each track plays (a mix engineer's first pass). */
const TRACK_SETTINGS: Record<string, Json> = {
  [TAKE.kick]: {
    name: 'Kick',
    color: '#d9534f',
    output: 'Drums',
    gainDb: -2,
    inserts: [
      {
        type: 'eq',
        bands: [
          { type: 'highpass', freqHz: 30, slopeDbPerOct: '24' },
          { type: 'bell', freqHz: 60, gainDb: 2, q: 1 },
          { type: 'bell', freqHz: 400, gainDb: -4, q: 1.4 },
          { type: 'highshelf', freqHz: 5000, gainDb: 2 },
        ],
      },
      { type: 'compressor', thresholdDb: -18, ratio: 4, attackMs: 10, releaseMs: 80 },
    ],
  },
  [TAKE.snare]: {
    name: 'Snare',
    color: '#f0ad4e',
    output: 'Drums',
    gainDb: -3,
    inserts: [
      {
        type: 'eq',
        bands: [
          { type: 'highpass', freqHz: 80, slopeDbPerOct: '24' },
          { type: 'bell', freqHz: 200, gainDb: 2, q: 1 },
          { type: 'bell', freqHz: 5000, gainDb: 3, q: 0.8 },
        ],
      },
      { type: 'compressor', thresholdDb: -20, ratio: 3, attackMs: 5, releaseMs: 120 },
    ],
    sends: [{ to: 'Reverb', levelDb: -14 }],
  },
  [TAKE.hats]: {
    name: 'Hats',
    color: '#5bc0de',
    output: 'Drums',
    gainDb: -8,
    pan: 0.3,
    inserts: [{ type: 'eq', bands: [{ type: 'highpass', freqHz: 300, slopeDbPerOct: '24' }] }],
  },
  [TAKE.overheads]: {
    name: 'Overheads',
    color: '#5cb85c',
    output: 'Drums',
    gainDb: -9,
    inserts: [{ type: 'eq', bands: [{ type: 'highpass', freqHz: 150, slopeDbPerOct: '12' }] }],
  },
  [TAKE.bass]: {
    name: 'Bass',
    color: '#337ab7',
    gainDb: -3,
    inserts: [
      {
        type: 'eq',
        bands: [
          { type: 'highpass', freqHz: 35, slopeDbPerOct: '24' },
          { type: 'bell', freqHz: 250, gainDb: -2, q: 1 },
        ],
      },
      { type: 'compressor', thresholdDb: -22, ratio: 4, attackMs: 15, releaseMs: 150, kneeDb: 6 },
    ],
  },
  [TAKE.keys]: {
    name: 'Keys',
    color: '#9b59b6',
    gainDb: -9,
    inserts: [
      {
        type: 'eq',
        bands: [
          { type: 'highpass', freqHz: 140, slopeDbPerOct: '12' },
          { type: 'bell', freqHz: 450, gainDb: -3, q: 1 },
        ],
      },
      { type: 'width', widthPercent: 130 },
    ],
    sends: [{ to: 'Reverb', levelDb: -16 }],
  },
};

const VOCAL_CHAIN = [
  {
    type: 'eq',
    bands: [
      { type: 'highpass', freqHz: 80, slopeDbPerOct: '24' },
      { type: 'bell', freqHz: 300, gainDb: -2, q: 1.2 },
      { type: 'bell', freqHz: 3000, gainDb: 2, q: 0.9 },
      { type: 'highshelf', freqHz: 9000, gainDb: 2 },
    ],
  },
  {
    type: 'compressor',
    thresholdDb: -24,
    ratio: 4,
    attackMs: 5,
    releaseMs: 90,
    kneeDb: 6,
    autoMakeup: true,
  },
  { type: 'deesser', frequencyHz: 6000, thresholdDb: -32, rangeDb: 6 },
];

/**
 * The demo's mix as a session document: tracks named and coloured, a drum bus, reverb and
 * delay returns, the lead vocal as its three takes (the editing stage comps them; until then
 * the first take plays), a vocal double from take 2 (the editing stage aligns and tunes it),
 * and automation on the vocal (a lift into the last two phrases and delay throws on phrase
 * ends).
 */
export function mixPlan(document: Json, demo: DemoTakes): Json {
  const sources = document.sources as { id: string; path: string }[];
  const sourceOf = (take: string) => sources.find((s) => s.path.endsWith(`${take}.wav`))!.id;
  const plain = Object.entries(TRACK_SETTINGS).map(([take, settings]) => ({
    ...settings,
    clips: [{ source: sourceOf(take) }],
  }));
  const phraseEnds = demo.phrases.map((p) => p.endSeconds);
  const vocal = {
    name: 'Lead vocal',
    color: '#e67e22',
    gainDb: -1,
    takes: [TAKE.vocal1, TAKE.vocal2, TAKE.vocal3].map((take, i) => ({
      id: `take${i + 1}`,
      source: sourceOf(take),
    })),
    inserts: VOCAL_CHAIN,
    sends: [
      { to: 'Reverb', levelDb: -12 },
      { to: 'Delay', levelDb: -40 },
    ],
    automation: [
      {
        // Ride the vocal up for the last two phrases.
        param: 'gainDb',
        points: [
          { time: 0, value: -1 },
          { time: demo.phrases[2].startSeconds - 0.5, value: -1 },
          { time: demo.phrases[2].startSeconds, value: 0.5 },
        ],
      },
      {
        // Delay throws: open the send on the last word of each phrase.
        param: 'sends[1].levelDb',
        points: phraseEnds.flatMap((end) => [
          { time: Math.max(0, end - 0.6), value: -40 },
          { time: end - 0.4, value: -14 },
          { time: end + 0.6, value: -14 },
          { time: end + 0.8, value: -40 },
        ]),
      },
    ],
  };
  const double = {
    name: 'Vocal double',
    color: '#f39c12',
    gainDb: -9,
    pan: 0.35,
    clips: [{ source: sourceOf(TAKE.vocal2) }],
    inserts: VOCAL_CHAIN,
    sends: [{ to: 'Reverb', levelDb: -10 }],
  };
  return {
    ...document,
    name: 'mixdown demo song',
    tempo: { bpm: demo.tempoBpm, timeSignature: [4, 4] },
    tracks: [...plain.slice(0, 4), plain[4], vocal, double, plain[5]],
    buses: [
      {
        name: 'Drums',
        color: '#c0392b',
        gainDb: -2,
        inserts: [{ type: 'glue', thresholdDb: -16, ratio: '4', attackMs: 10, releaseMs: 'auto' }],
        sends: [{ to: 'Reverb', levelDb: -22 }],
      },
      {
        name: 'Reverb',
        color: '#7f8c8d',
        gainDb: -4,
        inserts: [
          { type: 'reverb', preset: 'plate', mix: 100, preDelayMs: 20 },
          { type: 'eq', bands: [{ type: 'highpass', freqHz: 250, slopeDbPerOct: '12' }] },
        ],
      },
      {
        name: 'Delay',
        color: '#95a5a6',
        gainDb: -4,
        inserts: [
          {
            type: 'delay',
            note: '1/8.',
            feedbackPercent: 35,
            highCutHz: 5000,
            lowCutHz: 300,
            pingPong: true,
            mix: 100,
          },
        ],
        sends: [{ to: 'Reverb', levelDb: -10 }],
      },
    ],
    master: {
      gainDb: 3,
      inserts: [
        {
          type: 'eq',
          bands: [
            { type: 'highpass', freqHz: 25, slopeDbPerOct: '12' },
            { type: 'highshelf', freqHz: 12000, gainDb: 1 },
          ],
        },
        { type: 'glue', thresholdDb: -14, ratio: '2', attackMs: 10, releaseMs: 'auto' },
      ],
    },
  };
}
