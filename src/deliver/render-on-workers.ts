import type { AudioData } from '../core/audio.js';
import { type ErrorCode, MixdownError } from '../core/errors.js';
import { runPool } from '../workers/pool.js';
import { siblingModule } from '../workers/worker-url.js';
import { firstPassCeilingDbtp, type RenderSpec } from './compliance-loop.js';
import type { Candidate, LoopSource } from './loop-source.js';
import type { TaggedRender } from './tagged-render.js';
import type { ReleaseTags } from './tags.js';

/**
 * Aims: a delivery's independent files rendered side by side on worker threads, with the
 * same bytes as on the main thread.
 *
 * The work files share stays here and is done first: each source's true peak and its
 * first-pass limited copy (loop-source.ts). The audio then goes to the workers in shared
 * memory (no copy per file), and each worker runs the compliance loop and tags one file at a
 * time. Lossy files go first: they are the ones that may need more passes.
 */

export interface RenderRequest {
  readonly source: LoopSource;
  readonly spec: RenderSpec;
  readonly ceilingDbtp: number;
}

/** What a worker is sent: plain data, audio in SharedArrayBuffers. */
export interface DeliverJob {
  readonly source: Candidate;
  /** The first-pass limited copy and its ceiling, when the source is over the ceiling. */
  readonly firstPass: { readonly ceilingDbtp: number; readonly candidate: Candidate } | null;
  readonly spec: RenderSpec;
  readonly ceilingDbtp: number;
  readonly masterRate: number;
  readonly tags: ReleaseTags;
}

export type DeliverOutcome =
  | { readonly ok: true; readonly tagged: TaggedRender }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface WorkerRenders {
  /** One promise per request, in request order. */
  readonly results: readonly Promise<TaggedRender>[];
  /** Stop the workers (after a failure elsewhere). */
  stop(): void;
  /** Settles when every worker has stopped. */
  readonly done: Promise<void>;
  /** Worker threads started. */
  readonly threads: number;
}

export function renderOnWorkers(
  requests: readonly RenderRequest[],
  threads: number,
  masterRate: number,
  tags: ReleaseTags,
): WorkerRenders {
  const shared = new Map<AudioData, AudioData>();
  const jobs = requests.map((request): DeliverJob => {
    const source = request.source.unlimited();
    const first = firstPassCeilingDbtp(source.truePeakDbtp, request.ceilingDbtp);
    const firstPass =
      first === null
        ? null
        : { ceilingDbtp: first, candidate: request.source.limitedTo(first, true) };
    return {
      source: inSharedMemory(source, shared),
      firstPass: firstPass && {
        ceilingDbtp: firstPass.ceilingDbtp,
        candidate: inSharedMemory(firstPass.candidate, shared),
      },
      spec: request.spec,
      ceilingDbtp: request.ceilingDbtp,
      masterRate,
      tags,
    };
  });
  const settle = requests.map(() => {
    let resolve!: (tagged: TaggedRender) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<TaggedRender>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    promise.catch(() => undefined); // surfaces where the caller awaits it
    return { promise, resolve, reject };
  });
  const order = jobs.map((_, i) => i).sort((a, b) => lossy(jobs[b]) - lossy(jobs[a]) || a - b);
  const controller = new AbortController();
  const count = Math.max(1, Math.min(threads, jobs.length));
  const done = runPool<DeliverJob, DeliverOutcome, never>(
    siblingModule(import.meta.url, '../workers/deliver-worker'),
    order.map((i) => jobs[i]),
    count,
    {
      onResult(index, outcome) {
        const target = settle[order[index]];
        if (outcome.ok) target.resolve(outcome.tagged);
        else
          target.reject(new MixdownError(outcome.error.code as ErrorCode, outcome.error.message));
      },
      onCrash: (_index, error) => ({
        ok: false,
        error: { code: 'internal', message: error.message },
      }),
    },
    controller.signal,
  ).then(() => {
    const stopped = new MixdownError('internal', 'The delivery workers stopped before this file.');
    for (const s of settle) s.reject(stopped); // no-op for those already settled
  });
  return {
    results: settle.map((s) => s.promise),
    stop: () => controller.abort(),
    done,
    threads: count,
  };
}

function lossy(job: DeliverJob): number {
  return job.spec.format === 'mp3' || job.spec.format === 'ogg-vorbis' ? 1 : 0;
}

/** `candidate` with its audio in SharedArrayBuffers (copied once per audio object). */
function inSharedMemory(candidate: Candidate, copies: Map<AudioData, AudioData>): Candidate {
  let audio = copies.get(candidate.audio);
  if (!audio) {
    audio = {
      sampleRate: candidate.audio.sampleRate,
      channels: candidate.audio.channels.map((channel) => {
        const copy = new Float32Array(new SharedArrayBuffer(channel.byteLength));
        copy.set(channel);
        return copy;
      }),
    };
    copies.set(candidate.audio, audio);
  }
  return { audio, truePeakDbtp: candidate.truePeakDbtp };
}
