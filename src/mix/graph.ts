import { WholeSampleDelay } from '../dsp/whole-sample-delay.js';
import type { ResolvedSession, ResolvedTrack } from '../session/resolved.js';
import type { ClipPlayer } from './clip-player.js';
import type { ScheduledClip } from './clip-schedule.js';
import { addStereoScaled, MixTargets } from './mix-kernels.js';
import {
  type Edge,
  type KeyTap,
  MASTER,
  planLatency,
  planRouting,
  type RoutingPlan,
  strips,
} from './routing.js';
import type { RandomAccessSource } from './source-provider.js';
import type { StripRuntime } from './strip.js';
import { buildClipPlayer, buildStrip, type StripBuildOptions } from './strip-factory.js';

/** A track whose clips and inserts are rendered elsewhere (a track worker). */
export interface RemoteTrack {
  /** Latency of its inserts, for delay compensation. */
  readonly latency: number;
  readonly tailSamples: number;
  readonly endFrame: number;
  /** Fills `into` with the track's pre-fader signal for frames [start, start + length). */
  fill(start: number, length: number, into: readonly Float32Array[]): Promise<void>;
}

export interface GraphOptions extends StripBuildOptions {
  /** Opens a source by id, at the session rate (one per playing clip). */
  readonly openSource: (clip: ScheduledClip) => Promise<RandomAccessSource>;
  /** Process every strip even if unheard (for stems). */
  readonly processAll?: boolean;
  /** Tracks rendered in workers, by name; the graph applies only their fader, pan and sends. */
  readonly remoteTracks?: ReadonlyMap<string, RemoteTrack>;
}

interface LiveEdge {
  readonly edge: Edge;
  /** The destination strip's input. */
  readonly dest: readonly Float32Array[];
  readonly delay: WholeSampleDelay | undefined;
  /** Stereo scratch for delayed edges. */
  readonly scratch: Float32Array[] | undefined;
}

/** One active strip's work in a block, looked up once rather than per block. */
interface Step {
  readonly name: string;
  readonly runtime: StripRuntime;
  readonly remote: RemoteTrack | undefined;
  readonly player: ClipPlayer | undefined;
  /** Frames by which the strip's input lags the timeline. */
  readonly arrival: number;
  readonly isMaster: boolean;
  readonly edges: readonly LiveEdge[];
  /** The block's destinations fused with fader and pan (reused every block). */
  readonly targets: MixTargets;
}

/**
 * The render graph built from a resolved session (STYLE.md §6): channel strips with their
 * processors, clip players, routing in processing order and delay compensation. It does not
 * know where audio goes; `renderSession` drives it block by block, and the same graph can
 * drive live playback.
 */
export class RenderGraph {
  readonly plan: RoutingPlan;
  readonly runtimes: ReadonlyMap<string, StripRuntime>;
  /** Output latency of every strip (frames between timeline and its output). */
  readonly outputLatency: ReadonlyMap<string, number>;
  /** Frames of tail after the last clip that can still sound (reverbs, delays). */
  readonly tailFrames: number;
  /** Frame after the last clip on the timeline. */
  readonly endFrame: number;
  private readonly players: ReadonlyMap<string, ClipPlayer>;
  private readonly remote: ReadonlyMap<string, RemoteTrack>;
  private readonly outgoing: ReadonlyMap<string, LiveEdge[]>;
  /** Active strips in processing order. */
  private readonly steps: readonly Step[];
  /** Inputs of buses and the master, cleared before every block. */
  private readonly summedInputs: readonly Float32Array[];

