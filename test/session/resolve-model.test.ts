import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/session/issues.js';
import { buildFrom, type Loose, richDocument } from './helpers.js';

/** What the engine receives: defaults filled, units converted, paths kept for messages. */

function resolvedRich(sourceSeconds = 10) {
  const built = buildFrom(richDocument(), sourceSeconds);
  if (!built.ok) throw new Error(built.issues.map(formatIssue).join('\n'));
  return built.value;
}

describe('the resolved session', () => {
  it('fills clip defaults and converts fades to seconds', () => {
    const [first, second] = resolvedRich().tracks[0].clips;
    expect(first).toEqual({
      sourceId: 'kick',
      startSeconds: 0,
      sourceOffsetSeconds: 0,
      lengthSeconds: 1,
      gainDb: 0,
      fadeIn: { seconds: 0.005, shape: 'linear' },
      fadeOut: { seconds: 0, shape: 'linear' },
      mute: false,
      reverse: false,
      edits: [],
      path: 'tracks[0].clips[0]',
    });
    // No length given: the rest of the 10 s source after the 0.5 s offset.
    expect(second.lengthSeconds).toBe(9.5);
    expect(second.fadeOut).toEqual({ seconds: 0.02, shape: 'exponential' });
  });

  it('gives inserts their declared defaults, apart from type, bypass and sidechain', () => {
    const session = resolvedRich();
    expect(session.tracks[0].inserts[0]).toEqual({
      type: 'eq',
      bypass: false,
      values: {
        outputDb: 0,
        bands: [
          { shape: 'shelf', frequencyHz: 80, gainDb: 3, enabled: true },
          { shape: 'bell', frequencyHz: 4000, gainDb: -2, enabled: true },
        ],
      },
      path: 'tracks[0].inserts[0]',
    });
    expect(session.tracks[1].inserts[0]).toEqual({
      type: 'compressor',
      bypass: false,
      sidechain: 'Kick',
      values: { thresholdDb: -24, ratio: 3, lookaheadMs: 0, detection: 'peak' },
      path: 'tracks[1].inserts[0]',
    });
  });

  it('fills strip defaults and keeps an unset send pan unset', () => {
    const session = resolvedRich();
    const kick = session.tracks[0];
    expect(kick).toMatchObject({
      kind: 'track',
      name: 'Kick',
      color: '#e05a47',
      gainDb: 0,
      pan: 0,
      panLaw: '-3dB',
      mute: false,
      solo: false,
      polarity: false,
      crossfadeShape: 'equal-power',
      output: 'Drums',
      path: 'tracks[0]',
    });
    expect(kick.sends).toEqual([
      { to: 'Reverb', levelDb: -12, preFader: false, mute: false, path: 'tracks[0].sends[0]' },
    ]);
    expect(session.tracks[1].sends[0]).toMatchObject({ preFader: true, pan: 0.5 });
    expect(session.buses.map((b) => [b.kind, b.name, b.output, b.gainDb])).toEqual([
      ['bus', 'Drums', 'master', 0],
      ['bus', 'Reverb', 'master', -6],
    ]);
  });

  it('gives the master its name, no sends and no solo', () => {
    const { master } = resolvedRich();
    expect(master).toMatchObject({ kind: 'master', name: 'master', path: 'master', solo: false });
    expect(master.sends).toEqual([]);
    expect(master.inserts[0].values).toEqual({ gainDb: -1 });
  });

  it('carries the session-level fields', () => {
    const session = resolvedRich();
    expect([session.name, session.sampleRate, session.projectDir]).toEqual([
      'Demo song',
      48000,
      '/project',
    ]);
    expect(session.sources.map((s) => s.id)).toEqual(['kick', 'bass']);
  });
});

describe('clips must fit their sources', () => {
  const problems = (change: (doc: Loose) => void, sourceSeconds: number): string[] => {
    const doc = richDocument();
    change(doc);
    const built = buildFrom(doc, sourceSeconds);
    return built.ok ? [] : built.issues.map(formatIssue);
  };

  it('an offset past the end of the source', () => {
    expect(problems((d) => (d.tracks[0].clips[1].offsetSeconds = 3), 2)).toEqual([
      'tracks[0].clips[1].offsetSeconds: must be less than the length of source "kick" (2 s long), got 3',
    ]);
  });

  it('a length running past the end of the source', () => {
    expect(problems((d) => (d.tracks[0].clips[1].lengthSeconds = 1.6), 2)).toEqual([
      'tracks[0].clips[1].lengthSeconds: must be at most 1.5 so the clip ends within source "kick" (2 s long) when read from offsetSeconds 0.5, got 1.6',
    ]);
  });

  it('a length that ends exactly at the end of the source', () => {
    expect(problems((d) => (d.tracks[0].clips[1].lengthSeconds = 1.5), 2)).toEqual([]);
  });

  it('fades longer than the clip together', () => {
    expect(
      problems((d) => {
        d.tracks[0].clips[0].fadeIn.lengthMs = 600;
        d.tracks[0].clips[0].fadeOut = { lengthMs: 500 };
      }, 2),
    ).toEqual([
      "tracks[0].clips[0].fadeOut.lengthMs: must fit in the clip together with the fade-in (fadeIn 600 ms + fadeOut 500 ms is longer than the clip's 1 s), got 500",
    ]);
  });
});
