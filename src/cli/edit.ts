import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import { checkScalar, type ScalarParam } from '../dsp/params.js';
import { editFile } from '../edit/apply-file.js';
import type { EditOperation } from '../edit/operation.js';
import { EDIT_OPERATIONS } from '../edit/registry.js';
import { addEditToSession, previewFindings } from '../edit/session-edits.js';
import { loadProject } from '../session/index.js';
import { ExitCode } from './cli-io.js';
import { parseClipIndex, parseNumberOption } from './parse-number.js';
import type { CommandContext } from './program.js';

/** Operations with a command of their own (they analyse before they store an edit). */
const SPECIAL = new Set<string>();

/** Registers a special `edit` subcommand (align, tune, quantize, comp…) written elsewhere. */
export type EditSubcommand = (edit: Command, context: CommandContext) => void;

export function registerEdit(
  program: Command,
  context: CommandContext,
  special: readonly EditSubcommand[] = [],
): void {
  const edit = program
    .command('edit')
    .description(
      'Edit takes non-destructively: repair, tune, align, stretch… on a session track or a plain file.',
    )
    .addHelpText(
      'after',
      `
On a session, an edit is stored as an operation on the track's clips (or one clip or take)
and applied at render time: change or remove it later and the render follows. On a plain
file, the edited audio is written to -o (same length, rate and channels unless the
operation changes timing); the source file is never modified.

Examples:
  mixdown edit denoise take.wav -o clean.wav
  mixdown edit normalize my-song --track "lead vocal" --peak-dbfs -1`,
    );
  for (const register of special) register(edit, context);
  for (const operation of EDIT_OPERATIONS) {
    if (SPECIAL.has(operation.op) || edit.commands.some((c) => c.name() === operation.op)) continue;
    // Operations with list values (warp points, note lists) are written by analysis commands.
    if (Object.values(operation.params).some((p) => p.kind === 'group')) continue;
    registerOperation(edit, operation, context);
  }
}

function kebab(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function optionHelp(spec: ScalarParam): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.name}, ${spec.min}…${spec.max}${spec.unit === 'none' ? '' : ` ${spec.unit}`} (default ${spec.default}): ${spec.description}`;
    case 'choice':
      return `${spec.name}: ${spec.choices.join(' | ')} (default ${spec.default}): ${spec.description}`;
    case 'boolean':
      return `${spec.name}: true | false (default ${spec.default}): ${spec.description}`;
    case 'file':
      return `${spec.name}: path: ${spec.description}`;
  }
}

/** Turns a command-line string into a parameter value, or a sentence naming the flag. */
function parseValue(id: string, spec: ScalarParam, text: string): unknown {
  const value =
    spec.kind === 'number'
      ? parseNumberOption(
          text,
          `--${kebab(id)}`,
          `a number${spec.unit === 'none' ? '' : ` in ${spec.unit}`} from ${spec.min} to ${spec.max}`,
        )
      : spec.kind === 'boolean'
        ? (({ true: true, false: false } as Record<string, boolean>)[text] ?? text)
        : text;
  const problem = checkScalar(spec, value);
  if (problem) throw new MixdownError('invalid-argument', `--${kebab(id)} ${problem}.`);
  return value;
}

interface TargetOptions {
  output?: string;
  track?: string;
  clip?: string;
  take?: string;
}

/** Common options: where the edit goes (a file and -o, or a session and a track). */
export function addTargetOptions(command: Command): Command {
  return command
    .argument('<input>', 'an audio file, or a project folder / session.json')
    .option(
      '-o, --output <file>',
      'with a file input: where to write the edited audio (.wav or .flac)',
    )
    .option('--track <name>', 'with a session: the track to edit')
    .option('--clip <index>', 'with a session: only this clip of the track (0-based)')
    .option('--take <id>', 'with a session: only this take of a comped track');
}

async function isSession(input: string, cwd: string): Promise<boolean> {
  if (input.endsWith('.json')) return true;
  const info = await stat(resolve(cwd, input)).catch(() => undefined);
  return info?.isDirectory() === true;
}

/**
 * Applies or stores an edit: on a plain file writes the result to -o; on a session adds the
 * operation to the chosen clips and saves. Prints what the operation found.
 */
export async function runEdit(
  input: string,
  options: TargetOptions,
  edit: Record<string, unknown> & { op: string },
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  if (await isSession(input, io.cwd)) {
    if (!options.track) {
      throw new MixdownError(
        'invalid-argument',
        `Say which track of ${input} to edit with --track "<name>".`,
      );
    }
    if (options.output)
      throw new MixdownError(
        'invalid-argument',
        '-o is for plain files; a session keeps its edits in session.json.',
      );
    const clip = options.clip === undefined ? undefined : parseClipIndex(options.clip, '--clip');
    const added = await addEditToSession(
      input,
      { track: options.track, clip, take: options.take },
      edit,
      io.cwd,
    );
    io.stdout.write(`Added ${edit.op} to ${added.fileName}: ${added.paths.join(', ')}\n`);
    printFindings(
      io.stdout,
      await previewFindings(await loadProject(input, { cwd: io.cwd }), added.paths[0]),
    );
    io.stdout.write('It is applied when the session renders; remove it from the list to undo.\n');
    return ExitCode.ok;
  }
  if (!options.output)
    throw new MixdownError(
      'invalid-argument',
      `Say where to write the edited ${input} with -o <file>.`,
    );
  const output = resolve(io.cwd, options.output);
  const inputPath = resolve(io.cwd, input);
  if (output === inputPath)
    throw new MixdownError(
      'invalid-argument',
      `-o must not be the input file: mixdown never modifies a source (${input}).`,
    );
  const result = await editFile(inputPath, output, [
    { op: edit.op, values: withoutOp(edit), path: input },
  ]);
  printFindings(io.stdout, result.findings);
  io.stdout.write(`Wrote ${options.output}\n`);
  return ExitCode.ok;
}

function withoutOp(edit: Record<string, unknown>): Record<string, unknown> {
  const { op: _op, ...values } = edit;
  return values;
}

export function printFindings(
  out: { write(text: string): unknown },
  findings: readonly Diagnostic[],
): void {
  for (const f of findings)
    out.write(`${f.severity === 'info' ? '' : `${f.severity}: `}${f.message}\n`);
}

function registerOperation(edit: Command, operation: EditOperation, context: CommandContext): void {
  const command = addTargetOptions(edit.command(operation.op).description(operation.description));
  const scalars = Object.entries(operation.params).filter(
    (entry): entry is [string, ScalarParam] => entry[1].kind !== 'group',
  );
  for (const [id, spec] of scalars) {
    command.addOption(new Option(`--${kebab(id)} <value>`, optionHelp(spec)));
  }
  command.action(
    async (input: string, options: TargetOptions & Record<string, string | undefined>) => {
      const values: Record<string, unknown> = {};
      for (const [id, spec] of scalars) {
        const text = options[id];
        if (text !== undefined) values[id] = parseValue(id, spec, text);
      }
      context.setExitCode(await runEdit(input, options, { op: operation.op, ...values }, context));
    },
  );
}
