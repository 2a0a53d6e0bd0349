import type {
  Arrangement,
  BassNote,
  ChordEvent,
  DrumHit,
  DrumVoice,
  MelodyNote,
  Phrase,
  Vowel,
} from './types.js';

/**
 * The demo song: 16 bars of 4/4 at 120 bpm (32 s) in A minor, four 4-bar phrases over
 * i–VI–III–VII (Am F C G), the last turning to Am F G Am. A low male lead voice (G2–G3,
 * 98–196 Hz: low enough that the formants stand out between the harmonics) sings each
 * phrase from beat 2 of its first bar, leaving the downbeat for a breath.
 */
export const TEMPO_BPM = 120;
export const BEATS_PER_BAR = 4;
export const SONG_BARS = 16;

export function beatsToSeconds(beats: number, tempoBpm = TEMPO_BPM): number {
  return (beats * 60) / tempoBpm;
}

interface ChordShape {
  readonly symbol: string;
  readonly rootMidi: number;
  readonly voicingMidi: readonly number[];
}

const AM: ChordShape = { symbol: 'Am', rootMidi: 33, voicingMidi: [57, 60, 64] };
const F: ChordShape = { symbol: 'F', rootMidi: 29, voicingMidi: [57, 60, 65] };
const C: ChordShape = { symbol: 'C', rootMidi: 36, voicingMidi: [55, 60, 64] };
const G: ChordShape = { symbol: 'G', rootMidi: 31, voicingMidi: [55, 59, 62] };

/** One chord per bar. */
const PROGRESSION: readonly ChordShape[] = [
  ...[AM, F, C, G],
  ...[AM, F, C, G],
  ...[AM, F, C, G],
  ...[AM, F, G, AM],
];

/** [start beat, length in beats, MIDI pitch, vowel], one row per note, phrase by phrase. */
type NoteRow = readonly [number, number, number, Vowel];

const MELODY_PHRASES: readonly (readonly NoteRow[])[] = [
  [
    [1, 0.5, 48, 'e'],
    [1.5, 0.5, 50, 'i'],
    [2, 2, 52, 'a'],
    [4, 1, 53, 'o'],
    [5, 1, 52, 'e'],
    [6, 2, 48, 'a'],
    [8, 1, 52, 'i'],
    [9, 1, 50, 'e'],
    [10, 1.5, 48, 'a'],
    [11.5, 0.5, 47, 'o'],
    [12, 2.5, 50, 'o'],
  ],
  [
    [17, 0.5, 45, 'a'],
    [17.5, 0.5, 48, 'e'],
    [18, 2, 52, 'i'],
    [20, 1, 53, 'a'],
    [21, 1, 52, 'o'],
    [22, 2, 48, 'u'],
    [24, 1.5, 52, 'e'],
    [25.5, 0.5, 50, 'i'],
    [26, 2, 48, 'o'],
    [28, 1, 50, 'u'],
    [29, 1, 47, 'e'],
    [30, 1.5, 43, 'a'],
  ],
  [
    [33, 0.5, 52, 'a'],
    [33.5, 0.5, 55, 'i'],
    [34, 2, 52, 'e'],
    [36, 1, 53, 'o'],
    [37, 1, 52, 'a'],
    [38, 2, 48, 'u'],
    [40, 1, 48, 'e'],
    [41, 1, 50, 'i'],
    [42, 1.5, 52, 'a'],
    [43.5, 0.5, 50, 'o'],
    [44, 2.5, 47, 'o'],
  ],
  [
    [49, 0.5, 45, 'a'],
    [49.5, 0.5, 48, 'e'],
    [50, 2, 52, 'a'],
    [52, 1, 53, 'i'],
    [53, 1, 52, 'e'],
    [54, 2, 48, 'o'],
    [56, 1, 50, 'u'],
    [57, 1, 47, 'e'],
    [58, 2, 50, 'a'],
    [60, 3, 45, 'a'],
  ],
];

/** Hits of one ordinary groove bar: kick 1, 3 and the "and" of 3; snare 2 and 4; eighth hats. */
function grooveBar(bar: number): DrumHit[] {
  const at = (voice: DrumVoice, beatInBar: number, velocity: number): DrumHit => ({
    voice,
    beat: bar * BEATS_PER_BAR + beatInBar,
    velocity,
  });
  const hits: DrumHit[] = [
    at('kick', 0, 1),
    at('kick', 2, 0.9),
    at('snare', 1, 0.9),
    at('snare', 3, 0.95),
  ];
  if (bar % 2 === 1) hits.push(at('kick', 2.5, 0.7));
  for (let eighth = 0; eighth < 8; eighth++) {
    const openHat = bar % 4 === 3 && eighth === 7;
    hits.push(at(openHat ? 'open-hat' : 'hat', eighth / 2, eighth % 2 === 0 ? 0.8 : 0.55));
  }
  return hits;
}

