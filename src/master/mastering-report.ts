import { basename, dirname, extname } from 'node:path';
import { analyzeAudio } from '../analysis/index.js';
import { diagnostic } from '../core/diagnostics.js';
import { readAudio } from '../io/index.js';
import {
  type ChainStageNote,
  type GainReductionSeries,
  renderMasteringReport,
  reportSignal,
  writeReport,
} from '../report/index.js';
import type { ParsedInsert } from '../session/schema.js';
import { describeInsert, type MasterResult } from './master.js';
import { predictPlayback } from './platform-playback.js';
import { PLATFORMS } from './platforms.js';
import type { MonoFoldDown } from './previews/mono-fold.js';
import { qualityWarnings } from './quality-warnings.js';
import type { MasteringTarget } from './targets.js';

/** Where a master's report goes: `<master>-report.html` (and its figures) beside the master. */
export function reportBaseName(output: string): string {
  return `${basename(output, extname(output))}-report`;
}

/**
 * Writes the mastering report for a finished master: the mix and the master read back from
 * disk and measured (what is shown is what was written), the limiter's gain reduction as it
 * ran, the chain with one line per decision, what each platform will do with the master and
 * what it loses in mono.
 * Returns the paths written.
 */
export async function writeMasteringReport(options: {
  readonly mixPath: string;
  readonly mixName: string;
  readonly masterPath: string;
  readonly target: MasteringTarget;
  readonly result: MasterResult;
  readonly version: string;
  /** The mono fold-down check of the master as written. */
  readonly monoFold?: MonoFoldDown;
}): Promise<string[]> {
  const { result, target } = options;
  const mix = await readAudio(options.mixPath);
  const before = reportSignal('Mix', mix, analyzeAudio(mix, { series: true }));
  const master = await readAudio(options.masterPath);
  const afterAnalysis = analyzeAudio(master, { series: true });
  const after = {
    ...reportSignal('Master', master, afterAnalysis),
    diagnostics: qualityWarnings(afterAnalysis),
  };
  const limiting = result.targeting.limiting;
  const gainReduction: GainReductionSeries[] =
    limiting.reductionTraceDb.length > 0
      ? [
          {
            label: 'Limiter',
            hopSeconds: limiting.traceHopSeconds,
            gainDb: limiting.reductionTraceDb.map((r) => -r),
          },
        ]
      : [];
  const chain: ChainStageNote[] = result.chain.map((insert: ParsedInsert) => ({
    name: insert.type,
    explanation: describeInsert(insert),
  }));
  const report = renderMasteringReport({
    title: `Master of ${options.mixName}`,
    inputFile: options.mixName,
    outputFile: basename(options.masterPath),
    target: {
      ...(target.preset ? { platform: target.name } : {}),
      lufs: target.lufs,
      ceilingDbtp: target.ceilingDbtp,
    },
    before,
    after,
    gainReduction,
    chain,
    diagnostics: result.decisions.map((d) => diagnostic('mastering-decision', 'info', d)),
    playback: PLATFORMS.map((p) =>
      predictPlayback(p, {
        integratedLufs: afterAnalysis.integratedLufs,
        truePeakDbtp: afterAnalysis.truePeakDbtp,
      }),
    ),
    ...(options.monoFold ? { monoFold: options.monoFold } : {}),
    generatedBy: `mixdown ${options.version}`,
  });
  return writeReport(dirname(options.masterPath), reportBaseName(options.masterPath), report);
}
