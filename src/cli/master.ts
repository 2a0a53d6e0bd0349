import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { LoudnessMeter, TruePeakMeter } from '../analysis/index.js';
import { MixdownError } from '../core/errors.js';
import { gainToDb } from '../core/units.js';
import { createWriter, openAudio, readAudio, writeFileAtomic } from '../io/index.js';
import { quantizeSample } from '../io/pcm.js';
import type { AudioWriter } from '../io/types.js';
import {
  type ChainTarget,
  chainDocument,
  loadChainFiles,
  type ParsedChain,
  parseInserts,
  readChainFile,
} from '../master/chain.js';
import { describeInsert, type MasterResult, masterProgramme } from '../master/master.js';
import { writeMasteringReport } from '../master/mastering-report.js';
import {
  BASS_BAND_HZ,
  DEFAULT_PREVIEW_SECONDS,
  type MonoFoldDown,
  MonoFoldMeter,
} from '../master/previews/index.js';
import { fileProgramme, forEachBlock, scratchWorkspace } from '../master/programme.js';
import type { MatchOptions } from '../master/reference/index.js';
import { DEFAULT_MAX_LIMITING_DB, MIN_PROGRAMME_SECONDS } from '../master/targeting.js';
import { type MasteringTarget, presetNames, resolveTarget } from '../master/targets.js';
import {
  MAX_PREVIEW_SECONDS,
  MIN_PREVIEW_SECONDS,
  previewsDirFor,
  writePreviews,
} from '../master/write-previews.js';
import { encodeOptionsFor, renderToFiles } from '../mix/render-project.js';
import { monoFoldVerdictLine } from '../report/index.js';
import {
  formatSessionJson,
  loadProject,
  RENDERS_DIR,
  type SessionDocument,
  SessionError,
  saveSession,
  validateDocument,
} from '../session/index.js';
import type { ParsedInsert } from '../session/schema.js';
import { ExitCode } from './cli-io.js';
import { formatChannels, formatDuration, formatLevel, formatSampleRate } from './format.js';
import { optionalNumber } from './parse-number.js';
import type { CommandContext } from './program.js';
import { ProgressDisplay } from './progress.js';
import { VERSION } from './version.js';

/**
 * `mixdown master <mix | session>`: the mastering chain and loudness targeting over a mix
 * file, or over a session rendered first. Writes the master atomically (nothing under the
 * final name unless every check passed, measured on the samples exactly as written) and the
 * chain that was used — beside the output as `<output>.chain.json` for a file, in the
 * session's `mastering` section for a session — so the user can edit it and master again.
 *
 * Mono mixes are mastered as mono (measured as one channel, as BS.1770 defines); more than
 * two channels are refused.
 */

const MASTER_FORMATS = ['wav24', 'wav32f', 'flac'] as const;
type MasterFormat = (typeof MASTER_FORMATS)[number];

interface MasterOptions {
  output?: string;
  target?: string;
  lufs?: string;
  ceiling?: string;
  chain?: string;
  maxLimiting?: string;
  format?: string;
  reference?: string[];
  matchEq?: string;
  matchLoudness?: string;
  matchWidth?: string;
  report: boolean;
  previews?: boolean;
  previewSeconds?: string;
  progress: boolean;
}

