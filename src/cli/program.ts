import { Command, CommanderError } from 'commander';
import { isMixdownError } from '../core/errors.js';
import { formatIssue, isSessionError } from '../session/issues.js';
import { registerAnalyze } from './analyze.js';
import { type CliIo, ExitCode, processIo } from './cli-io.js';
import { registerClipEdits } from './clip-edit.js';
import { registerCompare } from './compare.js';
import { registerDeliver } from './deliver.js';
import { registerEdit } from './edit.js';
import { registerComp } from './edit-comp.js';
import { pitchEditCommands, registerTune } from './edit-pitch.js';
import { timingEditCommands } from './edit-timing.js';
import { registerInit } from './init.js';
import { registerMaster } from './master.js';
import { registerProcessors } from './processors.js';
import { registerRender } from './render.js';
import { registerValidate } from './validate.js';
import { VERSION } from './version.js';

/** What every command receives: where to write, and how to report its exit status. */
export interface CommandContext {
  readonly io: CliIo;
  setExitCode(code: number): void;
}

/** The whole command tree (exported so tests can walk every command). */
export function buildProgram(context: CommandContext): Command {
  const program = new Command('mixdown')
    .description(
      'mixdown: raw takes in; balanced mixes and platform-ready masters, with proof, out.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  program.addHelpText(
    'after',
    `
Exit status: 0 success, 1 an input could not be processed, 2 wrong command line,
3 a requested check failed, 70 internal error.`,
  );
  registerAnalyze(program, context);
  registerInit(program, context);
  registerValidate(program, context);
  registerRender(program, context);
  registerMaster(program, context);
  registerEdit(program, context, [
    registerClipEdits,
    ...timingEditCommands,
    ...pitchEditCommands,
    registerComp,
  ]);
  registerProcessors(program, context);
  registerTune(program, context);
  registerDeliver(program, context);
  registerCompare(program, context);
  // Every subcommand, at any depth, reports usage errors the same way as the top level.
  const configure = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({
        writeOut: (text) => context.io.stdout.write(text),
        writeErr: (text) => context.io.stderr.write(text),
      });
      sub.showHelpAfterError('(add --help for usage)');
      configure(sub);
    }
  };
  configure(program);
  return program;
}

/**
 * Run the command line `argv` (without node and script) and return the exit code. Never
 * throws and never prints a stack trace for a user mistake.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
      if (informational.includes(error.code)) return ExitCode.ok;
      // Commander has already printed its one-line message.
      return ExitCode.usage;
    }
    if (isSessionError(error)) {
      // Every problem, one per line: fixing a session one error per run would be tedious.
      io.stderr.write(`mixdown: ${error.message}\n`);
      if (error.issues.length > 1) {
        for (const issue of error.issues) io.stderr.write(`  ${formatIssue(issue)}\n`);
      }
      return ExitCode.inputError;
    }
    if (isMixdownError(error)) {
      io.stderr.write(`mixdown: ${error.message}\n`);
      return error.code === 'invalid-argument' ? ExitCode.usage : ExitCode.inputError;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `mixdown: internal error (${detail}); please report it. Set MIXDOWN_DEBUG=1 for details.\n`,
    );
    if (process.env.MIXDOWN_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return ExitCode.internal;
  }
}
