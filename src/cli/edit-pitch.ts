import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AudioData } from '../core/audio.js';
import { MixdownError } from '../core/errors.js';
import {
  midiName,
  type Note,
  parseKey,
  planTuning,
  segmentNotes,
  trackPitch,
  tuneValues,
} from '../edit/pitch/index.js';
import { trackAudio } from '../edit/track-audio.js';
import { readAudio } from '../io/index.js';
import { loadProject } from '../session/index.js';
import { ExitCode } from './cli-io.js';
import { addTargetOptions, runEdit } from './edit.js';
import { formatDuration, renderTable } from './format.js';
import { parseNumberInRange } from './parse-number.js';
import type { CommandContext } from './program.js';

function isAudioFile(input: string): boolean {
  return /\.(wav|aiff?|flac|mp3|ogg|opus)$/i.test(input);
}

/** The audio to analyse: a plain file, or a session track's first clip as it sounds now. */
async function inputAudio(
  input: string,
  track: string | undefined,
  cwd: string,
): Promise<{ audio: AudioData; name: string }> {
  if (isAudioFile(input)) return { audio: await readAudio(resolve(cwd, input)), name: input };
  if (!track)
    throw new MixdownError(
      'invalid-argument',
      `Say which track of ${input} to analyse with --track "<name>".`,
    );
  return {
    audio: await trackAudio(await loadProject(input, { cwd }), track),
    name: `${input} "${track}"`,
  };
}

function number(
  text: string | undefined,
  flag: string,
  min: number,
  max: number,
  fallback: number,
): number {
  return text === undefined ? fallback : parseNumberInRange(text, flag, min, max);
}

function notesTable(notes: readonly Note[]): string {
  return renderTable(
    ['#', 'start', 'end', 'note', 'deviation', 'drift', 'vibrato'],
    notes.map((n) => [
      String(n.index + 1),
      formatDuration(n.startSeconds),
      formatDuration(n.endSeconds),
      midiName(n.nearestMidi),
      `${n.deviationCents >= 0 ? '+' : ''}${n.deviationCents.toFixed(0)} ct`,
      `${n.driftCentsPerSecond.toFixed(0)} ct/s`,
      n.vibratoDepthCents > 0
        ? `${n.vibratoRateHz.toFixed(1)} Hz ±${n.vibratoDepthCents.toFixed(0)} ct`
        : '—',
    ]),
    ['right', 'right', 'right', 'left', 'right', 'right', 'right'],
  );
}

/**
 * `mixdown tune <file | session --track T> [--key]`: the detected notes and how far each is
 * from the key — the view a singer and engineer look at before deciding what to correct.
 */
export function registerTune(program: Command, context: CommandContext): void {
  program
    .command('tune')
    .description('Show the notes of a monophonic take and how far each is from the key (cents).')
    .argument('<input>', 'an audio file, or a project folder / session.json with --track')
    .option('--track <name>', 'with a session: the track to analyse')
    .option(
      '--key <key>',
      'e.g. "C major", "A minor", "F# dorian", "chromatic" (default chromatic)',
    )
    .action(async (input: string, options: { track?: string; key?: string }) => {
      const { audio, name } = await inputAudio(input, options.track, context.io.cwd);
      const key = parseKey(options.key ?? 'chromatic');
      const notes = segmentNotes(trackPitch(audio, { source: name }), { key });
      const out = context.io.stdout;
      out.write(
        `${name}: ${notes.length} notes (key ${options.key ?? 'chromatic'})\n${notesTable(notes)}\n`,
      );
      const off = notes.filter((n) => Math.abs(n.deviationCents) > 15);
      out.write(
        `${off.length} of ${notes.length} notes are more than 15 cents off; \`mixdown edit tune\` corrects them.\n`,
      );
      context.setExitCode(ExitCode.ok);
    });
}

interface EditTuneOptions {
  key?: string;
  retuneMs?: string;
  humanize?: string;
  vibrato: boolean;
  formants: string;
  output?: string;
  track?: string;
  clip?: string;
  take?: string;
}

/** `mixdown edit tune`: plan corrections to a key and store (or apply) them as a `tune` edit. */
function registerEditTune(edit: Command, context: CommandContext): void {
  addTargetOptions(
    edit
      .command('tune')
      .description('Tune a monophonic take to a key, keeping vibrato and formants (PSOLA).'),
  )
    .requiredOption('--key <key>', 'e.g. "C major", "A minor", "chromatic"')
    .option('--retune-ms <ms>', 'time to reach each target note, 0–500 ms (default 30)')
    .option(
      '--humanize <percent>',
      "how much of the singer's drift inside notes is kept, 0–100 % (default 50)",
    )
    .option('--no-vibrato', 'flatten vibrato as well')
    .option('--formants <mode>', 'preserve | shift', 'preserve')
    .action(async (input: string, options: EditTuneOptions) => {
      if (options.formants !== 'preserve' && options.formants !== 'shift') {
        throw new MixdownError(
          'invalid-argument',
          `--formants must be preserve or shift, got "${options.formants}".`,
        );
      }
      const { audio, name } = await inputAudio(input, options.track, context.io.cwd);
      const notes = segmentNotes(trackPitch(audio, { source: name }), {
        key: parseKey(options.key!),
      });
      const plan = planTuning(notes, {
        key: options.key!,
        retuneMs: number(options.retuneMs, '--retune-ms', 0, 500, 30),
        humanize: number(options.humanize, '--humanize', 0, 100, 50),
        keepVibrato: options.vibrato,
      });
      const moved = plan.notes.filter((n) => Math.abs(n.shiftCents) >= 1);
      context.io.stdout.write(
        `${plan.notes.length} notes; ${moved.length} moved (largest ${Math.max(0, ...moved.map((n) => Math.abs(n.shiftCents))).toFixed(0)} cents).\n`,
      );
      context.setExitCode(
        await runEdit(
          input,
          options,
          { op: 'tune', ...tuneValues(plan, options.formants) },
          context,
        ),
      );
    });
}

export const pitchEditCommands = [registerEditTune];
