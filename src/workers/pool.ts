import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-url.js';

/** Messages between the pool and its workers. */
export type ToWorker<Job> = { readonly index: number; readonly job: Job };
export type FromWorker<Result, Progress> =
  | { readonly index: number; readonly kind: 'progress'; readonly progress: Progress }
  | { readonly index: number; readonly kind: 'result'; readonly result: Result };

export interface PoolCallbacks<Result, Progress> {
  onProgress?(index: number, progress: Progress): void;
  onResult(index: number, result: Result): void;
  /** Turns a crashed worker into a result for the job it was running. */
  onCrash(index: number, error: Error): Result;
}

/**
 * Runs independent jobs on up to `size` worker threads, each worker taking the next job as
 * it finishes one. Results arrive in completion order with their input index; callers that
 * need input order (the CLI) reorder them.
 */
export async function runPool<Job, Result, Progress>(
  workerUrl: URL,
  jobs: readonly Job[],
  size: number,
  callbacks: PoolCallbacks<Result, Progress>,
  /** Aborting stops every worker at once; jobs not yet finished get no result. */
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const workerCount = Math.max(1, Math.min(size, jobs.length));

  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const worker: Worker = startWorker(workerUrl);
      let current = -1;
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        void worker.terminate();
        resolve();
      };
      const dispatch = (): void => {
        if (next >= jobs.length) {
          finish();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, job: jobs[current] } satisfies ToWorker<Job>);
      };
      signal?.addEventListener('abort', finish, { once: true });
      worker.on('message', (message: FromWorker<Result, Progress>) => {
        if (finished) return;
        if (message.kind === 'progress') {
          callbacks.onProgress?.(message.index, message.progress);
        } else {
          callbacks.onResult(message.index, message.result);
          current = -1;
          dispatch();
        }
      });
      const crash = (error: Error): void => {
        if (finished) return;
        if (current >= 0) callbacks.onResult(current, callbacks.onCrash(current, error));
        finished = true;
        // A crashed worker cannot continue; the remaining jobs go to a fresh one.
        void worker.terminate();
        runWorker().then(resolve);
      };
      worker.on('error', crash);
      worker.on('exit', (code) => {
        if (!finished) crash(new Error(`worker exited with code ${code}`));
      });
      dispatch();
    });

  await Promise.all(Array.from({ length: workerCount }, runWorker));
}
