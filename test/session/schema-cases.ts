import type { Loose } from './helpers.js';

/**
 * Documents that break the schema in one place each, with the one message expected. Shared
 * by the zod validation test and the published JSON Schema test (which must reject them too).
 */
export const SCHEMA_CASES: [string, (doc: Loose) => void, string][] = [
  [
    'a wrong type',
    (d) => (d.tracks[0].gainDb = 'loud'),
    'tracks[0].gainDb: must be a number, got "loud"',
  ],
  [
    'a number below its range',
    (d) => (d.tracks[1].inserts[0].ratio = 0.5),
    'tracks[1].inserts[0].ratio: must be at least 1, got 0.5',
  ],
  [
    'a number above its range',
    (d) => (d.tracks[0].sends[0].levelDb = 20),
    'tracks[0].sends[0].levelDb: must be at most 12, got 20',
  ],
  [
    'a fraction where a whole number is needed',
    (d) => (d.sampleRate = 44100.5),
    'sampleRate: must be a whole number, got 44100.5',
  ],
  [
    'a string where true/false is needed',
    (d) => (d.tracks[0].mute = 'yes'),
    'tracks[0].mute: must be true or false, got "yes"',
  ],
  ['a missing required field', (d) => delete d.name, 'name: is required'],
  [
    'an object where a list is needed',
    (d) => (d.buses = {}),
    'buses: must be a list, got an object',
  ],
  [
    'an unknown choice, with a suggestion',
    (d) => (d.tracks[1].panLaw = '-3db'),
    'tracks[1].panLaw: must be one of "-3dB", "-4.5dB", "-6dB", "linear", got "-3db"; did you mean "-3dB"?',
  ],
  [
    'an unknown key on a track',
    (d) => (d.tracks[1].volume = 3),
    'tracks[1].volume: is not a known key here (known: name, color, inserts, gainDb, pan, panLaw, mute, solo, polarity, sends, automation, clips, takes, comp, crossfadeShape, output)',
  ],
  [
    'an unknown processor parameter, with a suggestion',
    (d) => (d.tracks[1].inserts[0].threshold = -10),
    'tracks[1].inserts[0].threshold: is not a known key here (known: type, bypass, sidechain, thresholdDb, ratio, lookaheadMs, detection); did you mean "thresholdDb"?',
  ],
  [
    'an unknown key inside a parameter group',
    (d) => (d.tracks[0].inserts[0].bands[0].q = 2),
    'tracks[0].inserts[0].bands[0].q: is not a known key here (known: shape, frequencyHz, gainDb, enabled)',
  ],
  [
    'a sidechain on a processor that takes none',
    (d) => (d.tracks[0].inserts[1].sidechain = 'Bass'),
    'tracks[0].inserts[1].sidechain: is not a known key here (known: type, bypass, gainDb)',
  ],
  [
    'an unknown processor',
    (d) => (d.tracks[0].inserts[1].type = 'reverbb'),
    'tracks[0].inserts[1].type: unknown processor "reverbb"; known: gain, eq, compressor, convolver',
  ],
  [
    'a misspelt processor',
    (d) => (d.master.inserts[0].type = 'gian'),
    'master.inserts[0].type: unknown processor "gian"; known: gain, eq, compressor, convolver; did you mean "gain"?',
  ],
  [
    'an insert without a type',
    (d) => delete d.buses[0].inserts[0].type,
    'buses[0].inserts[0].type: is required; known: gain, eq, compressor, convolver',
  ],
  [
    'too many EQ bands',
    (d) => d.tracks[0].inserts[0].bands.push({}, {}),
    'tracks[0].inserts[0].bands: must have at most 3 items, got 4',
  ],
  [
    'a group item value out of range',
    (d) => (d.tracks[0].inserts[0].bands[1].frequencyHz = 10),
    'tracks[0].inserts[0].bands[1].frequencyHz: must be at least 20, got 10',
  ],
  [
    'a malformed bar:beat position',
    (d) => (d.tracks[0].clips[1].start = '2-1'),
    'tracks[0].clips[1].start: must be seconds (a number ≥ 0) or a "bar:beat" position such as "5:1" or "5:2.5", got "2-1"',
  ],
  [
    'bar 0 (positions count from 1)',
    (d) => (d.tracks[0].automation[0].points[0].time = '0:1'),
    'tracks[0].automation[0].points[0].time: must be seconds (a number ≥ 0) or a "bar:beat" position such as "5:1" or "5:2.5", got "0:1"',
  ],
  [
    'a negative time',
    (d) => (d.tracks[0].clips[0].start = -1),
    'tracks[0].clips[0].start: must be at least 0, got -1',
  ],
  [
    'a zero clip length',
    (d) => (d.tracks[0].clips[0].lengthSeconds = 0),
    'tracks[0].clips[0].lengthSeconds: must be more than 0, got 0',
  ],
  [
    'a colour that is not #rrggbb',
    (d) => (d.tracks[0].color = 'red'),
    'tracks[0].color: must be a colour written "#rrggbb", e.g. "#e05a47", got "red"',
  ],
  [
    'a malformed hash',
    (d) => (d.sources[1].sha256 = 'ABC'),
    'sources[1].sha256: must be a SHA-256 digest: 64 lowercase hex digits, got "ABC"',
  ],
  [
    'an automation lane without points',
    (d) => (d.buses[1].automation[0].points = []),
    'buses[1].automation[0].points: must have at least 1 item, got 0',
  ],
  [
    'a time signature with a beat unit that is not a note value',
    (d) => (d.tempo.timeSignature = [4, 3]),
    'tempo.timeSignature[1]: must be one of 1, 2, 4, 8, 16, 32, got 3',
  ],
  ['an empty name', (d) => (d.buses[0].name = ''), 'buses[0].name: must not be empty'],
];
