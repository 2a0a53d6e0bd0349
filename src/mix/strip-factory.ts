import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import { Bypassable } from '../dsp/bypass.js';
import { valuesFromSettings } from '../dsp/params.js';
import type { ProcessorDefinition } from '../dsp/processor.js';
import { findProcessor } from '../dsp/registry.js';
import type { ResolvedSession, ResolvedStrip, ResolvedTrack } from '../session/resolved.js';
import { ClipPlayer } from './clip-player.js';
import type { ScheduledClip } from './clip-schedule.js';
import { scheduleClips } from './clip-schedule.js';
import type { RandomAccessSource } from './source-provider.js';
import { StripRuntime } from './strip.js';

/** What building a strip needs, on the main thread and in track workers alike. */
export interface StripBuildOptions {
  readonly maxBlockSize: number;
  /** Audio of processors' file parameters (impulse responses), keyed by path as written. */
  readonly files: ReadonlyMap<string, AudioData>;
  /** Where insert types are looked up (default: the registry of built-in processors). */
  readonly findProcessor?: (type: string) => ProcessorDefinition | undefined;
}

/** A track carries mono until its pan when all its sources are mono; buses are stereo. */
export function stripChannels(strip: ResolvedStrip, session: ResolvedSession): number {
  if (strip.kind !== 'track') return 2;
  const counts = (strip as ResolvedTrack).clips.map(
    (c) => session.sources.find((s) => s.id === c.sourceId)?.channels ?? 1,
  );
  return Math.min(2, Math.max(1, ...counts));
}

/**
 * A prepared channel strip. With `withInserts: false` it carries only fader, pan and sends
 * (its inserts run elsewhere, in a track worker).
 */
export function buildStrip(
  strip: ResolvedStrip,
  session: ResolvedSession,
  keys: readonly (StripRuntime | undefined)[],
  options: StripBuildOptions,
  withInserts = true,
): StripRuntime {
  const channels = stripChannels(strip, session);
  const lookup = options.findProcessor ?? findProcessor;
  const inserts = withInserts
    ? strip.inserts.map((insert) => {
        const definition = lookup(insert.type);
        if (!definition) {
          throw new MixdownError(
            'invalid-session',
            `${insert.path}.type: unknown processor "${insert.type}".`,
          );
        }
        const values = valuesFromSettings(definition.params, insert.values);
        try {
          return new Bypassable(definition.create(values, { files: options.files }), insert.bypass);
        } catch (error) {
          // A processor refusing its settings (e.g. an unusable impulse response) names them.
          if (error instanceof MixdownError) {
            throw new MixdownError(error.code, `${insert.path}: ${error.message}`);
          }
          throw error;
        }
      })
    : [];
  const runtime = new StripRuntime(
    strip,
    channels,
    inserts,
    keys,
    session.sampleRate,
    options.maxBlockSize,
  );
  runtime.prepare({
    sampleRate: session.sampleRate,
    maxBlockSize: options.maxBlockSize,
    channels,
    tempoBpm: session.tempoBpm,
  });
  return runtime;
}

export function buildClipPlayer(
  track: ResolvedTrack,
  session: ResolvedSession,
  openSource: (clip: ScheduledClip) => Promise<RandomAccessSource>,
  maxBlockSize: number,
): ClipPlayer {
  return new ClipPlayer(
    scheduleClips(track, session.sampleRate),
    openSource,
    stripChannels(track, session),
    maxBlockSize,
  );
}
