import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import type { AudioInfo } from '../io/types.js';
import { type PlatformPlayback, predictPlayback } from '../master/platform-playback.js';
import { findPlatform, PLATFORMS, type PlatformTarget } from '../master/platforms.js';
import { qualityWarnings } from '../master/quality-warnings.js';
import {
  type AnalyzeJob,
  type AnalyzeOutcome,
  type AnalyzeProgress,
  analyzeFileOutcome,
} from '../workers/analyze-task.js';
import { runPool } from '../workers/pool.js';
import { siblingModule } from '../workers/worker-url.js';
import { type CliIo, ExitCode } from './cli-io.js';
import {
  formatChannels,
  formatDuration,
  formatLevel,
  formatSampleRate,
  renderTable,
} from './format.js';
import { toJson } from './json.js';
import { parseWholeNumber } from './parse-number.js';
import type { CommandContext } from './program.js';
import { ProgressDisplay } from './progress.js';

interface AnalyzeOptions {
  json?: boolean;
  platforms?: string | boolean;
  series?: boolean;
  details?: boolean;
  jobs?: string;
  truePeakOversampling?: string;
  progress: boolean;
}

/** One analysed file as the CLI reports it (the `--json` schema, documented in README.md). */
export type FileResult =
  | (Omit<Extract<AnalyzeOutcome, { ok: true }>, 'info'> & {
      readonly path: string;
      /** The file's info without its own copy of the path (`path` above is the one typed). */
      readonly info: Omit<AudioInfo, 'path'>;
      readonly warnings: readonly Diagnostic[];
      readonly platforms?: readonly PlatformPlayback[];
    })
  | (Extract<AnalyzeOutcome, { ok: false }> & { readonly path: string });