  constructor(
    readonly session: ResolvedSession,
    options: GraphOptions,
  ) {
    const { maxBlockSize } = options;
    this.plan = planRouting(session);
    this.remote = options.remoteTracks ?? new Map();
    const all = strips(session);
    const runtimes = new Map<string, StripRuntime>();
    const players = new Map<string, ClipPlayer>();

    // Create in processing order so a sidechain key's runtime exists before its user.
    for (const name of this.plan.order) {
      const strip = all.find((s) => s.name === name)!;
      const keys = strip.inserts.map((i) => (i.sidechain ? runtimes.get(i.sidechain) : undefined));
      const isRemote = this.remote.has(name);
      runtimes.set(name, buildStrip(strip, session, keys, options, !isRemote));
      if (strip.kind === 'track' && !isRemote) {
        players.set(
          name,
          buildClipPlayer(strip as ResolvedTrack, session, options.openSource, maxBlockSize),
        );
      }
    }
    this.runtimes = runtimes;
    this.players = players;

    const latencyOf = (name: string): number =>
      this.remote.get(name)?.latency ?? runtimes.get(name)!.latency;
    const tailOf = (name: string): number =>
      this.remote.get(name)?.tailSamples ?? runtimes.get(name)!.tailSamples;
    const insertLatency = new Map(this.plan.order.map((n) => [n, latencyOf(n)]));
    // Keyed strips and their keys never run in workers, so their inserts are all here.
    const keyTaps: KeyTap[] = all.flatMap((strip) =>
      strip.inserts.flatMap((insert, i) =>
        insert.sidechain
          ? [
              {
                strip: strip.name,
                insert: i,
                key: insert.sidechain,
                insertOffset: runtimes.get(strip.name)!.insertLatencyBefore(i),
              },
            ]
          : [],
      ),
    );
    const { outputLatency, edgeDelay, keyDelay } = planLatency(this.plan, insertLatency, keyTaps);
    for (const [tap, frames] of keyDelay) runtimes.get(tap.strip)!.delayKey(tap.insert, frames);
    this.outputLatency = outputLatency;

    const outgoing = new Map<string, LiveEdge[]>();
    for (const edge of this.plan.edges) {
      if (!this.plan.live.has(edge)) continue;
      const delay = edgeDelay.get(edge) ?? 0;
      const list = outgoing.get(edge.from) ?? [];
      list.push({
        edge,
        dest: runtimes.get(edge.to)!.input,
        delay: delay > 0 ? new WholeSampleDelay(2, delay) : undefined,
        scratch:
          delay > 0 ? [new Float32Array(maxBlockSize), new Float32Array(maxBlockSize)] : undefined,
      });
      outgoing.set(edge.from, list);
    }
    this.outgoing = outgoing;
    this.steps = this.plan.order
      .filter((n) => options.processAll || this.plan.needed.has(n))
      .map((name) => ({
        name,
        runtime: runtimes.get(name)!,
        remote: this.remote.get(name),
        player: players.get(name),
        arrival: outputLatency.get(name)! - insertLatency.get(name)!,
        isMaster: name === MASTER,
        edges: outgoing.get(name) ?? [],
        targets: new MixTargets(),
      }));
    this.summedInputs = [...runtimes.values()]
      .filter((r) => r.strip.kind !== 'track')
      .flatMap((r) => r.input);

    // Tails add up along a path (a delay into a reverb rings for both).
    const tailOut = new Map<string, number>();
    for (const name of this.plan.order) {
      const incoming = this.plan.edges.filter((e) => e.to === name);
      const tailIn = incoming.reduce((m, e) => Math.max(m, tailOut.get(e.from) ?? 0), 0);
      tailOut.set(name, tailIn + tailOf(name));
    }
    const maxTailFrames = 60 * session.sampleRate;
    this.tailFrames = Math.min(maxTailFrames, tailOut.get(MASTER) ?? 0);
    const ends = [
      ...[...players.values()].map((p) => p.endFrame),
      ...[...this.remote.values()].map((r) => r.endFrame),
    ];
    this.endFrame = ends.reduce((end, e) => Math.max(end, e), 0);
  }

  /** Total latency from the timeline to the master output, in frames. */
  get latency(): number {
    return this.outputLatency.get(MASTER) ?? 0;
  }

  /** Closes the sources clips still hold open. */
  async close(): Promise<void> {
    for (const player of this.players.values()) await player.close();
  }

  reset(): void {
    for (const r of this.runtimes.values()) r.reset();
    for (const list of this.outgoing.values()) for (const e of list) e.delay?.reset();
  }

  /**
   * Processes frames [start, start + length) of the (latency-shifted) timeline. Afterwards
   * every active strip's `output` holds its post-fader stereo signal for the block and the
   * master's `output` holds the mix.
   */
  async processBlock(start: number, length: number): Promise<void> {
    for (const input of this.summedInputs) input.fill(0, 0, length);
    for (const step of this.steps) {
      const { runtime, remote, player } = step;
      // A strip's input lags the timeline by its arrival latency; automation follows the signal.
      const t = start - step.arrival;
      if (remote) {
        await remote.fill(start, length, runtime.input);
      } else {
        // A track waits (plays later) only for a sidechain key that arrives late.
        // Awaited only when it waits: an await on nothing still suspends and allocates.
        const pending = player?.render(t, length, runtime.input);
        if (pending) await pending;
        runtime.processInserts(t, length);
      }
      this.mixOut(step, t, length);
    }
  }

  /**
   * Fader, pan and the strip's outgoing connections. While the gains hold over the block,
   * the leading connections that are plain scaled copies of the output (main outputs,
   * post-fader sends without their own pan, undelayed) are fused into the fader's pass;
   * the rest follow in order, so every destination sums in the same order either way.
   */
  private mixOut(step: Step, t: number, length: number): void {
    const { runtime, edges, targets } = step;
    let first = 0;
    if (runtime.holdFaderPan(t, length, step.isMaster)) {
      targets.clear();
      for (; first < edges.length; first++) {
        const live = edges[first];
        if (live.delay) break;
        const { edge } = live;
        const gain = edge.kind === 'output' ? 1 : runtime.heldSendGain(edge.sendIndex!, t, length);
        if (Number.isNaN(gain)) break;
        targets.add(live.dest[0], live.dest[1], gain);
      }
      runtime.mixHeld(length, targets);
    } else {
      runtime.applyFaderAndPan(t, length, step.isMaster);
    }
    for (let e = first; e < edges.length; e++) this.deliver(runtime, edges[e], t, length);
  }

  private deliver(runtime: StripRuntime, live: LiveEdge, start: number, length: number): void {
    const dest = live.dest;
    const target = live.scratch ?? dest;
    if (live.scratch) for (const s of live.scratch) s.fill(0, 0, length);
    if (live.edge.kind === 'output') {
      addStereoScaled(target[0], target[1], runtime.output[0], runtime.output[1], length, 1);
    } else {
      runtime.addSend(live.edge.sendIndex!, start, length, target);
    }
    if (live.delay && live.scratch) {
      live.delay.processInPlace(live.scratch, length);
      addStereoScaled(dest[0], dest[1], live.scratch[0], live.scratch[1], length, 1);
    }
  }
}
