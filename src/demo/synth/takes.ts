import type { AudioData } from '../../core/audio.js';
import { BEATS_PER_BAR, beatsToSeconds, buildArrangement, SONG_BARS } from './arrangement.js';
import { BASS_NOISE_DBFS, recordBassTake } from './bass-take.js';
import { recordKeys } from './chords.js';
import { addSignal, type TakeContext, takeNoise } from './context.js';
import { recordDrums } from './drum-kit.js';
import { HUM, LATE_OVERDUB } from './flaw-plan.js';
import { gainToPeak, peakOfChannels, scaleInPlace } from './levels.js';
import { TAKE } from './take-names.js';
import type { DemoTruth, RoomNoiseTruth } from './truth.js';
import type {
  BassNote,
  ChordEvent,
  DrumHit,
  Key,
  MelodyNote,
  Phrase,
  TimeSignature,
} from './types.js';
import { VOCAL_TAKES } from './vocal-takes.js';
import { recordVocalTakes } from './vocals.js';

export type TakeRole = 'kick' | 'snare' | 'hats' | 'overheads' | 'bass' | 'lead-vocal' | 'keys';

export interface DemoTake {
  /** e.g. "06-lead-vocal-take1"; `writeDemoTakes` writes it to `audio/<name>.wav`. */
  readonly name: string;
  readonly role: TakeRole;
  readonly audio: AudioData;
  readonly description: string;
}

export interface DemoTakes {
  readonly sampleRate: number;
  readonly tempoBpm: number;
  readonly timeSignature: TimeSignature;
  readonly key: Key;
  readonly bars: number;
  /** Length of every take: the song plus TAIL_SECONDS in which it rings out to room tone. */
  readonly lengthSeconds: number;
  readonly melody: readonly MelodyNote[];
  readonly phrases: readonly Phrase[];
  readonly chords: readonly ChordEvent[];
  readonly drums: readonly DrumHit[];
  readonly bass: readonly BassNote[];
  readonly takes: readonly DemoTake[];
  readonly truth: DemoTruth;
  /** With flaws: each flawed take as it would be without its flaws (same gain, same noise). */
  readonly cleanReferences: Readonly<Record<string, AudioData>>;
}

export interface DemoTakeOptions {
  /** Seed of every random choice (default 1). */
  readonly seed?: number;
  /** Build in the deliberate flaws (default false); needs the whole song. */
  readonly flaws?: boolean;
  /** Song length, rounded to whole bars of 2 s: 2…32 s (default 32, all 16 bars). */
  readonly seconds?: number;
  /** Default 48000. */
  readonly sampleRate?: number;
}

/** After the last bar every take runs on this long: the instruments ring out, then room tone. */
export const TAIL_SECONDS = 2;
export const DEFAULT_SAMPLE_RATE = 48000;

/** Peak level of each clean take, and its room noise (RMS per channel), dBFS. */
const LEVELS = {
  [TAKE.kick]: { peakDbfs: -7, noiseDbfs: -59 },
  [TAKE.snare]: { peakDbfs: -8, noiseDbfs: -58 },
  [TAKE.hats]: { peakDbfs: -12, noiseDbfs: -60 },
  [TAKE.overheads]: { peakDbfs: -10, noiseDbfs: -56 },
  [TAKE.keys]: { peakDbfs: -9, noiseDbfs: -59 },
} as const;

type LeveledTake = keyof typeof LEVELS;

/**
 * Synthesises the demo song's raw takes, deterministically from `seed`: drums (three close
 * mics and stereo overheads), a bass DI, three lead-vocal takes and a stereo keys pad, each
 * with its own room noise, plus the ground truth of everything the editing stage may
 * want to recover.
 */
