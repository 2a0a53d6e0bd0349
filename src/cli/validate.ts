import type { Command } from 'commander';
import { sessionLengthSeconds } from '../session/build-resolved.js';
import { formatIssue, type SessionIssue } from '../session/issues.js';
import {
  readSessionFile,
  resolveOptions,
  type SessionFile,
  saveSession,
} from '../session/project.js';
import { resolveChecked } from '../session/resolve.js';
import type { SessionDocument } from '../session/schema.js';
import { checkSources, type SourceStatus, withRecordedFingerprints } from '../session/sources.js';
import { validateDocument } from '../session/validate.js';
import { type CliIo, ExitCode } from './cli-io.js';
import { formatDuration } from './format.js';
import type { CommandContext } from './program.js';

interface ValidateOptions {
  rehash?: boolean;
}

export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description(
      'Check a session: its schema, names, routing, automation, and every source file (present, unchanged since it was recorded, readable, long enough for its clips).',
    )
    .argument('[session]', 'session.json or its project folder', '.')
    .option(
      '--rehash',
      'accept changed source files: record their new sizes and SHA-256 hashes in session.json (saved atomically)',
    )
    .addHelpText(
      'after',
      `
Exit status: 0 when the session is valid, 1 when it has problems (each printed on its own
line, with its path in the document), 2 for a wrong command line.

Examples:
  mixdown validate song
  mixdown validate song/session.json
  mixdown validate --rehash song     after re-exporting a source on purpose`,
    )
    .action(async (target: string, options: ValidateOptions) => {
      context.setExitCode(await validateCommand(target, options, context.io));
    });
}

function printProblems(io: CliIo, fileName: string, issues: readonly SessionIssue[]): number {
  const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
  io.stdout.write(`${fileName} has ${count}:\n`);
  for (const issue of issues) io.stdout.write(`  ${formatIssue(issue)}\n`);
  return ExitCode.inputError;
}

function shortHash(sha256: string | undefined): string {
  return sha256 === undefined ? 'none' : `${sha256.slice(0, 12)}…`;
}

/**
 * Records the new fingerprints of changed sources, saying which changed, and returns the
 * statuses as they stand after saving.
 */
async function rehash(
  io: CliIo,
  file: SessionFile,
  statuses: SourceStatus[],
): Promise<SourceStatus[]> {
  const changed = statuses.filter((s) => s.kind === 'changed' || s.kind === 'unrecorded');
  if (changed.length === 0) {
    io.stdout.write(`No source has changed; ${file.fileName} is left as it was.\n`);
    return statuses;
  }
  for (const status of changed) {
    if (status.kind !== 'changed' && status.kind !== 'unrecorded') continue;
    const { source, actual } = status;
    const before =
      source.bytes === undefined
        ? 'nothing recorded'
        : `${source.bytes} bytes, SHA-256 ${shortHash(source.sha256)}`;
    io.stdout.write(
      `source "${source.id}" (${source.path}): ${before} → ${actual.bytes} bytes, SHA-256 ${shortHash(actual.sha256)}\n`,
    );
  }
  const document = withRecordedFingerprints(file.document, statuses) as SessionDocument;
  await saveSession(file.projectDir, document);
  io.stdout.write(`Recorded in ${file.fileName}.\n`);
  return statuses.map((s) =>
    s.kind === 'changed' || s.kind === 'unrecorded' ? { ...s, kind: 'ok' } : s,
  );
}

async function validateCommand(
  target: string,
  options: ValidateOptions,
  io: CliIo,
): Promise<number> {
  const file = await readSessionFile(target, { cwd: io.cwd });
  const validated = validateDocument(file.document);
  if (!validated.ok) return printProblems(io, file.fileName, validated.issues);
  const session = validated.value;

  let statuses = await checkSources(session.sources, file.projectDir);
  if (options.rehash) statuses = await rehash(io, file, statuses);
  const built = await resolveChecked(session, statuses, file.projectDir, resolveOptions(file, {}));
  if (!built.ok) return printProblems(io, file.fileName, built.issues);

  const resolved = built.value;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  io.stdout.write(
    `${file.fileName} is valid: ${count(resolved.tracks.length, 'track', 'tracks')}, ${count(resolved.buses.length, 'bus', 'buses')}, ${formatDuration(sessionLengthSeconds(resolved))} long.\n`,
  );
  if (file.migratedFrom !== undefined) {
    io.stdout.write(
      `It was written in session format ${file.migratedFrom}; mixdown will save it in format ${String(file.document.version)}.\n`,
    );
  }
  return ExitCode.ok;
}
