import { isMixdownError, MixdownError } from '../core/errors.js';
import { openAudio } from '../io/open.js';
import { buildResolvedSession } from './build-resolved.js';
import { SessionError } from './issues.js';
import type { ResolvedSession, ResolvedSource } from './resolved.js';
import type { ParsedSession, ParsedSource } from './schema.js';
import { checkSources, hasProblem, type SourceStatus, sourceProblem } from './sources.js';
import { type ValidateOptions, validateDocument } from './validate.js';

/**
 * `resolveSession`: a (migrated) document and its project folder in, the engine's model
 * out — or one error a user can act on. Order matters: the document is checked first
 * (cheap, and every problem is listed), then each source file's size and hash, then the
 * headers, and only then whether each clip fits its source.
 */

export interface ResolveOptions extends ValidateOptions {
  /** How messages name the session file, e.g. "song/session.json". */
  readonly fileName?: string;
  /** How the user named the project folder, for the commands suggested in messages. */
  readonly projectLabel?: string;
}

/** The engine mixes to stereo; wider sources need a decision mixdown cannot make for them. */
const MAX_SOURCE_CHANNELS = 2;

async function readSource(
  status: Extract<SourceStatus, { kind: 'ok' }>,
  fileName: string,
): Promise<ResolvedSource> {
  const { source, absolutePath } = status;
  const what = `${fileName}: source ${JSON.stringify(source.id)} (${source.path})`;
  let info: Awaited<ReturnType<typeof openAudio>>['info'];
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
  return {
    id: source.id,
    path: source.path,
    absolutePath,
    bytes: status.actual.bytes,
    sha256: status.actual.sha256,
    sampleRate: info.sampleRate,
    channels: info.channels,
    frames: info.frames,
  };
}

/**
 * The sources of already checked statuses (see `checkSources`), headers read; throws for
 * the first source that is missing, changed or unreadable.
 */
export async function sourcesFromStatuses(
  statuses: readonly SourceStatus[],
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedSource[]> {
  const fileName = options.fileName ?? 'session.json';
  const resolved: ResolvedSource[] = [];
  for (const status of statuses) {
    if (hasProblem(status)) {
      const { errorCode, issue } = sourceProblem(status, options.projectLabel ?? projectDir);
      throw new MixdownError(errorCode, `${fileName}: ${issue.message}.`);
    }
    resolved.push(await readSource(status, fileName));
  }
  return resolved;
}

/** Verifies every source and reads its header; throws for the first that is not usable. */
export async function verifySources(
  sources: readonly ParsedSource[],
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedSource[]> {
  return sourcesFromStatuses(await checkSources(sources, projectDir), projectDir, options);
}

/** Resolves an already validated document (e.g. after `validateDocument`). */
export async function resolveParsedSession(
  session: ParsedSession,
  projectDir: string,
  options: ResolveOptions = {},
): Promise<ResolvedSession> {
  const sources = await verifySources(session.sources, projectDir, options);
  const built = buildResolvedSession(session, sources, projectDir);
  if (!built.ok) throw new SessionError(options.fileName ?? 'session.json', built.issues);
  return built.value;
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
