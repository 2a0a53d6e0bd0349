import { describe, expect, it } from 'vitest';
import { problemsAfter } from './helpers.js';

/** Names, references and routing cycles, checked after the schema passes. */

describe('names', () => {
  it('must be unique across tracks and buses', () => {
    expect(problemsAfter((d) => (d.buses[1].name = 'Kick'))).toEqual([
      'buses[1].name: must be unique among tracks and buses, but tracks[0] is also named "Kick"',
    ]);
  });

  it('count as the same when they differ only in case', () => {
    expect(problemsAfter((d) => (d.tracks[1].name = 'kick'))).toEqual([
      'tracks[1].name: must be unique among tracks and buses, but tracks[0] is also named "kick"',
    ]);
  });

  it('may not be "master"', () => {
    expect(problemsAfter((d) => (d.buses[1].name = 'Master'))).toEqual([
      'buses[1].name: "master" is reserved for the master strip; choose another name, got "Master"',
    ]);
  });

  it('of sources must be unique, and clips must name one', () => {
    expect(
      problemsAfter((d) => {
        d.sources[1].id = 'kick';
        d.tracks[1].clips[0].source = 'bas';
      }),
    ).toEqual([
      'sources[1].id: must be unique, but sources[0] also has id "kick"',
      'tracks[1].clips[0].source: must be the id of a source, got "bas"',
    ]);
  });

  it('suggest a close match for an unknown source', () => {
    expect(problemsAfter((d) => (d.tracks[0].clips[0].source = 'kik'))).toEqual([
      'tracks[0].clips[0].source: must be the id of a source, got "kik"; did you mean "kick"?',
    ]);
  });
});

describe('routes', () => {
  it('an output must name a bus or the master', () => {
    expect(problemsAfter((d) => (d.tracks[0].output = 'Drum'))).toEqual([
      'tracks[0].output: must name a bus or "master", got "Drum"; did you mean "Drums"?',
    ]);
  });

  it('an output cannot be a track', () => {
    expect(problemsAfter((d) => (d.tracks[0].output = 'Bass'))).toEqual([
      'tracks[0].output: must name a bus or "master", got "Bass"',
    ]);
  });

  it('a send must name a bus', () => {
    expect(problemsAfter((d) => (d.tracks[1].sends[0].to = 'master'))).toEqual([
      'tracks[1].sends[0].to: must name a bus, got "master"',
    ]);
  });

  it('a sidechain must name a track or bus', () => {
    expect(problemsAfter((d) => (d.tracks[1].inserts[0].sidechain = 'Kik'))).toEqual([
      'tracks[1].inserts[0].sidechain: must name a track or bus, got "Kik"; did you mean "Kick"?',
    ]);
  });

  it('relative source paths only, so the project can move', () => {
    expect(problemsAfter((d) => (d.sources[0].path = '/home/me/kick.wav'))).toEqual([
      'sources[0].path: must be relative to the project folder (e.g. "audio/kick.wav"), got "/home/me/kick.wav"',
    ]);
  });
});

describe('routing cycles', () => {
  it('through a send and an output are named with every route', () => {
    expect(
      problemsAfter((d) => {
        d.buses[0].sends = [{ to: 'Reverb' }];
        d.buses[1].output = 'Drums';
      }),
    ).toEqual([
      'buses[0].sends[0]: routing cycle: Drums → Reverb → Drums (buses[0].sends[0] → buses[1].output); remove one of these routes',
    ]);
  });

  it('through a sidechain', () => {
    // Bass's compressor listens to Drums, and Bass feeds Drums: Drums needs itself.
    expect(
      problemsAfter((d) => {
        d.tracks[1].inserts[0].sidechain = 'Drums';
        d.tracks[1].output = 'Drums';
      }),
    ).toEqual([
      'tracks[1].inserts[0].sidechain: routing cycle: Drums → Bass → Drums (tracks[1].inserts[0].sidechain → tracks[1].output); remove one of these routes',
    ]);
  });

  it('of a bus into itself', () => {
    expect(problemsAfter((d) => (d.buses[0].output = 'Drums'))).toEqual([
      'buses[0].output: routing cycle: Drums → Drums (buses[0].output); remove one of these routes',
    ]);
  });

  it('none in a chain of buses that ends in the master', () => {
    expect(
      problemsAfter((d) => {
        d.buses[0].output = 'Reverb';
        d.tracks[1].output = 'Drums';
      }),
    ).toEqual([]);
  });
});
