import type { ResolvedSession, ResolvedTrack } from '../session/resolved.js';
import type { ClipPlayer } from './clip-player.js';
import type { ScheduledClip } from './clip-schedule.js';
import type { RandomAccessSource } from './source-provider.js';
import type { StripRuntime } from './strip.js';
import { buildClipPlayer, buildStrip, type StripBuildOptions } from './strip-factory.js';

export interface TrackDescription {
  readonly name: string;
  readonly channels: number;
  readonly latency: number;
  readonly tailSamples: number;
  readonly endFrame: number;
}

/**
 * The part of a track that needs no other strip: its clips and its insert chain, up to the
 * fader. Track workers run one of these per track; the main thread applies fader, pan and
 * sends. Tracks have no inputs, so their timeline position is the block position itself.
 */
export class TrackRenderer {
  private readonly tracks: { runtime: StripRuntime; player: ClipPlayer }[];

  constructor(
    session: ResolvedSession,
    names: readonly string[],
    options: StripBuildOptions & {
      readonly openSource: (clip: ScheduledClip) => Promise<RandomAccessSource>;
    },
  ) {
    this.tracks = names.map((name) => {
      const track = session.tracks.find((t) => t.name === name) as ResolvedTrack;
      return {
        runtime: buildStrip(track, session, [], options),
        player: buildClipPlayer(track, session, options.openSource, options.maxBlockSize),
      };
    });
    this.maxBlockSize = options.maxBlockSize;
  }

  private readonly maxBlockSize: number;

  describe(): TrackDescription[] {
    return this.tracks.map(({ runtime, player }) => ({
      name: runtime.strip.name,
      channels: runtime.channels,
      latency: runtime.latency,
      tailSamples: runtime.tailSamples,
      endFrame: player.endFrame,
    }));
  }

  /** Renders frames [start, start + length) of every track into new arrays (one per channel). */
  async render(start: number, length: number): Promise<Float32Array[][]> {
    const results = this.tracks.map(({ runtime }) =>
      Array.from({ length: runtime.channels }, () => new Float32Array(length)),
    );
    for (let offset = 0; offset < length; offset += this.maxBlockSize) {
      const n = Math.min(this.maxBlockSize, length - offset);
      for (let k = 0; k < this.tracks.length; k++) {
        const { runtime, player } = this.tracks[k];
        // Awaited only when it waits: an await on nothing still suspends and allocates.
        const pending = player.render(start + offset, n, runtime.input);
        if (pending) await pending;
        runtime.processInserts(start + offset, n);
        runtime.input.forEach((data, c) => {
          results[k][c].set(data.subarray(0, n), offset);
        });
      }
    }
    return results;
  }

  async close(): Promise<void> {
    for (const { player } of this.tracks) await player.close();
  }
}
