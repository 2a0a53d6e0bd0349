import { dbToGain, gainToDb } from '../../core/units.js';
import { beatsToSeconds } from './arrangement.js';
import type { TakeContext } from './context.js';
import {
  CLICKS,
  CLIPPING,
  clickList,
  compTable,
  DOUBLE_WARP,
  LATE_PHRASE,
  PITCHY,
  pitchyDetunes,
} from './flaw-plan.js';
import { addClicks, CLICK_SHAPE, hardClip } from './flaws.js';
import { prngFor } from './random.js';
import type {
  ClickTruth,
  ClippingTruth,
  CompPhraseTruth,
  LatePhraseTruth,
  PitchyTruth,
  TimeWarpTruth,
  VocalTakeTruth,
} from './truth.js';
import { type Burst, recordVocalTake, VOCAL_TAKES, type VocalRecording } from './vocal-takes.js';

export interface VocalFlawTruth {
  readonly timeWarp: TimeWarpTruth;
  readonly pitchy: PitchyTruth;
  readonly clicks: ClickTruth;
  readonly clipping: ClippingTruth;
  readonly latePhrase: LatePhraseTruth;
  readonly comp: readonly CompPhraseTruth[];
}

export interface VocalTakes {
  readonly takes: readonly {
    readonly name: string;
    readonly description: string;
    readonly audio: Float32Array;
  }[];
  /** With flaws: each take without its flaws. */
  readonly references: ReadonlyMap<string, Float32Array>;
  readonly truth: readonly VocalTakeTruth[];
  readonly flaws: VocalFlawTruth | null;
}

/** The three lead-vocal takes; with flaws, spread as `flaw-plan.ts` lays out. */
export function recordVocalTakes(ctx: TakeContext, flaws: boolean): VocalTakes {
  const [spec1, spec2, spec3] = VOCAL_TAKES;
  if (!flaws) {
    const recordings = VOCAL_TAKES.map((spec) => recordVocalTake(ctx, spec));
    return {
      takes: VOCAL_TAKES.map((spec, i) => ({
        name: spec.name,
        description: spec.description,
        audio: recordings[i].take,
      })),
      references: new Map(),
      truth: recordings.map((r) => r.truth),
      flaws: null,
    };
  }

  const { arrangement, sampleRate, seed } = ctx;
  const samplesAt = (beat: number) =>
    Math.round(beatsToSeconds(beat, arrangement.tempoBpm) * sampleRate);
  const burst: Burst = {
    startSample: samplesAt(CLIPPING.startBeat),
    endSample: samplesAt(CLIPPING.endBeat),
    boostDb: CLIPPING.boostDb,
    rampSeconds: CLIPPING.rampSeconds,
  };
  const detunes = pitchyDetunes(arrangement.melody, prngFor(seed, 'flaw pitchy'));
  const take1 = recordVocalTake(ctx, spec1, {}, burst);
  const take2 = recordVocalTake(ctx, spec2, { detuneCents: detunes, warp: DOUBLE_WARP });
  const take3 = recordVocalTake(ctx, spec3, {
    lateMsByPhrase: new Map([[LATE_PHRASE.phrase, LATE_PHRASE.lateMs]]),
  });

  // Take 1's electrical faults come after the room: the preamp clips, then a cable crackles.
  const clipLevel = Math.fround(dbToGain(CLIPPING.clipLevelDbfs));
  const clippedSampleCount = hardClip(take1.take, clipLevel);
  const clicks = clickList(prngFor(seed, 'flaw clicks'), arrangement.tempoBpm, sampleRate);
  addClicks(take1.take, clicks);

  const recordings: [typeof spec1, VocalRecording, string][] = [
    [spec1, take1, 'clipped burst in phrase 2, clicks in phrase 4'],
    [spec2, take2, 'pitchy in phrases 1 and 3, drifts 5–25 ms behind the grid'],
    [spec3, take3, `phrase 3 sung ${LATE_PHRASE.lateMs} ms late`],
  ];
  return {
    takes: recordings.map(([spec, r, flaw]) => ({
      name: spec.name,
      description: `${spec.description}; ${flaw}`,
      audio: r.take,
    })),
    references: new Map(recordings.map(([spec, r]) => [spec.name, r.reference])),
    truth: recordings.map(([, r]) => r.truth),
    flaws: {
      timeWarp: {
        ...DOUBLE_WARP,
        formula: 'delayMs(t) = baseDelayMs + depthMs * sin(2*pi*t / periodSeconds)',
      },
      pitchy: {
        take: PITCHY.take,
        phrases: [...PITCHY.phrases],
        notes: [...detunes].map(([melodyIndex, detuneCents]) => ({ melodyIndex, detuneCents })),
      },
      clicks: { take: CLICKS.take, phrase: CLICKS.phrase, shape: [...CLICK_SHAPE], clicks },
      clipping: {
        take: CLIPPING.take,
        phrase: CLIPPING.phrase,
        boostDb: CLIPPING.boostDb,
        clipLevel,
        clipLevelDbfs: gainToDb(clipLevel),
        startSample: burst.startSample,
        endSample: burst.endSample,
        clippedSampleCount,
      },
      latePhrase: { ...LATE_PHRASE },
      comp: compTable(arrangement.phrases),
    },
  };
}