export function registerMaster(program: Command, context: CommandContext): void {
  program
    .command('master')
    .description(
      'Master a mix (or a session, rendered first) to a loudness target and true-peak ceiling.',
    )
    .argument(
      '<input>',
      'a mix (WAV, AIFF, FLAC, MP3, Ogg) or a session (project folder or session.json)',
    )
    .option(
      '-o, --output <file>',
      'master file (default: <mix>-master.wav beside a mix, <project>/renders/master.wav for a session)',
    )
    .option('--target <platform>', `a preset: ${presetNames().join(', ')} (default spotify)`)
    .option('--lufs <LUFS>', 'integrated loudness target, −40 … −3 (overrides the preset)')
    .option('--ceiling <dBTP>', 'true-peak ceiling, −12 … 0 (overrides the preset)')
    .option(
      '--chain <file>',
      'a chain file (mixdown-chain JSON), e.g. one written by an earlier run',
    )
    .option(
      '--max-limiting <dB>',
      `most peak gain reduction the final limiter may apply (default ${DEFAULT_MAX_LIMITING_DB})`,
    )
    .option(
      '--format <format>',
      `${MASTER_FORMATS.join(' | ')} (default: flac for .flac, else wav24)`,
    )
    .option(
      '--reference <file[:weight]>',
      'a reference track to match (tonal balance, loudness, width), weight 1 unless given; repeat for several',
      // Repeatable rather than variadic: each --reference takes one file, so the mix argument
      // after it is never swallowed as another reference.
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--match-eq <percent>',
      'how much of the reference tonal balance to apply (default 100)',
    )
    .option(
      '--match-loudness <percent>',
      "how far toward the references' loudness when no target is given (default 100)",
    )
    .option(
      '--match-width <percent>',
      'how much of the reference stereo width to apply (default 100)',
    )
    .option('--no-report', 'do not write the HTML report beside the master')
    .option(
      '--previews',
      'also write <output>-previews/: the loudest stretch as heard on phone, laptop, earbuds, car and club, and as each normalising platform plays it',
    )
    .option(
      '--preview-seconds <s>',
      `length of each preview, ${MIN_PREVIEW_SECONDS} … ${MAX_PREVIEW_SECONDS} (default ${DEFAULT_PREVIEW_SECONDS}; implies --previews)`,
    )
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
The chain ends in a true-peak limiter; its drive is iterated until the master measures within
±0.1 LU of the target with its true peak (8×) under the ceiling.
Without --chain the mastering assistant analyses the mix (tonal balance against a balanced
curve or the references, dynamics, stereo width, sibilance) and chooses the chain, one line
of reason per decision; the chain used is written beside the master as <output>.chain.json
(or into the session's "mastering" section) — edit it and master again with --chain.

Every master is folded to mono, (L + R)/2, and checked: loudness lost, bass (20–120 Hz) lost
and the correlation of L and R are printed and shown in the report with a verdict. With
--previews, <output>-previews/ holds 32-bit float WAV excerpts (the same loudest stretch in
each): device-phone.wav (mono), device-laptop.wav, device-earbuds.wav, device-car.wav,
device-club.wav — representative curves of each class of device, not of any product — and
platform-<id>.wav for each platform that normalises (its predicted gain applied, and its own
limiter where it has one), with previews.json saying what each file is.

Exit status: 0 mastered; 1 an input could not be used (unreadable, silent, too short, more
than two channels, unwritable output); 2 a wrong command line (unknown platform, a target out
of range); 3 the target could not be reached (nothing is written; the reason and what was
reached are printed).

Examples:
  mixdown master mix.wav --target spotify -o master.wav
  mixdown master mix.wav --lufs -9 --ceiling -1 -o loud.wav
  mixdown master mix.wav --chain master.wav.chain.json -o master-2.wav
  mixdown master mix.wav --target apple --previews --preview-seconds 30
  mixdown master my-song --target apple`,
    )
    .action(async (input: string, options: MasterOptions) => {
      context.setExitCode(await masterCommand(input, options, context));
    });
}

function parsePercent(value: string | undefined, option: string): number | undefined {
  const number = optionalNumber(value, option);
  if (number !== undefined && !(number >= 0 && number <= 100)) {
    throw new MixdownError('invalid-argument', `${option} must be 0 to 100, got "${value}".`);
  }
  return number;
}

/** "ref.wav" or "ref.wav:2" (a weight among several references). */
function parseReference(text: string, cwd: string): { path: string; name: string; weight: number } {
  const match = /^(.*):(\d+(?:\.\d+)?)$/.exec(text);
  const file = match ? match[1] : text;
  const weight = match ? Number(match[2]) : 1;
  if (!(weight > 0))
    throw new MixdownError('invalid-argument', `--reference ${text}: the weight must be above 0.`);
  return { path: resolve(cwd, file), name: basename(file), weight };
}

function parseFormat(value: string | undefined, output: string): MasterFormat {
  if (value === undefined) return extname(output).toLowerCase() === '.flac' ? 'flac' : 'wav24';
  if (value === 'wav16') {
    throw new MixdownError(
      'invalid-argument',
      '--format wav16 is not offered for masters: 16-bit needs dither, which "mixdown deliver" adds; use wav24, wav32f or flac.',
    );
  }
  if (!MASTER_FORMATS.includes(value as MasterFormat)) {
    throw new MixdownError(
      'invalid-argument',
      `--format must be one of ${MASTER_FORMATS.join(', ')}, got "${value}".`,
    );
  }
  return value as MasterFormat;
}

/** Bits the format stores samples with (undefined: 32-bit float, stored exactly). */
function storedBits(format: MasterFormat): number | undefined {
  return format === 'wav32f' ? undefined : 24;
}

function isSessionInput(absolute: string, isDirectory: boolean): boolean {
  return isDirectory || extname(absolute).toLowerCase() === '.json';
}

function relativeName(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

async function masterCommand(
  input: string,
  options: MasterOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const lufs = optionalNumber(options.lufs, '--lufs');
  const ceiling = optionalNumber(options.ceiling, '--ceiling');
  const maxLimitingDb = optionalNumber(options.maxLimiting, '--max-limiting');
  if (maxLimitingDb !== undefined && !(maxLimitingDb >= 0 && maxLimitingDb <= 24)) {
    throw new MixdownError(
      'invalid-argument',
      `--max-limiting must be between 0 and 24 dB, got ${maxLimitingDb}.`,
    );
  }
  const previewSeconds = optionalNumber(options.previewSeconds, '--preview-seconds');
  if (
    previewSeconds !== undefined &&
    !(previewSeconds >= MIN_PREVIEW_SECONDS && previewSeconds <= MAX_PREVIEW_SECONDS)
  ) {
    throw new MixdownError(
      'invalid-argument',
      `--preview-seconds must be between ${MIN_PREVIEW_SECONDS} and ${MAX_PREVIEW_SECONDS}, got ${previewSeconds}.`,
    );
  }
  const previews =
    options.previews || previewSeconds !== undefined
      ? { seconds: previewSeconds ?? DEFAULT_PREVIEW_SECONDS }
      : undefined;
  const absoluteInput = resolve(io.cwd, input);
  const info = await stat(absoluteInput).catch(() => undefined);
  if (!info) {
    throw new MixdownError('file-not-found', `${input}: no such file or folder; check the path.`);
  }
  const chainFile = options.chain
    ? {
        path: resolve(io.cwd, options.chain),
        parsed: await readChainFile(resolve(io.cwd, options.chain)),
      }
    : undefined;
  const request = { preset: options.target, lufs, ceilingDbtp: ceiling };
  const references = (options.reference ?? []).map((text) => parseReference(text, io.cwd));
  const matchAmounts: MatchOptions = {
    matchEqPercent: parsePercent(options.matchEq, '--match-eq'),
    matchLoudnessPercent: parsePercent(options.matchLoudness, '--match-loudness'),
    matchWidthPercent: parsePercent(options.matchWidth, '--match-width'),
  };
  if (references.length > 0 && options.chain) {
    throw new MixdownError(
      'invalid-argument',
      '--reference chooses a chain by matching; it cannot be combined with --chain.',
    );
  }

  if (isSessionInput(absoluteInput, info.isDirectory())) {
    return masterSession(
      input,
      request,
      chainFile,
      { ...options, maxLimitingDb, references, matchAmounts, previews },
      context,
    );
  }
  const output = resolve(
    io.cwd,
    options.output ?? join(dirname(input), `${basename(input, extname(input))}-master.wav`),
  );
  const outcome = await masterFile({
    input: absoluteInput,
    inputName: input,
    output,
    format: parseFormat(options.format, output),
    request,
    chain: chainFile?.parsed,
    chainName: options.chain,
    chainBaseDir: chainFile ? dirname(chainFile.path) : dirname(absoluteInput),
    maxLimitingDb,
    references,
    matchAmounts,
    report: options.report,
    previews,
    progress: options.progress,
    context,
  });
  if (!outcome.written) return ExitCode.checkFailed;
  const chainPath = `${output}.chain.json`;
  await writeFileAtomic(
    chainPath,
    formatSessionJson(chainDocument(outcome.result.chain, outcome.chainTarget, outcome.notes)),
  );
  io.stdout.write(
    `  chain written to ${relativeName(io.cwd, chainPath)}: edit it and master again with --chain\n`,
  );
  return ExitCode.ok;
}

interface TargetRequest {
  readonly preset?: string;
  readonly lufs?: number;
  readonly ceilingDbtp?: number;
}

/** Command-line options override the chain file's (or session's) target. */
function combineTarget(
  request: TargetRequest,
  saved: { target: ChainTarget; from: string } | undefined,
  channels: number,
): MasteringTarget {
  const useSaved = saved !== undefined && request.preset === undefined;
  const fromSaved = (key: string) => `${saved?.from}: target.${key}`;
  try {
    return resolveTarget({
      preset: request.preset ?? saved?.target.platform,
      lufs: request.lufs ?? (useSaved ? saved.target.lufs : undefined),
      ceilingDbtp: request.ceilingDbtp ?? (useSaved ? saved.target.ceilingDbtp : undefined),
      channels,
      // A figure that came from a file is named by its place there in a refusal.
      labels: {
        preset: request.preset !== undefined ? '--target' : fromSaved('platform'),
        lufs: request.lufs !== undefined ? '--lufs' : fromSaved('lufs'),
        ceiling: request.ceilingDbtp !== undefined ? '--ceiling' : fromSaved('ceilingDbtp'),
      },
    });
  } catch (error) {
    // A bad figure in a file is an input problem (exit 1), not a command-line one.
    if (error instanceof MixdownError && saved && error.message.startsWith(saved.from)) {
      throw new MixdownError('invalid-session', error.message);
    }
    throw error;
  }
}

interface FileJob {
  readonly input: string;
  readonly inputName: string;
  readonly output: string;
  readonly format: MasterFormat;
  readonly request: TargetRequest;
  readonly chain?: ParsedChain;
  /** Where relative file parameters of the chain (impulse responses) are found. */
  readonly chainBaseDir: string;
  readonly chainPrefix?: string;
  readonly savedTarget?: ChainTarget;
  /** Where the chain and saved target came from, for messages ("master.wav.chain.json"). */
  readonly chainName?: string;
  readonly savedFrom?: string;
  readonly maxLimitingDb?: number;
  readonly references?: readonly {
    readonly path: string;
    readonly name: string;
    readonly weight: number;
  }[];
  readonly matchAmounts?: MatchOptions;
  readonly report: boolean;
  /** Write translation previews beside the master, each this long. */
  readonly previews?: { readonly seconds: number };
  readonly progress: boolean;
  readonly context: CommandContext;
  /** Runs after every check passed, before the master is renamed into place. */
  readonly beforeCommit?: (result: MasterResult, target: ChainTarget) => void;
}

type FileOutcome =
  | {
      written: true;
      result: MasterResult;
      chainTarget: ChainTarget;
      notes: readonly string[];
    }
  | { written: false };

async function masterFile(job: FileJob): Promise<FileOutcome> {
  const { io } = job.context;
  if (resolve(job.output) === resolve(job.input)) {
    throw new MixdownError(
      'invalid-argument',
      `-o ${basename(job.output)} would overwrite the mix itself; choose another name.`,
    );
  }
  const reader = await openAudio(job.input);
  const audio = reader.info;
  await reader.close();
  const name = job.inputName;
  if (audio.channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `${name} has ${audio.channels} channels; mixdown masters mono or stereo mixes, so fold it down to stereo first.`,
    );
  }
  const seconds = audio.frames / audio.sampleRate;
  if (seconds < MIN_PROGRAMME_SECONDS) {
    throw new MixdownError(
      'no-audio',
      `${name} is ${seconds.toFixed(2)} s long; mastering needs at least ${MIN_PROGRAMME_SECONDS} s (one loudness gating block).`,
    );
  }
  const saved = job.chain?.target
    ? { target: job.chain.target, from: job.chainName ?? 'the chain file' }
    : job.savedTarget
      ? { target: job.savedTarget, from: job.savedFrom ?? 'the session' }
      : undefined;
  const requested = combineTarget(job.request, saved, audio.channels);
  // No loudness asked for anywhere: with references, their loudness is the target
  // (--match-loudness of the way); the ceiling is the one requested or the default.
  const loudnessFromReferences =
    (job.references?.length ?? 0) > 0 &&
    job.request.preset === undefined &&
    job.request.lufs === undefined &&
    saved === undefined;
  const encode = encodeOptionsFor(job.format, audio.sampleRate, audio.channels);
  // Opened first: an unwritable folder is refused before any work, and nothing appears under
  // the final name until close().
  const writer = await createWriter(job.output, encode);
  const workspace = await scratchWorkspace();
  const progress = new ProgressDisplay(io, 'master', job.progress);
  let committed = false;
  try {
    const files = job.chain
      ? await loadChainFiles(job.chain.chain, job.chainBaseDir, audio.sampleRate, job.chainPrefix)
      : undefined;
    const references = [];
    for (const r of job.references ?? []) {
      const reader = await openAudio(r.path);
      const info = reader.info;
      await reader.close();
      references.push({ programme: fileProgramme(r.path, info), name: r.name, weight: r.weight });
    }
    const result = await masterProgramme(fileProgramme(job.input, audio), {
      target: requested,
      chain: job.chain?.chain,
      references,
      matchAmounts: job.matchAmounts,
      loudnessFromReferences,
      maxLimitingDb: job.maxLimitingDb,
      workspace,
      files,
      prefix: job.chainPrefix ?? 'chain',
      onStage: (stage) => progress.update(0, 0, stage),
      onPass: (pass, index) =>
        progress.update(
          Math.min(0.9, (index + 1) / 4),
          seconds * (index + 1),
          `pass ${index + 1}: drive ${formatLevel(pass.driveDb, 2, true)} dB → ${formatLevel(pass.integratedLufs, 2)} LUFS`,
        ),
    });
    const target = result.target;
    const chainTarget: ChainTarget = {
      ...(target.preset ? { platform: target.preset } : {}),
      lufs: target.lufs,
      ceilingDbtp: target.ceilingDbtp,
    };
    const t = result.targeting;
    if (t.outcome === 'silent') {
      throw new MixdownError(
        'no-audio',
        `${name} is silent (below the −70 LUFS gate): there is nothing to master.`,
      );
    }
    if (t.outcome === 'too-short') throw new MixdownError('no-audio', `${name}: ${t.reason}`);
    const written = t.reached ? await writeMaster(result, writer, job.format) : undefined;
    progress.stop();
    printSummary(io, job, target, result, written, audio.sampleRate, audio.channels);
    const ceilingHeld = written !== undefined && written.truePeakDbtp <= target.ceilingDbtp;
    if (!t.reached || !ceilingHeld) {
      const why = !t.reached
        ? t.reason
        : `Written at ${job.format}, the master's true peak reads ${written?.truePeakDbtp.toFixed(2)} dBTP, above the ${target.ceilingDbtp} dBTP ceiling.`;
      io.stderr.write(
        `mixdown: ${name} could not be mastered to the target: ${why} Nothing was written; allow more limiting with --max-limiting, or choose a quieter target or a chain that compresses more.\n`,
      );
      return { written: false };
    }
    job.beforeCommit?.(result, chainTarget);
    await writer.close();
    committed = true;
    if (job.report) {
      const paths = await writeMasteringReport({
        mixPath: job.input,
        mixName: job.inputName,
        masterPath: job.output,
        target,
        result,
        version: VERSION,
        monoFold: written?.monoFold,
      });
      io.stdout.write(
        `  report     ${relativeName(io.cwd, paths[0])} (figures as SVG beside it)\n`,
      );
    }
    if (job.previews) {
      const dir = previewsDirFor(job.output);
      const { manifest } = await writePreviews({
        master: await readAudio(job.output),
        masterName: basename(job.output),
        dir,
        seconds: job.previews.seconds,
        monoFold: written?.monoFold,
      });
      const { excerpt } = manifest;
      io.stdout.write(
        `  previews   ${relativeName(io.cwd, dir)}/: ${manifest.devices.length} devices, ${manifest.platforms.length} platforms, ${excerpt.seconds.toFixed(1)} s from ${formatDuration(excerpt.startSeconds)} (see previews.json)\n`,
      );
    }
    // A chain given keeps its own notes; the default chain brings its reasons.
    return { written: true, result, chainTarget, notes: job.chain?.notes ?? [...result.notes] };
  } finally {
    progress.stop();
    if (!committed) await writer.abort();
    await workspace.dispose();
  }
}

