import { basename, join } from 'node:path';
import { analyzeAudio } from '../analysis/index.js';
import { readAudio } from '../io/index.js';
import { predictPlayback } from '../master/platform-playback.js';
import { findPlatform } from '../master/platforms.js';
import { qualityWarnings } from '../master/quality-warnings.js';
import {
  type Deliverable,
  renderDeliveryReport,
  reportSignal,
  writeReport,
} from '../report/index.js';
import type { DeliveryResult } from './deliver.js';

const LOSSY = new Set(['mp3', 'ogg-vorbis']);

/**
 * The delivery report, `report.html` (and its figures) in the delivery folder: the master
 * measured as it is, every deliverable with its loudness, true peak (decoded, for lossy
 * files), ceiling, margin and hash — straight from the manifest, which is itself a
 * re-measurement of each written file — and what each platform will do with it.
 */
export async function writeDeliveryReport(options: {
  readonly masterPath: string;
  readonly outputDir: string;
  readonly result: DeliveryResult;
  readonly version: string;
}): Promise<string[]> {
  const { manifest } = options.result;
  const master = await readAudio(options.masterPath);
  const analysis = analyzeAudio(master, { series: true });
  const deliverables: Deliverable[] = manifest.files.map((file) => ({
    fileName: file.path,
    format: file.codec.description,
    integratedLufs: file.integratedLufs ?? Number.NEGATIVE_INFINITY,
    truePeakDbtp: file.truePeakDbtp ?? Number.NEGATIVE_INFINITY,
    ...(LOSSY.has(file.format) ? { decodedTruePeakDbtp: file.truePeakDbtp } : {}),
    ceilingDbtp: file.compliance.ceilingDbtp,
    sha256: file.sha256,
    sizeBytes: file.bytes,
  }));
  const strictest = Math.min(...manifest.platforms.map((p) => p.ceilingDbtp));
  const playback = manifest.platforms.flatMap((p) => {
    const platform = findPlatform(p.id);
    return platform
      ? [
          predictPlayback(platform, {
            integratedLufs: analysis.integratedLufs,
            truePeakDbtp: analysis.truePeakDbtp,
          }),
        ]
      : [];
  });
  const report = renderDeliveryReport({
    title: `Delivery of ${basename(options.masterPath)}`,
    inputFile: basename(options.masterPath),
    target: { lufs: null, ceilingDbtp: strictest },
    after: { ...reportSignal('Master', master, analysis), diagnostics: qualityWarnings(analysis) },
    playback,
    diagnostics: options.result.diagnostics,
    deliverables,
    generatedBy: `mixdown ${options.version}`,
  });
  return writeReport(options.outputDir, 'report', report);
}

export function deliveryReportPath(outputDir: string): string {
  return join(outputDir, 'report.html');
}
