import { parentPort } from 'node:worker_threads';
import {
  type AnalyzeJob,
  type AnalyzeOutcome,
  type AnalyzeProgress,
  analyzeFileOutcome,
} from './analyze-task.js';
import type { FromWorker, ToWorker } from './pool.js';

/** Worker entry: analyses one file per message, reporting progress about ten times a second. */
const port = parentPort;
if (!port) throw new Error('analyze-worker must run as a worker thread');

port.on('message', async ({ index, job }: ToWorker<AnalyzeJob>) => {
  let lastReport = 0;
  const result = await analyzeFileOutcome(job, (progress) => {
    const now = Date.now();
    if (now - lastReport < 100) return;
    lastReport = now;
    port.postMessage({ index, kind: 'progress', progress } satisfies FromWorker<
      AnalyzeOutcome,
      AnalyzeProgress
    >);
  });
  port.postMessage({ index, kind: 'result', result } satisfies FromWorker<
    AnalyzeOutcome,
    AnalyzeProgress
  >);
});