export function registerAnalyze(program: Command, context: CommandContext): void {
  program
    .command('analyze')
    .description(
      'Measure loudness (BS.1770-4 / EBU R128), true peak and signal statistics of audio files, and predict what each streaming platform will do to them.',
    )
    .argument('<files...>', 'audio files: WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus')
    .option('--json', 'print machine-readable JSON (stable field names, units in the names)')
    .option(
      '--platforms [list]',
      `predict playback on platforms (comma-separated; all when no list): ${PLATFORMS.map((p) => p.id).join(', ')}`,
    )
    .option('--details', 'show every statistic for every file (the default for a single file)')
    .option('--series', 'include momentary and short-term loudness every 100 ms in the JSON')
    .option('--jobs <n>', 'files analysed at once (default: one per core)')
    .option(
      '--true-peak-oversampling <factor>',
      'true-peak oversampling factor (default 4× at every rate)',
    )
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
Exit status: 0 when every file was analysed, 1 when any file could not be read (the others
are still analysed and the failures listed at the end), 2 for a wrong command line.

Examples:
  mixdown analyze song.wav
  mixdown analyze --platforms spotify,apple master.wav
  mixdown analyze --json album/*.flac > loudness.json`,
    )
    .action(async (files: string[], options: AnalyzeOptions) => {
      context.setExitCode(await analyzeCommand(files, options, context.io));
    });
}

async function analyzeCommand(
  files: string[],
  options: AnalyzeOptions,
  io: CliIo,
): Promise<number> {
  const platforms = parsePlatforms(options.platforms);
  const jobCount = parsePositiveInteger(options.jobs, '--jobs') ?? availableParallelism();
  const oversampling = parsePositiveInteger(
    options.truePeakOversampling,
    '--true-peak-oversampling',
  );
  if (oversampling !== undefined && oversampling > 32) {
    throw new MixdownError(
      'invalid-argument',
      `--true-peak-oversampling must be between 1 and 32, got ${oversampling}.`,
    );
  }

  // Messages name files as the user typed them where that path works as it is.
  const jobs: AnalyzeJob[] = files.map((file) => ({
    path: io.cwd === process.cwd() ? file : resolve(io.cwd, file),
    series: options.series === true,
    truePeakOversampling: oversampling,
  }));
  const output = new OrderedOutput(files, options, platforms, io);
  const progress = new BatchProgress(io, files.length, options.progress);

  const finish = (index: number, outcome: AnalyzeOutcome): void => {
    progress.fileDone(index);
    output.add(index, outcome);
  };

  if (jobCount <= 1 || jobs.length === 1) {
    for (let i = 0; i < jobs.length; i++) {
      finish(i, await analyzeFileOutcome(jobs[i], (p) => progress.update(i, p)));
    }
  } else {
    await runPool<AnalyzeJob, AnalyzeOutcome, AnalyzeProgress>(
      siblingModule(import.meta.url, '../workers/analyze-worker'),
      jobs,
      jobCount,
      {
        onProgress: (i, p) => progress.update(i, p),
        onResult: finish,
        onCrash: (i, error) => ({
          ok: false,
          error: {
            code: 'internal',
            message: `${files[i]}: mixdown failed unexpectedly (${error.message}); please report this with the file.`,
          },
        }),
      },
    );
  }
  progress.stop();
  return output.finish();
}

function parsePlatforms(value: string | boolean | undefined): PlatformTarget[] {
  if (value === undefined || value === false) return [];
  if (value === true) return [...PLATFORMS];
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
    .map((name) => {
      const platform = findPlatform(name);
      if (!platform) {
        throw new MixdownError(
          'invalid-argument',
          `Unknown platform "${name}"; choose from ${PLATFORMS.map((p) => p.id).join(', ')}.`,
        );
      }
      return platform;
    });
}

export function parsePositiveInteger(
  value: string | undefined,
  option: string,
): number | undefined {
  return value === undefined ? undefined : parseWholeNumber(value, option, 1);
}

/** Aggregates per-file progress into one bar. */
class BatchProgress {
  private readonly display: ProgressDisplay;
  private readonly fractions: number[];
  private readonly seconds: number[];
  private done = 0;

  constructor(
    io: CliIo,
    private readonly fileCount: number,
    enabled: boolean,
  ) {
    this.display = new ProgressDisplay(io, 'analyze', enabled);
    this.fractions = new Array(fileCount).fill(0);
    this.seconds = new Array(fileCount).fill(0);
  }

  update(index: number, p: AnalyzeProgress): void {
    this.fractions[index] = p.totalFrames > 0 ? p.framesDone / p.totalFrames : 0;
    this.seconds[index] = p.framesDone / p.sampleRate;
    this.redraw();
  }

  fileDone(index: number): void {
    this.fractions[index] = 1;
    this.done++;
    this.redraw();
  }

  stop(): void {
    this.display.stop();
  }

  private redraw(): void {
    const total = this.fractions.reduce((a, b) => a + b, 0) / this.fileCount;
    const seconds = this.seconds.reduce((a, b) => a + b, 0);
    this.display.update(total, seconds, `${this.done}/${this.fileCount} files`);
  }
}

/**
 * Prints results in input order as they arrive (workers finish in any order): table rows
 * stream out; per-file details, warnings and platform predictions follow the table; the
 * files that could not be read are listed last, on stderr.
 */
class OrderedOutput {
  private readonly results: (FileResult | undefined)[];
  private printed = 0;
  private readonly nameWidth: number;

  constructor(
    private readonly files: string[],
    private readonly options: AnalyzeOptions,
    private readonly platforms: PlatformTarget[],
    private readonly io: CliIo,
  ) {
    this.results = new Array(files.length);
    this.nameWidth = Math.max(4, ...files.map((f) => f.length));
  }

  add(index: number, outcome: AnalyzeOutcome): void {
    this.results[index] = this.toFileResult(this.files[index], outcome);
    while (this.printed < this.results.length && this.results[this.printed]) {
      if (!this.options.json) this.printRow(this.printed);
      this.printed++;
    }
  }

  finish(): number {
    const results = this.results as FileResult[];
    if (this.options.json) {
      this.io.stdout.write(`${toJson({ tool: 'mixdown', command: 'analyze', files: results })}\n`);
    } else {
      const showDetails = this.options.details === true || results.length === 1;
      for (const result of results) {
        if (result.ok) this.printSections(result, showDetails);
      }
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      const count = failed.length === 1 ? '1 file' : `${failed.length} files`;
      this.io.stderr.write(`\n${count} could not be analysed:\n`);
      for (const f of failed) if (!f.ok) this.io.stderr.write(`  ${f.error.message}\n`);
      return ExitCode.inputError;
    }
    return ExitCode.ok;
  }

  private toFileResult(path: string, outcome: AnalyzeOutcome): FileResult {
    if (!outcome.ok) return { ...outcome, path };
    const measured = outcome.report;
    const { path: _resolved, ...info } = outcome.info;
    return {
      ...outcome,
      path,
      info,
      warnings: qualityWarnings(measured),
      platforms:
        this.platforms.length > 0
          ? this.platforms.map((p) => predictPlayback(p, measured))
          : undefined,
    };
  }

  private static readonly HEADER = [
    'length',
    'integrated',
    'LRA',
    'true peak',
    'sample peak',
    'max M',
    'max S',
    'PLR',
  ];
  private static readonly UNITS = ['', 'LUFS', 'LU', 'dBTP', 'dBFS', 'LUFS', 'LUFS', 'dB'];
  private static readonly WIDTHS = [9, 10, 5, 9, 11, 6, 6, 5];

  private printRow(index: number): void {
    const out = this.io.stdout;
    if (index === 0) {
      out.write(`${this.cells(['file', ...OrderedOutput.HEADER])}\n`);
      out.write(`${this.cells(['', ...OrderedOutput.UNITS])}\n`);
    }
    const result = this.results[index]!;
    if (!result.ok) {
      out.write(`${result.path.padEnd(this.nameWidth)}  could not be analysed (see below)\n`);
      return;
    }
    const r = result.report;
    out.write(
      `${this.cells([
        result.path,
        formatDuration(r.durationSeconds),
        formatLevel(r.integratedLufs),
        formatLevel(r.loudnessRangeLu),
        formatLevel(r.truePeakDbtp, 1, true),
        formatLevel(r.samplePeakDbfs, 1, true),
        formatLevel(r.maxMomentaryLufs),
        formatLevel(r.maxShortTermLufs),
        formatLevel(r.plrDb),
      ])}\n`,
    );
  }

  private cells(values: string[]): string {
    const [name, ...rest] = values;
    return [name.padEnd(this.nameWidth), ...rest.map((v, i) => v.padStart(OrderedOutput.WIDTHS[i]))]
      .join('  ')
      .trimEnd();
  }

  private printSections(result: Extract<FileResult, { ok: true }>, details: boolean): void {
    const lines: string[] = [];
    const r = result.report;
    const info = result.info;
    if (details) {
      const channelNames = r.channels === 2 ? ['L', 'R'] : r.perChannel.map((_, i) => `${i + 1}`);
      const perChannel = (pick: (i: number) => string): string =>
        r.perChannel.map((_, i) => `${channelNames[i]} ${pick(i)}`).join(', ');
      lines.push(
        `${result.path}: ${info.format.toUpperCase()} ${info.codec}, ${formatSampleRate(info.sampleRate)}, ${formatChannels(info.channels)}, ${formatDuration(r.durationSeconds)}`,
        `  RMS ${formatLevel(r.rmsDbfs)} dBFS · crest factor ${formatLevel(r.crestFactorDb)} dB · stereo correlation ${r.stereoCorrelation === null ? 'n/a' : formatLevel(r.stereoCorrelation, 2, true)} · clipped samples ${r.clippedSamples}`,
        `  true peak per channel (${r.truePeakOversampling}× oversampling): ${perChannel((i) => `${formatLevel(r.perChannel[i].truePeakDbtp, 1, true)} dBTP`)}`,
        `  DC offset: ${perChannel((i) => formatLevel(r.perChannel[i].dcOffset, 5, true))} · silence: ${r.leadingSilenceSeconds.toFixed(2)} s lead, ${r.trailingSilenceSeconds.toFixed(2)} s trail`,
      );
    }
    const heading = details ? '' : `${result.path}:`;
    const warningLines = result.warnings.map((w) => `  ${w.severity}: ${w.message}`);
    if (!details && (warningLines.length > 0 || result.platforms)) lines.push(heading);
    lines.push(...warningLines);
    if (result.platforms) lines.push(...this.platformLines(result.platforms));
    if (lines.length > 0) this.io.stdout.write(`\n${lines.join('\n')}\n`);
  }

  private platformLines(playbacks: readonly PlatformPlayback[]): string[] {
    const rows = playbacks.map((p) => {
      const target = PLATFORMS.find((t) => t.id === p.platform)!;
      return [
        `${p.platformName}${target.uncertain ? ' *' : ''}`,
        target.targetLufs === null ? 'none' : formatLevel(target.targetLufs),
        `${formatLevel(p.ceilingDbtp)}${p.overCeiling ? ' !' : '  '}`,
        p.gainDb === null ? '—' : formatLevel(p.gainDb, 1, true),
        formatLevel(p.playbackLufs),
        formatLevel(p.playbackTruePeakDbtp, 1, true),
      ];
    });
    const table = renderTable(
      ['platform', 'target LUFS', 'ceiling dBTP', 'gain dB', 'plays at LUFS', 'true peak dBTP'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right'],
    );
    const notes = playbacks.flatMap((p) =>
      p.diagnostics
        .filter((d) => d.code !== 'true-peak-over-ceiling')
        .map((d) => `  ${d.severity}: ${d.message}`),
    );
    const tooHot = playbacks.filter((p) => p.overCeiling);
    if (tooHot.length > 0) {
      // One line instead of one per platform: the fix is the same, the strictest ceiling.
      const strictest = Math.min(...tooHot.map((p) => p.ceilingDbtp));
      notes.unshift(
        `  warning: the true peak is above the recommended ceiling of ${tooHot.length} of these destinations (marked !); lossy encoding may distort it — limit to ${formatLevel(strictest)} dBTP to satisfy them all.`,
      );
    }
    const footnote = playbacks.some((p) => PLATFORMS.find((t) => t.id === p.platform)?.uncertain)
      ? ['  * figure not confirmed by the platform itself (see README, "Platform targets")']
      : [];
    return [
      '',
      ...table.split('\n').map((l) => `  ${l}`),
      ...footnote,
      ...(notes.length > 0 ? ['', ...notes] : []),
    ];
  }
}
