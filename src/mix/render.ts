import type { AudioData } from '../core/audio.js';
import type { ResolvedSession } from '../session/resolved.js';
import { type GraphOptions, RenderGraph } from './graph.js';
import { independentTracks, startTrackWorkers, type TrackWorkers } from './parallel-tracks.js';
import { MASTER } from './routing.js';
import type { SourceProvider } from './source-provider.js';
import type { WorkerSources } from './track-worker.js';

/** Where rendered frames go (an AudioWriter fits). */
export interface FrameSink {
  write(channels: readonly Float32Array[], frames: number): Promise<void>;
}

export interface RenderOptions {
  /** Frames per processing block (default 1024). The output does not depend on it. */
  readonly blockSize?: number;
  /** Timeline range to write, in seconds; default: from 0 to the end of the last clip plus tails. */
  readonly range?: { readonly startSeconds: number; readonly endSeconds: number };
  /** A sink per track or bus name for stems (post-fader, post-pan, aligned with the mix). */
  readonly stems?: ReadonlyMap<string, FrameSink>;
  /** Audio of processors' file parameters, keyed by path as written in the session. */
  readonly files?: ReadonlyMap<string, AudioData>;
  readonly onProgress?: (framesDone: number, totalFrames: number) => void;
  /** Where insert types are looked up (default: the built-in registry). */
  readonly findProcessor?: GraphOptions['findProcessor'];
  /** Size of each successive block (tests use it to prove block-size independence). */
  readonly nextBlockSize?: () => number;
  /**
   * Worker threads for independent tracks (default 1: render on this thread only). Workers
   * open sources as `workerSources` says; the output is identical either way.
   */
  readonly threads?: number;
  readonly workerSources?: WorkerSources;
}

/** Below this many seconds a render finishes before workers would pay for their start-up. */
const MIN_SECONDS_FOR_WORKERS = 5;

export interface RenderResult {
  /** Frames written to the mix sink. */
  readonly frames: number;
  readonly sampleRate: number;
  /** Latency the graph compensated (frames dropped from the start of every output). */
  readonly latencyFrames: number;
  readonly tailFrames: number;
  /** Worker threads that rendered tracks (0: everything ran on this thread). */
  readonly workerThreads: number;
}

/**
 * Renders a session: opens its sources, builds the graph and runs it block by block,
 * writing the master (and stems) to sinks. Processing always starts at the top of the
 * timeline, so a range renders exactly what the same frames of a full render hold.
 * Outputs are shifted by each strip's latency, so everything lines up with the timeline.
 */
export async function renderSession(
  session: ResolvedSession,
  provider: SourceProvider,
  mix: FrameSink,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const blockSize = options.blockSize ?? 1024;
  const byId = new Map(session.sources.map((s) => [s.id, s]));
  const files = options.files ?? new Map<string, AudioData>();
  let processFrames = 0;
  const workers = await maybeStartWorkers(session, options, blockSize, files, () => processFrames);
  let graph: RenderGraph;
  try {
    graph = new RenderGraph(session, {
      maxBlockSize: blockSize,
      openSource: (clip) =>
        provider.open(byId.get(clip.sourceId)!, session.sampleRate, clip.clip.edits),
      files,
      processAll: (options.stems?.size ?? 0) > 0,
      findProcessor: options.findProcessor,
      remoteTracks: workers?.remoteTracks,
    });
  } catch (error) {
    await workers?.close();
    throw error;
  }
  try {
    const fs = session.sampleRate;
    const startFrame = options.range ? Math.round(options.range.startSeconds * fs) : 0;
    const endFrame = options.range
      ? Math.round(options.range.endSeconds * fs)
      : graph.endFrame + graph.tailFrames;

    const taps: OutputTap[] = [
      new OutputTap(mix, graph.runtimes.get(MASTER)!.output, graph.latency, startFrame, endFrame),
    ];
    for (const [name, sink] of options.stems ?? []) {
      const runtime = graph.runtimes.get(name);
      if (!runtime) continue;
      taps.push(
        new OutputTap(sink, runtime.output, graph.outputLatency.get(name)!, startFrame, endFrame),
      );
    }

    // Run until every tap has received its last frame.
    const lastFrame = Math.max(...taps.map((t) => t.lastProcessedFrameNeeded));
    processFrames = lastFrame;
    let processed = 0;
    while (processed < lastFrame) {
      const size = options.nextBlockSize ? Math.min(blockSize, options.nextBlockSize()) : blockSize;
      const n = Math.min(size, lastFrame - processed);
      await graph.processBlock(processed, n);
      for (const tap of taps) await tap.take(processed, n);
      processed += n;
      options.onProgress?.(processed, lastFrame);
    }
    return {
      frames: Math.max(0, endFrame - startFrame),
      sampleRate: fs,
      latencyFrames: graph.latency,
      tailFrames: graph.tailFrames,
      workerThreads: workers?.count ?? 0,
    };
  } finally {
    await graph.close();
    await workers?.close();
  }
}

async function maybeStartWorkers(
  session: ResolvedSession,
  options: RenderOptions,
  blockSize: number,
  files: ReadonlyMap<string, AudioData>,
  processFrames: () => number,
): Promise<TrackWorkers | undefined> {
  const threads = options.threads ?? 1;
  if (threads < 2 || !options.workerSources || options.findProcessor) return undefined;
  if (independentTracks(session).length < 2) return undefined;
  const lastClipSeconds = Math.max(
    0,
    ...session.tracks.flatMap((t) => t.clips.map((c) => c.startSeconds + c.lengthSeconds)),
  );
  if (lastClipSeconds < MIN_SECONDS_FOR_WORKERS) return undefined;
  return startTrackWorkers(session, {
    workerCount: threads,
    maxBlockSize: blockSize,
    files,
    sources: options.workerSources,
    processFrames,
  });
}

/**
 * Takes a strip's output block by block and writes the part that falls in the wanted
 * timeline range, undoing the strip's latency: processed frame p holds timeline frame
 * p − latency.
 */
class OutputTap {
  private readonly views: Float32Array[];

  constructor(
    private readonly sink: FrameSink,
    private readonly source: readonly Float32Array[],
    private readonly latency: number,
    private readonly startFrame: number,
    private readonly endFrame: number,
  ) {
    this.views = source.map(() => new Float32Array(0));
  }

  get lastProcessedFrameNeeded(): number {
    return this.endFrame + this.latency;
  }

  async take(processedStart: number, length: number): Promise<void> {
    const timelineStart = processedStart - this.latency;
    const from = Math.max(timelineStart, this.startFrame);
    const to = Math.min(timelineStart + length, this.endFrame);
    if (to <= from) return;
    const offset = from - timelineStart;
    for (let c = 0; c < this.source.length; c++)
      this.views[c] = this.source[c].subarray(offset, offset + (to - from));
    await this.sink.write(this.views, to - from);
  }
}
