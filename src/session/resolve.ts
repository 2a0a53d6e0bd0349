import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMixdownError, MixdownError } from '../core/errors.js';
import { PROCESSORS } from '../dsp/registry.js';
import { openAudio } from '../io/open.js';
import type { AudioInfo } from '../io/types.js';
import { buildResolvedSession } from './build-resolved.js';
import { SessionError, type SessionIssue } from './issues.js';
import { paramFiles } from './param-files.js';
import type { ResolvedSession, ResolvedSource } from './resolved.js';
import type { ParsedSession } from './schema.js';
import { checkSources, hasProblem, type SourceStatus, sourceProblem } from './sources.js';
import { type ValidateOptions, validateDocument } from './validate.js';
import type { ParseOutcome } from './zod-issues.js';

/**
 * `resolveSession`: a (migrated) document and its project folder in, the engine's model
 * out — or one error a user can act on. Order matters: the document is checked first
 * (cheap, and every problem is listed), then each source file's size and hash, then the
 * files processors name, then the headers, and only then whether each clip fits its source.
 */

export interface ResolveOptions extends ValidateOptions {
  /** How messages name the session file, e.g. "song/session.json". */
  readonly fileName?: string;
  /** How the user named the project folder, for the commands suggested in messages. */
  readonly projectLabel?: string;
}

/** The engine mixes to stereo; wider sources need a decision mixdown cannot make for them. */
const MAX_SOURCE_CHANNELS = 2;

async function readHeader(status: SourceStatus, fileName: string): Promise<AudioInfo> {
  const { source, absolutePath } = status;
  const what = `${fileName}: source ${JSON.stringify(source.id)} (${source.path})`;
  let info: AudioInfo;
  try {
    const reader = await openAudio(absolutePath);
    info = reader.info;
    await reader.close();
  } catch (error) {
    if (!isMixdownError(error)) throw error;
    throw new MixdownError(error.code, `${what} cannot be read: ${error.message}`, {
      cause: error,
    });
  }
  if (info.channels > MAX_SOURCE_CHANNELS) {
    throw new MixdownError(
      'unsupported-format',
      `${what} has ${info.channels} channels; mixdown mixes mono and stereo sources, so split it into mono or stereo files and add those instead.`,
    );
  }
  return info;
}

async function missingParamFiles(
  session: ParsedSession,
  projectDir: string,
  options: ResolveOptions,
): Promise<SessionIssue[]> {
  const issues: SessionIssue[] = [];
  for (const { path, file } of paramFiles(session, options.processors ?? PROCESSORS)) {
    const info = await stat(resolve(projectDir, file)).catch(() => undefined);
    if (!info?.isFile()) {
      issues.push({
        path,
        message: `must name an audio file in the project folder, got ${JSON.stringify(file)}, which ${info ? 'is not a file' : 'is missing'}`,
        code: 'source-missing',
      });
    }
  }
  return issues;
}

/**
 * Resolves a validated session whose sources were checked (`checkSources`), listing every
 * problem found on the way rather than stopping at the first: for `mixdown validate`. A
 * source whose header cannot be read still throws (the reader's message says why).
 */
export async function resolveChecked(
  session: ParsedSession,
  statuses: readonly SourceStatus[],
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ParseOutcome<ResolvedSession>> {
  const label = options.projectLabel ?? projectDir;
  const sourceIssues = statuses.filter(hasProblem).map((s) => sourceProblem(s, label).issue);
  if (sourceIssues.length > 0) return { ok: false, issues: sourceIssues };
  const fileIssues = await missingParamFiles(session, projectDir, options);
  if (fileIssues.length > 0) return { ok: false, issues: fileIssues };

  const fileName = options.fileName ?? 'session.json';
  const sources: ResolvedSource[] = [];
  for (const status of statuses) {
    if (status.kind !== 'ok') continue; // none left: problems returned above
    const info = await readHeader(status, fileName);
    sources.push({
      id: status.source.id,
      path: status.source.path,
      absolutePath: status.absolutePath,
      bytes: status.actual.bytes,
      sha256: status.actual.sha256,
      sampleRate: info.sampleRate,
      channels: info.channels,
      frames: info.frames,
    });
  }
  return buildResolvedSession(session, sources, projectDir);
}

/** Resolves an already validated document; throws like `resolveSession`. */
export async function resolveParsedSession(
  session: ParsedSession,
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedSession> {
  const fileName = options.fileName ?? 'session.json';
  const statuses = await checkSources(session.sources, projectDir);
  // A source problem has its own error code (file-not-found, source-changed) for scripts.
  const first = statuses.find(hasProblem);
  if (first) {
    const { errorCode, issue } = sourceProblem(first, options.projectLabel ?? projectDir);
    throw new MixdownError(errorCode, `${fileName}: ${issue.message}.`);
  }
  const outcome = await resolveChecked(session, statuses, projectDir, options);
  if (!outcome.ok) throw new SessionError(fileName, outcome.issues);
  return outcome.value;
}

/**
 * A session document (already migrated, see migrate.ts) resolved against `projectDir`.
 * Throws a SessionError listing every problem in the document, or a MixdownError naming the
 * first source that is missing, changed or unreadable.
 */
export async function resolveSession(
  document: unknown,
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedSession> {
  const validated = validateDocument(document, options);
  if (!validated.ok) throw new SessionError(options.fileName ?? 'session.json', validated.issues);
  return resolveParsedSession(validated.value, projectDir, options);
}