/** Bar 8's fill: the last beat becomes four rising snare sixteenths, hats drop out. */
function fillBar(bar: number): DrumHit[] {
  const start = bar * BEATS_PER_BAR;
  const hits = grooveBar(bar).filter((h) => h.beat < start + 3 || h.voice === 'kick');
  const sixteenths = [0.6, 0.7, 0.8, 0.95];
  sixteenths.forEach((velocity, i) => {
    hits.push({ voice: 'snare', beat: start + 3 + i / 4, velocity });
  });
  return hits;
}

function drumPart(bars: number): DrumHit[] {
  const hits: DrumHit[] = [];
  for (let bar = 0; bar < bars; bar++) {
    if (bar === SONG_BARS - 1) {
      // The last bar: one ending hit, then the kit rings out.
      hits.push({ voice: 'kick', beat: bar * BEATS_PER_BAR, velocity: 1 });
      hits.push({ voice: 'crash', beat: bar * BEATS_PER_BAR, velocity: 0.9 });
      continue;
    }
    hits.push(...(bar === 7 || bar === 11 ? fillBar(bar) : grooveBar(bar)));
    if (bar === 0 || bar === 8)
      hits.push({ voice: 'crash', beat: bar * BEATS_PER_BAR, velocity: 0.8 });
  }
  return hits.sort((a, b) => a.beat - b.beat || a.voice.localeCompare(b.voice));
}

/** The bass follows each bar's root: [beat in bar, length, octave offset in semitones, velocity]. */
const BASS_BAR: readonly (readonly [number, number, number, number])[] = [
  [0, 0.75, 0, 1],
  [1, 0.5, 0, 0.8],
  [1.5, 0.5, 0, 0.75],
  [2, 0.75, 0, 0.9],
  [3, 0.5, 0, 0.8],
  [3.5, 0.5, 12, 0.8],
];

function bassPart(chords: readonly ChordEvent[]): BassNote[] {
  const notes: BassNote[] = [];
  chords.forEach((chord, bar) => {
    if (bar === SONG_BARS - 1) {
      notes.push({
        startBeat: chord.startBeat,
        lengthBeats: 3.5,
        midi: chord.rootMidi,
        velocity: 1,
      });
      return;
    }
    for (const [beat, length, octave, velocity] of BASS_BAR) {
      notes.push({
        startBeat: chord.startBeat + beat,
        lengthBeats: length,
        midi: chord.rootMidi + octave,
        velocity,
      });
    }
  });
  return notes;
}

/**
 * The arrangement, cut to its first `bars` bars (1…16; default the whole song). Events
 * that start in a later bar are dropped; the truncated song simply stops.
 */
export function buildArrangement(bars = SONG_BARS): Arrangement {
  if (!Number.isInteger(bars) || bars < 1 || bars > SONG_BARS) {
    throw new RangeError(`the demo song has 1…${SONG_BARS} bars, got ${bars}`);
  }
  const endBeat = bars * BEATS_PER_BAR;
  const chords: ChordEvent[] = PROGRESSION.slice(0, bars).map((shape, bar) => ({
    ...shape,
    startBeat: bar * BEATS_PER_BAR,
    lengthBeats: BEATS_PER_BAR,
  }));

  const melody: MelodyNote[] = [];
  MELODY_PHRASES.forEach((rows, phrase) => {
    for (const [startBeat, lengthBeats, midi, vowel] of rows) {
      if (startBeat >= endBeat) continue;
      melody.push({
        index: melody.length,
        phrase,
        startBeat,
        lengthBeats,
        startSeconds: beatsToSeconds(startBeat),
        lengthSeconds: beatsToSeconds(lengthBeats),
        midi,
        vowel,
      });
    }
  });

  const phrases: Phrase[] = [];
  for (let p = 0; p < MELODY_PHRASES.length; p++) {
    const notes = melody.filter((n) => n.phrase === p);
    if (notes.length === 0) continue;
    const last = notes[notes.length - 1];
    const startBeat = notes[0].startBeat;
    const endBeat = last.startBeat + last.lengthBeats;
    phrases.push({
      index: p,
      startBeat,
      endBeat,
      startSeconds: beatsToSeconds(startBeat),
      endSeconds: beatsToSeconds(endBeat),
      noteIndices: notes.map((n) => n.index),
    });
  }

  return {
    tempoBpm: TEMPO_BPM,
    timeSignature: { beatsPerBar: BEATS_PER_BAR, beatUnit: 4 },
    key: { tonic: 'A', mode: 'minor', name: 'A minor' },
    bars,
    chords,
    melody,
    phrases,
    drums: drumPart(bars),
    bass: bassPart(chords),
  };
}
