import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import { type CreatedProject, createProject } from '../session/project.js';
import { MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from '../session/schema.js';
import { parsePositiveInteger } from './analyze.js';
import { ExitCode } from './cli-io.js';
import { formatChannels, formatDuration, formatSampleRate, renderTable } from './format.js';
import type { CommandContext } from './program.js';

interface InitOptions {
  name?: string;
  sampleRate?: string;
}

export function registerInit(program: Command, context: CommandContext): void {
  program
    .command('init')
    .description(
      'Create a project folder: session.json, audio/ (copies of your files, never modified) and renders/, with one track per audio file.',
    )
    .argument('<folder>', 'project folder (created if needed; must not hold a session yet)')
    .argument('[audio...]', 'audio files to start with: WAV, AIFF, FLAC, MP3, Ogg (mono or stereo)')
    .option('--name <name>', 'session name (default: the folder name)')
    .option(
      '--sample-rate <hz>',
      'render sample rate (default: the most common rate of the files, else 48000)',
    )
    .addHelpText(
      'after',
      `
Track names come from the file names: "02_lead-vocal_take3.wav" becomes "lead vocal take3".
Every clip starts at 0; edit session.json to arrange, route and mix.

Examples:
  mixdown init song takes/*.wav
  mixdown init --name "Night drive" --sample-rate 48000 night-drive stems/*.flac
  mixdown init empty-project`,
    )
    .action(async (folder: string, audio: string[], options: InitOptions) => {
      context.setExitCode(await initCommand(folder, audio, options, context));
    });
}

function parseSampleRate(value: string | undefined): number | undefined {
  const rate = parsePositiveInteger(value, '--sample-rate');
  if (rate !== undefined && (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE)) {
    throw new MixdownError(
      'invalid-argument',
      `--sample-rate must be between ${MIN_SAMPLE_RATE} and ${MAX_SAMPLE_RATE} Hz, got ${rate}.`,
    );
  }
  return rate;
}

async function initCommand(
  folder: string,
  audio: string[],
  options: InitOptions,
  { io }: CommandContext,
): Promise<number> {
  const created = await createProject(folder, audio, {
    name: options.name,
    sampleRate: parseSampleRate(options.sampleRate),
    cwd: io.cwd,
  });
  io.stdout.write(`${describeCreated(created)}\n`);
  return ExitCode.ok;
}

function describeCreated(created: CreatedProject): string {
  const { document, sources, fileName, projectLabel } = created;
  const tracks = document.tracks ?? [];
  const lines = [
    `Created ${fileName}: "${document.name}", ${formatSampleRate(document.sampleRate)}, ${tracks.length} track${tracks.length === 1 ? '' : 's'}.`,
  ];
  if (sources.length > 0) {
    const rows = sources.map((source, i) => [
      `track "${tracks[i]?.name}"`,
      source.path,
      `${formatChannels(source.info.channels)}, ${formatSampleRate(source.info.sampleRate)}, ${formatDuration(source.info.frames / source.info.sampleRate)}`,
      source.copied ? `copied from ${source.from}` : 'already in the project',
    ]);
    const table = renderTable(['', 'source', '', ''], rows, ['left', 'left', 'left', 'left']);
    lines.push(
      ...table
        .split('\n')
        .slice(1)
        .map((line) => `  ${line}`),
    );
  }
  lines.push(
    `  audio/ holds the sources (never modified); renders/ is for mixes and masters.`,
    `Next: edit ${fileName}, then check it with "mixdown validate ${projectLabel}".`,
  );
  return lines.join('\n');
}
