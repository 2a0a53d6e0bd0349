import { describe, expect, it } from 'vitest';
import { problemsAfter } from './helpers.js';

/** Automation lanes must drive a declared, automatable number within its range. */

const lane = (param: string, value = 0, time: number | string = 0) => ({
  param,
  points: [{ time, value }],
});

describe('automation targets', () => {
  it.each([
    ['gainDb'],
    ['pan'],
    ['sends[0].levelDb'],
    ['sends[0].pan'],
    ['inserts[0].outputDb'],
    ['inserts[0].bands[1].frequencyHz', 1000],
    ['inserts[1].gainDb'],
  ])('accepts %s', (param, value = 0) => {
    expect(problemsAfter((d) => (d.tracks[0].automation = [lane(param, value)]))).toEqual([]);
  });

  it.each([
    [
      'an undeclared parameter, with a suggestion',
      'inserts[0].outputdb',
      'must name an automatable parameter of this strip, got "inserts[0].outputdb"; did you mean "inserts[0].outputDb"?',
    ],
    [
      'a parameter the strip does not have',
      'volume',
      'must name an automatable parameter of this strip, got "volume"',
    ],
    [
      'a true/false parameter',
      'mute',
      'must name a number parameter, got "mute", which is true or false',
    ],
    [
      'a choice parameter',
      'inserts[0].bands[0].shape',
      'must name a number parameter, got "inserts[0].bands[0].shape", which is a choice',
    ],
    [
      'an insert that does not exist',
      'inserts[5].gainDb',
      'must name an existing insert, got "inserts[5].gainDb"; this strip has 2 inserts',
    ],
    [
      'a send that does not exist',
      'sends[1].levelDb',
      'must name an existing send, got "sends[1].levelDb"; this strip has 1 send',
    ],
    [
      'a group item the insert does not have',
      'inserts[0].bands[2].gainDb',
      'must name an existing item, got "inserts[0].bands[2].gainDb"; this insert has 2 items in "bands"',
    ],
  ])('refuses %s', (_, param, message) => {
    expect(problemsAfter((d) => (d.tracks[0].automation = [lane(param)]))).toEqual([
      `tracks[0].automation[0].param: ${message}`,
    ]);
  });

  it('refuses a parameter declared not automatable', () => {
    expect(
      problemsAfter((d) => (d.tracks[1].automation = [lane('inserts[0].lookaheadMs')])),
    ).toEqual([
      'tracks[1].automation[0].param: must name an automatable parameter, got "inserts[0].lookaheadMs", which is fixed for a render',
    ]);
  });

  it('the master has no sends', () => {
    expect(problemsAfter((d) => (d.master.automation = [lane('sends[0].levelDb')]))).toEqual([
      'master.automation[0].param: must name an existing send, got "sends[0].levelDb"; this strip has 0 sends',
    ]);
  });

  it('one lane per parameter', () => {
    expect(problemsAfter((d) => (d.buses[1].automation = [lane('pan'), lane('pan', 0.5)]))).toEqual(
      [
        'buses[1].automation[1].param: must not repeat a parameter, got "pan", which buses[1].automation[0] already drives',
      ],
    );
  });
});

describe('automation values and times', () => {
  it('values must lie in the parameter range', () => {
    expect(
      problemsAfter((d) => {
        d.tracks[0].automation = [
          {
            param: 'gainDb',
            points: [
              { time: 0, value: -6 },
              { time: 1, value: 13 },
            ],
          },
          lane('inserts[0].bands[0].frequencyHz', 10),
        ];
      }),
    ).toEqual([
      'tracks[0].automation[0].points[1].value: must be at most 12, got 13 (gainDb runs from -144 to 12 dB)',
      'tracks[0].automation[1].points[0].value: must be at least 20, got 10 (inserts[0].bands[0].frequencyHz runs from 20 to 20000 Hz)',
    ]);
  });

  it('bar:beat times must have a beat inside the bar', () => {
    expect(
      problemsAfter((d) => {
        d.tempo.timeSignature = [3, 4];
        d.tracks[0].automation[0].points[0].time = '9:4';
      }),
    ).toEqual([
      'tracks[0].automation[0].points[0].time: must have a beat from 1 to below 4 in 3/4 time, got "9:4"',
    ]);
  });

  it('clip starts are checked the same way', () => {
    expect(problemsAfter((d) => (d.tracks[0].clips[1].start = '2:4.5'))).toEqual([]);
    expect(problemsAfter((d) => (d.tracks[0].clips[1].start = '2:5'))).toEqual([
      'tracks[0].clips[1].start: must have a beat from 1 to below 5 in 4/4 time, got "2:5"',
    ]);
  });
});
