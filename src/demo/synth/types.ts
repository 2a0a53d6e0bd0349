/**
 * The song the demo synthesiser plays, as plain data: what was meant (the arrangement, in
 * beats) and what each take actually performed (in seconds). Tests of the editing stage
 * compare what they recover against these records.
 */

export type Vowel = 'a' | 'e' | 'i' | 'o' | 'u';

export interface Key {
  readonly tonic: string;
  readonly mode: 'major' | 'minor';
  /** e.g. "A minor". */
  readonly name: string;
}

export interface TimeSignature {
  readonly beatsPerBar: number;
  readonly beatUnit: number;
}

/** One note of the vocal melody. Beat 0 is the first beat of bar 1. */
export interface MelodyNote {
  /** Position in the melody (0-based), the key every per-note truth record uses. */
  readonly index: number;
  /** Phrase the note belongs to (0-based). */
  readonly phrase: number;
  readonly startBeat: number;
  readonly lengthBeats: number;
  readonly startSeconds: number;
  readonly lengthSeconds: number;
  readonly midi: number;
  readonly vowel: Vowel;
}

/** A sung phrase: from its first note's start to its last note's end. */
export interface Phrase {
  readonly index: number;
  readonly startBeat: number;
  readonly endBeat: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  /** Melody indices of its notes. */
  readonly noteIndices: readonly number[];
}

export interface ChordEvent {
  /** e.g. "Am". */
  readonly symbol: string;
  readonly startBeat: number;
  readonly lengthBeats: number;
  /** The root in the bass register (the bass line plays it). */
  readonly rootMidi: number;
  /** The notes the keys play. */
  readonly voicingMidi: readonly number[];
}

export type DrumVoice = 'kick' | 'snare' | 'hat' | 'open-hat' | 'crash';

export interface DrumHit {
  readonly voice: DrumVoice;
  readonly beat: number;
  /** 0…1, scales the hit's level. */
  readonly velocity: number;
}

export interface BassNote {
  readonly startBeat: number;
  readonly lengthBeats: number;
  readonly midi: number;
  readonly velocity: number;
}

/** Everything the song is, before anyone plays it. */
export interface Arrangement {
  readonly tempoBpm: number;
  readonly timeSignature: TimeSignature;
  readonly key: Key;
  readonly bars: number;
  readonly chords: readonly ChordEvent[];
  readonly melody: readonly MelodyNote[];
  readonly phrases: readonly Phrase[];
  readonly drums: readonly DrumHit[];
  readonly bass: readonly BassNote[];
}

/** A melody note as one vocal take actually sang it. */
export interface SungNote {
  readonly melodyIndex: number;
  readonly phrase: number;
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly midi: number;
  /** Sung pitch minus the melody's pitch (natural spread plus any deliberate detune), cents. */
  readonly centsOffset: number;
  readonly vowel: Vowel;
  /** Loudness of this note relative to the take's level. */
  readonly gainDb: number;
}
