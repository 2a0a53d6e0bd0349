import type { Worker } from 'node:worker_threads';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import type { ResolvedSession } from '../session/resolved.js';
import { siblingModule, startWorker } from '../workers/worker-url.js';
import type { RemoteTrack } from './graph.js';
import type { TrackDescription } from './track-renderer.js';
import type { TrackWorkerReply, TrackWorkerRequest, WorkerSources } from './track-worker.js';

/** Frames a worker renders per request: large enough that messaging costs little. */
export const CHUNK_FRAMES = 16384;

/**
 * Tracks that can render on their own: no sidechain ties to other strips (a sidechain key
 * must be on the main thread where its user runs, and a keyed track needs its key).
 */
export function independentTracks(session: ResolvedSession): string[] {
  const tied = new Set<string>();
  for (const strip of [...session.tracks, ...session.buses, session.master]) {
    for (const insert of strip.inserts) {
      if (!insert.sidechain) continue;
      tied.add(insert.sidechain);
      tied.add(strip.name);
    }
  }
  return session.tracks.filter((t) => !tied.has(t.name)).map((t) => t.name);
}

/** Splits tracks over `workers` groups, balancing the number of inserts (a proxy for cost). */
export function assignTracks(
  session: ResolvedSession,
  names: readonly string[],
  workers: number,
): string[][] {
  const groups: { names: string[]; cost: number }[] = Array.from({ length: workers }, () => ({
    names: [],
    cost: 0,
  }));
  const cost = (name: string): number =>
    1 + (session.tracks.find((t) => t.name === name)?.inserts.length ?? 0);
  for (const name of [...names].sort((a, b) => cost(b) - cost(a))) {
    const lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.names.push(name);
    lightest.cost += cost(name);
  }
  return groups.map((g) => g.names).filter((g) => g.length > 0);
}

/** One worker and the chunks it has rendered or is rendering. */
class TrackWorker {
  private readonly pending = new Map<
    number,
    { resolve: (b: Float32Array[][]) => void; reject: (e: Error) => void }
  >();
  private readonly chunks = new Map<number, Promise<Float32Array[][]>>();
  private readyWaiter:
    | { resolve: (t: TrackDescription[]) => void; reject: (e: Error) => void }
    | undefined;
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: TrackWorkerReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`track worker exited with code ${code}`));
    });
  }

  init(request: Extract<TrackWorkerRequest, { kind: 'init' }>): Promise<TrackDescription[]> {
    return new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  /** The chunk starting at `start`; requests it (and the next one, to keep the worker busy). */
  chunk(start: number, end: number): Promise<Float32Array[][]> {
    this.request(start, end);
    this.request(start + CHUNK_FRAMES, end);
    return this.chunks.get(start)!;
  }

  forget(before: number): void {
    for (const start of this.chunks.keys())
      if (start + CHUNK_FRAMES <= before) this.chunks.delete(start);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(start: number, end: number): void {
    if (this.chunks.has(start) || start >= end) return;
    const promise = new Promise<Float32Array[][]>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.pending.set(start, { resolve, reject });
    });
    promise.catch(() => {}); // failures surface where the chunk is awaited
    this.chunks.set(start, promise);
    this.worker.postMessage({
      kind: 'render',
      start,
      length: Math.min(CHUNK_FRAMES, end - start),
    } satisfies TrackWorkerRequest);
  }

  private receive(reply: TrackWorkerReply): void {
    switch (reply.kind) {
      case 'ready':
        this.readyWaiter?.resolve(reply.tracks);
        return;
      case 'chunk':
        this.pending.get(reply.start)?.resolve(reply.buffers);
        this.pending.delete(reply.start);
        return;
      case 'error':
        this.fail(new MixdownError(reply.code as never, reply.message));
        return;
      case 'closed':
        return;
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    this.readyWaiter?.reject(error);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

export interface TrackWorkers {
  readonly remoteTracks: ReadonlyMap<string, RemoteTrack>;
  /** Worker threads started (no more than there are independent tracks). */
  readonly count: number;
  close(): Promise<void>;
}

/**
 * Starts `workerCount` track workers for the independent tracks and returns them as remote
 * tracks for the render graph. Each worker renders its tracks in chunks of CHUNK_FRAMES,
 * one chunk ahead of the mix; `endFrame` bounds the requests.
 */
export async function startTrackWorkers(
  session: ResolvedSession,
  options: {
    readonly workerCount: number;
    readonly maxBlockSize: number;
    readonly files: ReadonlyMap<string, AudioData>;
    readonly sources: WorkerSources;
    /** Frames the render will process (timeline end plus tail and latency). */
    readonly processFrames: () => number;
  },
): Promise<TrackWorkers> {
  const groups = assignTracks(session, independentTracks(session), options.workerCount);
  const workers = groups.map(
    () => new TrackWorker(startWorker(siblingModule(import.meta.url, 'track-worker'))),
  );
  try {
    const descriptions = await Promise.all(
      workers.map((w, i) =>
        w.init({
          kind: 'init',
          session,
          names: groups[i],
          maxBlockSize: options.maxBlockSize,
          files: options.files,
          sources: options.sources,
        }),
      ),
    );
    const remoteTracks = new Map<string, RemoteTrack>();
    descriptions.forEach((tracks, w) => {
      tracks.forEach((track, index) => {
        const worker = workers[w];
        remoteTracks.set(track.name, {
          latency: track.latency,
          tailSamples: track.tailSamples,
          endFrame: track.endFrame,
          async fill(start, length, into) {
            let done = 0;
            while (done < length) {
              const frame = start + done;
              const chunkStart = Math.floor(frame / CHUNK_FRAMES) * CHUNK_FRAMES;
              const buffers = await worker.chunk(chunkStart, options.processFrames());
              const n = Math.min(length - done, chunkStart + CHUNK_FRAMES - frame);
              const from = frame - chunkStart;
              into.forEach((dst, c) => {
                dst.set(buffers[index][c].subarray(from, from + n), done);
              });
              done += n;
            }
            worker.forget(start);
          },
        });
      });
    });
    return {
      remoteTracks,
      count: workers.length,
      async close() {
        await Promise.all(workers.map((w) => w.close()));
      },
    };
  } catch (error) {
    await Promise.all(workers.map((w) => w.close()));
    throw error;
  }
}
