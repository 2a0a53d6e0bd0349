import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import { RENDER_FORMATS, type RenderFormat, renderToFiles } from '../mix/render-project.js';
import { loadProject, positionToSeconds, RENDERS_DIR } from '../session/index.js';
import type { ResolvedSession } from '../session/resolved.js';
import { parsePositiveInteger } from './analyze.js';
import { ExitCode } from './cli-io.js';
import { formatDuration, formatLevel } from './format.js';
import { processorSummary } from './processors.js';
import type { CommandContext } from './program.js';
import { ProgressDisplay } from './progress.js';

interface RenderOptions {
  output?: string;
  format?: string;
  range?: string;
  stems?: boolean;
  threads?: string;
  progress: boolean;
}

export function registerRender(program: Command, context: CommandContext): void {
  program
    .command('render')
    .description('Render a session (project folder or session.json) to a stereo mix.')
    .argument('<session>', 'project folder or its session.json')
    .option('-o, --output <file>', 'output file (default: <project>/renders/mix.wav)')
    .option(
      '--format <format>',
      `${RENDER_FORMATS.join(' | ')} (default: from the extension, else wav24)`,
    )
    .option(
      '--range <start-end>',
      'render only this part: seconds or bar:beat, e.g. 12.5-30 or 5:1-9:1',
    )
    .option('--stems', 'also write one file per track and bus (post-fader) beside the mix')
    .option(
      '--threads <n>',
      'worker threads for independent tracks (default: one per core); the summary says how many rendered',
    )
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
The mix is written atomically: a failed or interrupted render leaves nothing under the
output name. At the end a summary gives the length, peak, integrated loudness and true peak.

Processors a session's inserts can use (parameters: mixdown processors <type>):
${processorSummary()}

Examples:
  mixdown render my-song -o my-song/renders/mix.wav
  mixdown render my-song/session.json --format flac --stems
  mixdown render my-song --range 1:1-9:1 -o chorus.wav`,
    )
    .action(async (target: string, options: RenderOptions) => {
      context.setExitCode(await renderCommand(target, options, context));
    });
}

async function renderCommand(
  target: string,
  options: RenderOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const project = await loadProject(target, { cwd: io.cwd });
  const session = project.resolved;
  const output = resolve(
    io.cwd,
    options.output ?? join(project.projectDir, RENDERS_DIR, 'mix.wav'),
  );
  const format = parseFormat(options.format, output);
  const range = options.range ? parseRange(options.range, session) : undefined;
  const threads = parsePositiveInteger(options.threads, '--threads');
  const stemsDir = options.stems
    ? join(dirname(output), `${basename(output, extname(output))}-stems`)
    : undefined;

  const progress = new ProgressDisplay(io, 'render', options.progress);
  const started = Date.now();
  let result: Awaited<ReturnType<typeof renderToFiles>>;
  try {
    result = await renderToFiles(session, {
      output,
      format,
      range,
      stemsDir,
      threads,
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
  const seconds = result.frames / result.sampleRate;
  const elapsed = (Date.now() - started) / 1000;
  const a = result.analysis;
  io.stdout.write(
    `${[
      `Rendered ${relativeName(io.cwd, output)} (${format}, ${result.sampleRate} Hz, stereo)`,
      `  length ${formatDuration(seconds)} · peak ${formatLevel(a.samplePeakDbfs, 1, true)} dBFS · integrated ${formatLevel(a.integratedLufs)} LUFS · true peak ${formatLevel(a.truePeakDbtp, 1, true)} dBTP`,
      `  ${(seconds / Math.max(elapsed, 1e-3)).toFixed(1)}× realtime${workerNote(result.workerThreads)}${result.latencyFrames > 0 ? ` · ${result.latencyFrames} samples of plug-in latency compensated` : ''}`,
      ...(result.stems.length > 0
        ? [`  ${result.stems.length} stems in ${relativeName(io.cwd, stemsDir!)}`]
        : []),
    ].join('\n')}\n`,
  );
  if (a.truePeakDbtp > 0) {
    io.stdout.write(
      '  warning: the mix has true peaks above 0 dBTP; lower the master fader or use a limiter.\n',
    );
  }
  return ExitCode.ok;
}

/** Says when tracks rendered on worker threads (short renders and sidechained tracks stay on one). */
function workerNote(threads: number): string {
  if (threads === 0) return '';
  return ` · tracks on ${threads} worker thread${threads === 1 ? '' : 's'}`;
}

function relativeName(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

function parseFormat(value: string | undefined, output: string): RenderFormat {
  if (value === undefined) return extname(output).toLowerCase() === '.flac' ? 'flac' : 'wav24';
  if (!RENDER_FORMATS.includes(value as RenderFormat)) {
    throw new MixdownError(
      'invalid-argument',
      `--format must be one of ${RENDER_FORMATS.join(', ')}, got "${value}".`,
    );
  }
  if (value === 'flac' && extname(output).toLowerCase() === '.wav') {
    throw new MixdownError(
      'invalid-argument',
      `--format flac does not match the output name ${basename(output)}; name it .flac.`,
    );
  }
  return value as RenderFormat;
}

/** "12.5-30" or "5:1-9:1" → seconds. */
export function parseRange(
  text: string,
  session: ResolvedSession,
): { startSeconds: number; endSeconds: number } {
  const parts = text.split('-');
  const tempo = { bpm: session.tempoBpm, timeSignature: session.timeSignature };
  const toSeconds = (part: string): number => {
    const trimmed = part.trim();
    const value = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
    try {
      return positionToSeconds(value, tempo);
    } catch {
      throw new MixdownError(
        'invalid-argument',
        `--range: "${trimmed}" is not a position; write seconds (12.5) or bar:beat (5:1).`,
      );
    }
  };
  if (parts.length !== 2) {
    throw new MixdownError(
      'invalid-argument',
      `--range must be START-END, e.g. 12.5-30 or 5:1-9:1, got "${text}".`,
    );
  }
  const startSeconds = toSeconds(parts[0]);
  const endSeconds = toSeconds(parts[1]);
  if (!(endSeconds > startSeconds)) {
    throw new MixdownError('invalid-argument', `--range must end after it starts, got "${text}".`);
  }
  return { startSeconds, endSeconds };
}
