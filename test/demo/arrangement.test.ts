import { describe, expect, it } from 'vitest';
import { buildArrangement, SONG_BARS, TEMPO_BPM } from '../../src/demo/synth/index.js';

describe('the demo arrangement', () => {
  const song = buildArrangement();

  it('is 16 bars of 4/4 at 120 bpm (32 s) in A minor, one chord a bar', () => {
    expect([
      song.bars,
      song.tempoBpm,
      song.timeSignature.beatsPerBar,
      song.timeSignature.beatUnit,
    ]).toEqual([16, 120, 4, 4]);
    expect(song.key.name).toBe('A minor');
    expect(song.chords.map((c) => c.symbol).join(' ')).toBe('Am F C G Am F C G Am F C G Am F G Am');
    expect(song.chords.every((c, bar) => c.startBeat === bar * 4 && c.lengthBeats === 4)).toBe(
      true,
    );
    expect(SONG_BARS * 4 * (60 / TEMPO_BPM)).toBe(32);
  });

  it('has a melody of four phrases, in order, not overlapping, inside a low male range', () => {
    expect(song.phrases.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < song.melody.length; i++) {
      const previous = song.melody[i - 1];
      expect(song.melody[i].startBeat).toBeGreaterThanOrEqual(
        previous.startBeat + previous.lengthBeats,
      );
    }
    const pitches = song.melody.map((n) => n.midi);
    expect(Math.min(...pitches)).toBe(43); // G2, 98 Hz
    expect(Math.max(...pitches)).toBe(55); // G3, 196 Hz
    // Every vowel is sung on at least one note of a beat or longer (for the formant test).
    for (const vowel of ['a', 'e', 'i', 'o', 'u']) {
      expect(song.melody.some((n) => n.vowel === vowel && n.lengthBeats >= 1)).toBe(true);
    }
    // Each phrase leaves its first downbeat free for a breath.
    for (const phrase of song.phrases) expect(phrase.startBeat % 16).toBe(1);
  });

  it('sings in A natural minor: every melody note is in the key', () => {
    const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);
    expect(song.melody.filter((n) => !aMinor.has(n.midi % 12))).toEqual([]);
  });

  it('has a groove with fills in bars 8 and 12 and an ending hit', () => {
    const bar = (b: number) => song.drums.filter((h) => Math.floor(h.beat / 4) === b - 1);
    const snares = (b: number) =>
      bar(b)
        .filter((h) => h.voice === 'snare')
        .map((h) => h.beat - (b - 1) * 4);
    expect(snares(2)).toEqual([1, 3]);
    expect(snares(8)).toEqual([1, 3, 3.25, 3.5, 3.75]);
    expect(snares(12)).toEqual([1, 3, 3.25, 3.5, 3.75]);
    expect(
      bar(16)
        .map((h) => h.voice)
        .sort(),
    ).toEqual(['crash', 'kick']);
  });

  it('has a bass line on each bar’s root', () => {
    for (const note of song.bass) {
      const chord = song.chords[Math.floor(note.startBeat / 4)];
      expect((note.midi - chord.rootMidi) % 12).toBe(0);
    }
  });

  it('cuts to fewer bars without changing what remains', () => {
    const short = buildArrangement(4);
    expect(short.melody).toEqual(song.melody.filter((n) => n.startBeat < 16));
    expect(short.drums).toEqual(song.drums.filter((h) => h.beat < 16));
    expect(() => buildArrangement(17)).toThrow(RangeError);
  });
});
