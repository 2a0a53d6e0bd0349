import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker from a module next to the caller. Built code runs `.js` directly; when the
 * engine runs from TypeScript source (tests, `tsx`), the worker needs the same loader.
 */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  const fromSource = url.pathname.endsWith('.ts');
  const execArgv = fromSource ? [...process.execArgv, '--import', 'tsx'] : process.execArgv;
  return new Worker(url, { ...options, execArgv });
}

/** The sibling module `name` (without extension) of `base`, in the same flavour (.ts or .js). */
export function siblingModule(base: string, name: string): URL {
  const extension = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, base);
}
