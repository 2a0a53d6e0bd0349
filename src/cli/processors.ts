import type { Command } from 'commander';
import { MixdownError } from '../core/errors.js';
import { describeParams } from '../dsp/params.js';
import { PROCESSORS } from '../dsp/registry.js';
import { EDIT_OPERATIONS } from '../edit/registry.js';
import { ExitCode } from './cli-io.js';
import type { CommandContext } from './program.js';

/** One line per processor, for `render --help` and the processors command. */
export function processorSummary(): string {
  const width = Math.max(...PROCESSORS.map((p) => p.type.length));
  return PROCESSORS.map((p) => `  ${p.type.padEnd(width)}  ${p.description}`).join('\n');
}

/**
 * `mixdown processors [type]`: what a session's `inserts` (and clips' `edits`) may name,
 * with every parameter's range, unit and default, straight from the declarations.
 */
export function registerProcessors(program: Command, context: CommandContext): void {
  program
    .command('processors')
    .description('List the processors (inserts) and edit operations, with their parameters.')
    .argument('[type]', 'show only this processor or edit operation')
    .action((type: string | undefined) => {
      const out = context.io.stdout;
      const processors = PROCESSORS.filter((p) => !type || p.type === type);
      const operations = EDIT_OPERATIONS.filter((o) => !type || o.op === type);
      if (type && processors.length === 0 && operations.length === 0) {
        const known = [...PROCESSORS.map((p) => p.type), ...EDIT_OPERATIONS.map((o) => o.op)];
        throw new MixdownError(
          'invalid-argument',
          `No processor or edit operation "${type}"; known: ${known.join(', ')}.`,
        );
      }
      for (const p of processors) {
        out.write(
          `insert "${p.type}": ${p.name}. ${p.description}${p.acceptsSidechain ? ' Accepts "sidechain".' : ''}\n`,
        );
        out.write(`${describeParams(p.params).join('\n')}\n\n`);
      }
      for (const o of operations) {
        out.write(`edit "${o.op}": ${o.name}. ${o.description}\n`);
        out.write(`${describeParams(o.params).join('\n')}\n\n`);
      }
      context.setExitCode(ExitCode.ok);
    });
}