export function generateDemoTakes(options: DemoTakeOptions = {}): DemoTakes {
  const seed = options.seed ?? 1;
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const flaws = options.flaws ?? false;
  const barSeconds = beatsToSeconds(BEATS_PER_BAR);
  const bars = Math.round((options.seconds ?? SONG_BARS * barSeconds) / barSeconds);
  if (!(bars >= 1 && bars <= SONG_BARS)) {
    throw new RangeError(
      `seconds must make 1…${SONG_BARS} bars of ${barSeconds} s, got ${options.seconds}`,
    );
  }
  if (flaws && bars < SONG_BARS) {
    throw new RangeError(
      `the flaws are spread over all ${SONG_BARS} bars; ask for ${SONG_BARS * barSeconds} s`,
    );
  }
  const arrangement = buildArrangement(bars);
  const lengthSeconds = bars * barSeconds + TAIL_SECONDS;
  const ctx: TakeContext = {
    arrangement,
    sampleRate,
    frames: Math.round(lengthSeconds * sampleRate),
    seed,
  };
  const tempo = arrangement.tempoBpm;
  const takes: DemoTake[] = [];
  const roomNoise: RoomNoiseTruth[] = [];
  const cleanReferences: Record<string, AudioData> = {};
  const mono = (x: Float32Array): AudioData => ({ sampleRate, channels: [x] });

  /** Brings the channels together to the take's peak level, then adds its room noise. */
  const leveled = (
    name: LeveledTake,
    role: TakeRole,
    channels: Float32Array[],
    description: string,
  ) => {
    const { peakDbfs, noiseDbfs } = LEVELS[name];
    const gain = gainToPeak(peakOfChannels(channels), peakDbfs);
    channels.forEach((c, i) => {
      scaleInPlace(c, gain);
      addSignal(c, takeNoise(ctx, name, i, noiseDbfs));
    });
    takes.push({ name, role, audio: { sampleRate, channels }, description });
    roomNoise.push({ take: name, levelDbfs: noiseDbfs });
  };

  const drums = recordDrums(arrangement.drums, tempo, ctx.frames, sampleRate, seed);
  const delayMs = ((drums.overheadDelaySamples / sampleRate) * 1000).toFixed(2);
  leveled(TAKE.kick, 'kick', [drums.kick], 'kick drum, close mic');
  leveled(TAKE.snare, 'snare', [drums.snare], 'snare drum, close mic');
  leveled(TAKE.hats, 'hats', [drums.hats], 'hi-hat, close mic');
  leveled(
    TAKE.overheads,
    'overheads',
    [...drums.overheads],
    `drum overheads, stereo: the kit and a crash, ${drums.overheadDelaySamples} samples (${delayMs} ms) after the close mics`,
  );

  const bass = recordBassTake(ctx, flaws);
  const bassFlaws = flaws
    ? `; overdubbed ${LATE_OVERDUB.offsetMs} ms late, ${HUM.mainsHz} Hz mains hum`
    : '';
  takes.push({
    name: TAKE.bass,
    role: 'bass',
    audio: mono(bass.take),
    description: `bass guitar, DI${bassFlaws}`,
  });
  roomNoise.push({ take: TAKE.bass, levelDbfs: BASS_NOISE_DBFS });
  if (bass.reference) cleanReferences[TAKE.bass] = mono(bass.reference);

  const vocals = recordVocalTakes(ctx, flaws);
  for (const take of vocals.takes) {
    takes.push({
      name: take.name,
      role: 'lead-vocal',
      audio: mono(take.audio),
      description: take.description,
    });
  }
  for (const spec of VOCAL_TAKES) roomNoise.push({ take: spec.name, levelDbfs: spec.noiseDbfs });
  for (const [name, reference] of vocals.references) cleanReferences[name] = mono(reference);

  leveled(
    TAKE.keys,
    'keys',
    recordKeys(arrangement.chords, tempo, ctx.frames, sampleRate, seed),
    'keys: detuned-saw pad, stereo',
  );

  return {
    sampleRate,
    tempoBpm: tempo,
    timeSignature: arrangement.timeSignature,
    key: arrangement.key,
    bars,
    lengthSeconds,
    melody: arrangement.melody,
    phrases: arrangement.phrases,
    chords: arrangement.chords,
    drums: arrangement.drums,
    bass: arrangement.bass,
    takes,
    truth: {
      roomNoise,
      overheadDelaySamples: drums.overheadDelaySamples,
      vocalTakes: vocals.truth,
      flaws:
        bass.lateOverdub && bass.hum && vocals.flaws
          ? { lateOverdub: bass.lateOverdub, hum: bass.hum, ...vocals.flaws }
          : null,
    },
    cleanReferences,
  };
}
