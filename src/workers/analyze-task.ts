import { analyzeReader } from '../analysis/index.js';
import type { AnalysisReport } from '../analysis/types.js';
import { isMixdownError } from '../core/errors.js';
import { openAudio } from '../io/index.js';
import type { AudioInfo } from '../io/types.js';

export interface AnalyzeJob {
  readonly path: string;
  readonly series: boolean;
  readonly truePeakOversampling?: number;
}

export interface AnalyzeProgress {
  readonly framesDone: number;
  readonly totalFrames: number;
  readonly sampleRate: number;
}

export type AnalyzeOutcome =
  | { readonly ok: true; readonly info: AudioInfo; readonly report: AnalysisReport }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/**
 * Analyse one file and never throw: a bad file becomes an outcome with its one-sentence
 * error, so the other files of a batch are still analysed.
 */
export async function analyzeFileOutcome(
  job: AnalyzeJob,
  onProgress?: (progress: AnalyzeProgress) => void,
): Promise<AnalyzeOutcome> {
  try {
    const reader = await openAudio(job.path);
    try {
      const { sampleRate, frames } = reader.info;
      const report = await analyzeReader(reader, {
        series: job.series,
        truePeakOversampling: job.truePeakOversampling,
        channelMask: reader.info.channelMask,
        onProgress: onProgress
          ? (framesDone: number) => onProgress({ framesDone, totalFrames: frames, sampleRate })
          : undefined,
      });
      return { ok: true, info: reader.info, report };
    } finally {
      await reader.close();
    }
  } catch (error) {
    return { ok: false, error: describeFailure(job.path, error) };
  }
}

export function describeFailure(path: string, error: unknown): { code: string; message: string } {
  if (isMixdownError(error)) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  if (process.env.MIXDOWN_DEBUG && error instanceof Error) console.error(error.stack);
  return {
    code: 'internal',
    message: `${path}: mixdown failed unexpectedly (${detail}); please report this with the file.`,
  };
}