/**
 * Streams the master into the writer, measuring the samples exactly as the format stores them
 * (rounded to 24 bits where it is PCM): what is printed is what is in the file.
 */
async function writeMaster(
  result: MasterResult,
  writer: AudioWriter,
  format: MasterFormat,
): Promise<WrittenLevels> {
  const output = result.output!;
  const bits = storedBits(format);
  const loudness = new LoudnessMeter({ sampleRate: output.sampleRate, channels: output.channels });
  const peak = new TruePeakMeter({
    sampleRate: output.sampleRate,
    channels: output.channels,
    oversampling: result.targeting.truePeakOversampling,
  });
  const mono = new MonoFoldMeter(output.sampleRate, output.channels);
  const scale = bits === undefined ? 1 : 2 ** (bits - 1);
  await forEachBlock(output, async (channels, frames) => {
    if (bits !== undefined) {
      for (const data of channels) {
        for (let i = 0; i < frames; i++) data[i] = quantizeSample(data[i], bits) / scale;
      }
    }
    loudness.push(channels, frames);
    peak.push(channels, frames);
    mono.push(channels, frames);
    await writer.write(channels, frames);
  });
  return {
    integratedLufs: loudness.result().integratedLufs,
    truePeakDbtp: gainToDb(Math.max(...peak.result().truePeaks)),
    monoFold: mono.result(),
  };
}

