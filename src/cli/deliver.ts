import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { isMixdownError, MixdownError } from '../core/errors.js';
import { deliveryReportPath, writeDeliveryReport } from '../deliver/delivery-report.js';
import { DEFAULT_FORMATS_CEILING_DBTP, FORMAT_CHOICES } from '../deliver/format-choices.js';
import {
  DELIVERABLE_SETS,
  type DeliveryResult,
  deliverMaster,
  type ManifestFile,
  manifestJson,
  type NoiseShapingChoice,
} from '../deliver/index.js';
import { parsePositiveInteger } from './analyze.js';
import { ExitCode } from './cli-io.js';
import { formatChannels, formatLevel, formatSampleRate, renderTable } from './format.js';
import type { CommandContext } from './program.js';
import { ProgressDisplay } from './progress.js';
import { VERSION } from './version.js';

interface DeliverCliOptions {
  platforms?: string;
  formats?: string;
  ceiling?: string;
  output: string;
  title?: string;
  artist?: string;
  album?: string;
  isrc?: string;
  year?: string;
  track?: string;
  seed?: string;
  noiseShaping?: string;
  threads?: string;
  json?: boolean;
  report: boolean;
  progress: boolean;
}

export function registerDeliver(program: Command, context: CommandContext): void {
  program
    .command('deliver')
    .description(
      'Make platform deliverables from a master: converted, dithered, encoded and tagged, each decoded back and held under its platform’s true-peak ceiling, with a manifest.',
    )
    .argument('<master>', 'the master (WAV, AIFF, FLAC …), mono or stereo')
    .option(
      '--platforms <list>',
      `comma-separated destinations: ${DELIVERABLE_SETS.map((s) => s.platform).join(', ')}`,
    )
    .option(
      '--formats <list>',
      `comma-separated formats, into <folder>/formats/: ${Object.keys(FORMAT_CHOICES).join(', ')}`,
    )
    .option(
      '--ceiling <dBTP>',
      `true-peak ceiling for the --formats files, -12 … 0 (default ${DEFAULT_FORMATS_CEILING_DBTP})`,
    )
    .option('-o, --output <folder>', 'delivery folder, created if missing', 'release')
    .option('--title <text>', 'title tag')
    .option('--artist <text>', 'artist tag')
    .option('--album <text>', 'album tag')
    .option('--isrc <code>', 'ISRC, CC-XXX-YY-NNNNN (hyphens optional)')
    .option('--year <yyyy>', 'release year tag')
    .option('--track <n[/total]>', 'track number tag, e.g. 3 or 3/12')
    .option('--seed <n>', 'dither seed (same seed, same bytes)')
    .option(
      '--noise-shaping <mode>',
      'auto (Lipshitz at 16-bit 44.1 kHz, flat TPDF elsewhere), none, lipshitz, f-weighted',
      'auto',
    )
    .option('--threads <n>', 'worker threads for independent files (default: one per core)')
    .option('--json', 'print the manifest as JSON instead of the summary')
    .option('--no-report', 'do not write report.html (and its figures) into the folder')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
Each platform gets its lossless upload file and, where listeners hear a lossy codec, a lossy
file; every file is decoded back and measured. A master over the platform's ceiling is
limited 0.1 dB under it before encoding; if a file's true peak (8× oversampled) is still over,
the master is re-limited lower and encoded again until it passes. Independent files are
made side by side on --threads worker threads, with the same bytes as on one. Files
are written atomically under <folder>/<platform>/, then <folder>/manifest.json (per file:
format, codec settings, rate, bit depth, loudness, true peak, SHA-256, tags, passes).
Mono masters are delivered as mono; masters with more than two channels are refused.

--formats asks for files by format instead of (or beside) platforms: wav32f is an archive
copy with no word-length reduction, mp3-v0 a LAME V0 file for shops and downloads. Lossless
formats keep the master's rate; MP3 and Ogg are made at 44.1 kHz. They are checked like a
platform's files, against --ceiling (default ${DEFAULT_FORMATS_CEILING_DBTP} dBTP).

Exit status: 0 delivered, 1 the master could not be used, 2 wrong command line,
3 a file could not be brought under its ceiling.

Examples:
  mixdown deliver master.wav --platforms spotify,apple,cd -o release/
  mixdown deliver master.wav --platforms cd --title "Song" --artist "Band" --isrc GB-ABC-24-00012 --year 2024 --track 3/12
  mixdown deliver master.flac --platforms youtube,deezer --json > manifest.json
  mixdown deliver master.wav --formats wav32f,wav24,flac24,mp3-320,mp3-v0,ogg --ceiling -1`,
    )
    .action(async (master: string, options: DeliverCliOptions) => {
      context.setExitCode(await deliverCommand(master, options, context));
    });
}

async function deliverCommand(
  master: string,
  options: DeliverCliOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const masterPath = resolve(io.cwd, master);
  const outputDir = resolve(io.cwd, options.output);
  if (options.platforms === undefined && options.formats === undefined) {
    throw new MixdownError(
      'invalid-argument',
      'Name what to deliver with --platforms (e.g. spotify,apple,cd) or --formats (e.g. wav32f,mp3-v0).',
    );
  }
  const ceiling = parseCeiling(options.ceiling);
  if (ceiling !== undefined && options.formats === undefined) {
    throw new MixdownError(
      'invalid-argument',
      '--ceiling sets the ceiling of the --formats files (platforms have their own); add --formats or leave it out.',
    );
  }
  const progress = new ProgressDisplay(io, 'deliver', options.progress && !options.json);
  let result: DeliveryResult;
  try {
    result = await deliverMaster({
      master: masterPath,
      outputDir,
      platforms: options.platforms?.split(',') ?? [],
      ...(options.formats !== undefined ? { formats: options.formats.split(',') } : {}),
      ...(ceiling !== undefined ? { formatsCeilingDbtp: ceiling } : {}),
      tags: {
        title: options.title,
        artist: options.artist,
        album: options.album,
        isrc: options.isrc,
        year: options.year,
        track: options.track,
      },
      seed: parseSeed(options.seed),
      noiseShaping: options.noiseShaping as NoiseShapingChoice,
      ...(options.threads !== undefined
        ? { threads: parsePositiveInteger(options.threads, '--threads') }
        : {}),
      onProgress: (p) => progress.update(p.filesDone / p.filesTotal, p.audioSeconds, p.current),
    });
  } catch (error) {
    if (isMixdownError(error) && error.code === 'unreachable-target') {
      io.stderr.write(`mixdown: ${error.message}\n`);
      return ExitCode.checkFailed;
    }
    throw error;
  } finally {
    progress.stop();
  }
  if (options.report) {
    await writeDeliveryReport({ masterPath, outputDir, result, version: VERSION });
  }
  if (options.json) {
    io.stdout.write(manifestJson(result.manifest));
    return ExitCode.ok;
  }
  io.stdout.write(summary(result, relativeName(io.cwd, outputDir)));
  if (options.report) {
    io.stdout.write(
      `Report: ${relativeName(io.cwd, deliveryReportPath(outputDir))} (figures as SVG beside it)\n`,
    );
  }
  return ExitCode.ok;
}

function parseCeiling(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(/^−/, '-'));
  if (text.trim() === '' || !(Number.isFinite(value) && value >= -12 && value <= 0)) {
    throw new MixdownError(
      'invalid-argument',
      `--ceiling must be a number of dBTP from -12 to 0, got "${text}".`,
    );
  }
  return value;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || seed > 0xffffffff) {
    throw new MixdownError(
      'invalid-argument',
      `--seed must be a whole number from 0 to 4294967295, got "${text}".`,
    );
  }
  return seed;
}

function summary(result: DeliveryResult, folder: string): string {
  const { manifest, diagnostics } = result;
  const m = manifest.master;
  const names = manifest.platforms.map((p) => p.name).join(', ');
  const lines = [
    `Delivered ${manifest.files.length === 1 ? '1 file' : `${manifest.files.length} files`} for ${names} to ${folder}${sep}`,
    `  from ${m.file}: ${formatSampleRate(m.sampleRate)} ${formatChannels(m.channels)}, ${formatLevel(m.integratedLufs)} LUFS, true peak ${formatLevel(m.truePeakDbtp, 2, true)} dBTP`,
    '',
  ];
  const rows = manifest.files.map((f) => [
    f.path,
    f.codec.description,
    formatLevel(f.integratedLufs),
    formatLevel(f.truePeakDbtp, 2, true),
    formatLevel(f.compliance.ceilingDbtp),
    formatLevel(f.compliance.marginDb, 2),
    String(f.compliance.passes.length),
  ]);
  const table = renderTable(
    ['file', 'format', 'LUFS', 'dBTP', 'ceiling', 'margin dB', 'passes'],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  );
  lines.push(...table.split('\n').map((l) => `  ${l}`), '');
  lines.push(...manifest.files.map((f) => `  ${complianceSentence(f)}`));
  const warnings = diagnostics.map((d) => `  ${d.severity}: ${d.message}`);
  if (warnings.length > 0) lines.push('', ...warnings);
  lines.push('', `Manifest: ${folder}${sep}manifest.json`);
  return `${lines.join('\n')}\n`;
}

/** "MP3 320 kbit/s, 44.1 kHz: decoded true peak −1.30 dBTP, 0.30 dB under the −1.0 ceiling, after 1 pass." */
function complianceSentence(file: ManifestFile): string {
  const c = file.compliance;
  const passes = c.passes.length === 1 ? '1 pass' : `${c.passes.length} passes`;
  const decoded = file.format === 'mp3' || file.format === 'ogg-vorbis' ? 'decoded' : 'delivered';
  let text = `${file.path}: ${decoded} true peak ${formatLevel(file.truePeakDbtp, 2)} dBTP, ${formatLevel(c.marginDb, 2)} dB under the ${formatLevel(c.ceilingDbtp)} ceiling, after ${passes}`;
  const last = c.passes[c.passes.length - 1];
  if (c.firstPassOvershootDb !== null) {
    text += ` (first pass ${formatLevel(c.passes[0].deliveredTruePeakDbtp, 2)} dBTP, ${formatLevel(c.firstPassOvershootDb, 2)} dB over; re-limited at ${formatLevel(last.preEncodeCeilingDbtp, 2)} dBTP)`;
  } else if (last.preEncodeCeilingDbtp !== null) {
    text += ` (limited at ${formatLevel(last.preEncodeCeilingDbtp, 2)} dBTP before encoding)`;
  }
  return `${text}.`;
}

function relativeName(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
