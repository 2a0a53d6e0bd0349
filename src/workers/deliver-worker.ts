import { parentPort } from 'node:worker_threads';
import { isMixdownError } from '../core/errors.js';
import { LoopSource } from '../deliver/loop-source.js';
import type { DeliverJob, DeliverOutcome } from '../deliver/render-on-workers.js';
import { renderAndTag } from '../deliver/tagged-render.js';
import type { FromWorker, ToWorker } from './pool.js';

/**
 * Worker entry: renders one deliverable per message (compliance loop, tags, hash). A user
 * mistake (a ceiling out of reach) comes back as its sentence; anything else crashes the
 * worker, and the pool reports it.
 */
const port = parentPort;
if (!port) throw new Error('deliver-worker must run as a worker thread');

port.on('message', async ({ index, job }: ToWorker<DeliverJob>) => {
  const source = new LoopSource(job.source.audio, job.source.truePeakDbtp);
  if (job.firstPass) source.keep(job.firstPass.ceilingDbtp, job.firstPass.candidate);
  let result: DeliverOutcome;
  try {
    const tagged = await renderAndTag(source, job.spec, job.ceilingDbtp, job.masterRate, job.tags);
    result = { ok: true, tagged };
  } catch (error) {
    if (!isMixdownError(error)) throw error;
    result = { ok: false, error: { code: error.code, message: error.message } };
  }
  port.postMessage({ index, kind: 'result', result } satisfies FromWorker<DeliverOutcome, never>);
});
