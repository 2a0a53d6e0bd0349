import { parentPort } from 'node:worker_threads';
import type { AudioData } from '../core/audio.js';
import type { ResolvedSession } from '../session/resolved.js';
import { FileSourceProvider } from './file-sources.js';
import { MemorySourceProvider, type SourceProvider } from './source-provider.js';
import { TrackRenderer } from './track-renderer.js';

/** How a worker opens sources: from the project's files, or from audio sent along (tests, embedding). */
export type WorkerSources =
  | { readonly kind: 'files'; readonly cacheDir: string }
  | { readonly kind: 'memory'; readonly audio: ReadonlyMap<string, AudioData> };

export type TrackWorkerRequest =
  | {
      readonly kind: 'init';
      readonly session: ResolvedSession;
      readonly names: readonly string[];
      readonly maxBlockSize: number;
      readonly files: ReadonlyMap<string, AudioData>;
      readonly sources: WorkerSources;
    }
  | { readonly kind: 'render'; readonly start: number; readonly length: number }
  | { readonly kind: 'close' };

export type TrackWorkerReply =
  | { readonly kind: 'ready'; readonly tracks: ReturnType<TrackRenderer['describe']> }
  | { readonly kind: 'chunk'; readonly start: number; readonly buffers: Float32Array[][] }
  | { readonly kind: 'closed' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

/** Worker entry: renders a fixed set of tracks chunk by chunk, on request, in order. */
const port = parentPort;
if (!port) throw new Error('track-worker must run as a worker thread');
let renderer: TrackRenderer | undefined;
// Requests are handled one at a time, in arrival order, so chunks come back in order.
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: TrackWorkerRequest) => {
  queue = queue
    .then(() => handle(request))
    .catch((error: unknown) => {
      const code = (error as { code?: string }).code ?? 'internal';
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ kind: 'error', code, message } satisfies TrackWorkerReply);
    });
});

async function handle(request: TrackWorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init': {
      const provider: SourceProvider =
        request.sources.kind === 'files'
          ? new FileSourceProvider(request.sources.cacheDir)
          : new MemorySourceProvider(request.sources.audio);
      const byId = new Map(request.session.sources.map((s) => [s.id, s]));
      renderer = new TrackRenderer(request.session, request.names, {
        maxBlockSize: request.maxBlockSize,
        files: request.files,
        openSource: (clip) =>
          provider.open(byId.get(clip.sourceId)!, request.session.sampleRate, clip.clip.edits),
      });
      port!.postMessage({ kind: 'ready', tracks: renderer.describe() } satisfies TrackWorkerReply);
      return;
    }
    case 'render': {
      const buffers = await renderer!.render(request.start, request.length);
      port!.postMessage(
        { kind: 'chunk', start: request.start, buffers } satisfies TrackWorkerReply,
        buffers.flat().map((b) => b.buffer as ArrayBuffer),
      );
      return;
    }
    case 'close':
      await renderer?.close();
      port!.postMessage({ kind: 'closed' } satisfies TrackWorkerReply);
      return;
  }
}