interface WrittenLevels {
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
  readonly monoFold: MonoFoldDown;
}

function printSummary(
  io: CommandContext['io'],
  job: FileJob,
  target: MasteringTarget,
  result: MasterResult,
  written: WrittenLevels | undefined,
  sampleRate: number,
  channels: number,
): void {
  const t = result.targeting;
  const lines: string[] = [];
  const where = relativeName(io.cwd, job.output);
  lines.push(
    written
      ? `Mastered ${job.inputName} → ${where} (${formatSampleRate(sampleRate)}, ${formatChannels(channels)}, ${job.format})`
      : `Could not master ${job.inputName} to the target (nothing written)`,
  );
  lines.push(
    `  target     ${target.preset ? `${target.name} (${target.preset})` : target.name}: ${formatLevel(target.lufs)} LUFS, ceiling ${formatLevel(target.ceilingDbtp)} dBTP${target.uncertain ? ' (uncertain figures)' : ''}`,
  );
  lines.push('  chain');
  result.chain.forEach((insert, i) => {
    lines.push(`    ${i + 1}. ${describeInsert(insert)}`);
  });
  const levels = written ?? { integratedLufs: t.integratedLufs, truePeakDbtp: t.truePeakDbtp };
  const error = levels.integratedLufs - target.lufs;
  lines.push(
    `  loudness   ${formatLevel(levels.integratedLufs, 2)} LUFS (target ${formatLevel(target.lufs)}, ${formatLevel(error, 2, true)} LU) after ${t.passes.length} limiter pass${t.passes.length === 1 ? '' : 'es'}: ${t.passes.map((p) => `${formatLevel(p.driveDb, 2, true)} dB → ${formatLevel(p.integratedLufs, 2)}`).join(', ')}`,
  );
  lines.push(
    `  true peak  ${formatLevel(levels.truePeakDbtp, 2)} dBTP at ${t.truePeakOversampling}× (ceiling ${formatLevel(target.ceilingDbtp)}, margin ${formatLevel(target.ceilingDbtp - levels.truePeakDbtp, 2)} dB)${written ? ', measured on the samples as written' : ''}`,
  );
  const l = t.limiting;
  lines.push(
    l.limitedPercent > 0
      ? `  limiting   peak ${formatLevel(l.peakDb, 1)} dB, mean ${formatLevel(l.meanDb, 1)} dB while limiting, ${l.limitedPercent.toFixed(1)} % of the time (budget ${formatLevel(t.maxLimitingDb, 1)} dB)`
      : '  limiting   none (the peaks were already under the ceiling)',
  );
  if (written) lines.push(...monoLines(written.monoFold));
  lines.push('  decisions');
  for (const decision of [...result.decisions, t.reason]) lines.push(`    - ${decision}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** The mono fold-down figures and the report's verdict line, for the summary. */
function monoLines(fold: MonoFoldDown): string[] {
  if (fold.correlation === null) return [`  mono       ${monoFoldVerdictLine(fold)}`];
  return [
    `  mono       loudness ${formatLevel(fold.loudnessChangeDb, 1, true)} dB folded to (L + R)/2 (${formatLevel(fold.monoLufs, 2)} LUFS), bass ${BASS_BAND_HZ[0]}–${BASS_BAND_HZ[1]} Hz ${formatLevel(fold.bassChangeDb, 1, true)} dB, correlation ${formatLevel(fold.correlation, 2, true)}`,
    `             ${monoFoldVerdictLine(fold)}`,
  ];
}

async function masterSession(
  input: string,
  request: TargetRequest,
  chainFile: { path: string; parsed: ParsedChain } | undefined,
  options: Omit<MasterOptions, 'maxLimiting' | 'reference' | 'previews'> & {
    maxLimitingDb?: number;
    references: FileJob['references'];
    matchAmounts: MatchOptions;
    previews?: FileJob['previews'];
  },
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const project = await loadProject(input, { cwd: io.cwd });
  const document = project.document as Record<string, unknown>;
  const saved = document.mastering as { chain?: unknown[]; target?: ChainTarget } | undefined;
  let chain: ParsedChain | undefined = chainFile?.parsed;
  let chainPrefix = 'chain';
  if (!chain && saved?.chain && saved.chain.length > 0) {
    chain = {
      chain: parseInserts(saved.chain, 'mastering.chain', project.fileName),
      notes: [],
    };
    chainPrefix = 'mastering.chain';
  }
  const output = resolve(
    io.cwd,
    options.output ?? join(project.projectDir, RENDERS_DIR, 'master.wav'),
  );
  const format = parseFormat(options.format, output);
  const scratch = await mkdtemp(join(tmpdir(), 'mixdown-render-'));
  try {
    const mixPath = join(scratch, 'mix.wav');
    const session = project.resolved;
    const progress = new ProgressDisplay(io, 'render', options.progress);
    try {
      await renderToFiles(session, {
        output: mixPath,
        format: 'wav32f',
        onProgress: (done, total) =>
          progress.update(
            done / total,
            done / session.sampleRate,
            `${formatDuration(done / session.sampleRate)} rendered`,
          ),
      });
    } finally {
      progress.stop();
    }
    let updated: Record<string, unknown> | undefined;
    const outcome = await masterFile({
      input: mixPath,
      inputName: `${project.projectLabel} (rendered mix)`,
      output,
      format,
      request,
      chain,
      chainBaseDir: chainFile ? dirname(chainFile.path) : project.projectDir,
      chainPrefix,
      savedTarget: saved?.target,
      chainName: options.chain ?? `${project.fileName} (mastering)`,
      savedFrom: `${project.fileName}: mastering`,
      maxLimitingDb: options.maxLimitingDb,
      references: options.references,
      matchAmounts: options.matchAmounts,
      report: options.report,
      previews: options.previews,
      progress: options.progress,
      context,
      beforeCommit: (result, target) => {
        // Checked before the master is renamed into place: a session that would not validate
        // is never half-applied.
        updated = { ...document, mastering: { chain: result.chain as ParsedInsert[], target } };
        const validated = validateDocument(updated);
        if (!validated.ok) throw new SessionError(project.fileName, validated.issues);
      },
    });
    if (!outcome.written || !updated) return ExitCode.checkFailed;
    await saveSession(project.projectDir, updated as SessionDocument);
    io.stdout.write(
      `  chain written to ${project.fileName} ("mastering"): edit it there and master again\n`,
    );
    return ExitCode.ok;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
