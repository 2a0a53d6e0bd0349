import { existsSync } from 'node:fs';
import { constants, copyFile, mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { MixdownError } from '../core/errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { openAudio } from '../io/open.js';
import type { AudioInfo } from '../io/types.js';
import { slug, trackNameFromFile, uniqueName } from './file-names.js';
import { SessionError } from './issues.js';
import { migrateDocument } from './migrate.js';
import { type ResolveOptions, resolveSession } from './resolve.js';
import type { ResolvedSession } from './resolved.js';
import { CURRENT_VERSION, SESSION_FORMAT, type SessionDocument } from './schema.js';
import { schemaFilePath } from './schema-file.js';
import { fingerprintFile } from './sources.js';
import { type ValidateOptions, validateDocument } from './validate.js';

/**
 * A project is a folder: `session.json` (the single source of truth), `audio/` (source
 * files, never modified) and `renders/` (what mixdown produces). Sessions are written to a
 * temporary file and renamed into place, and only after they validate, so neither a crash
 * nor a mistake leaves a broken session under the real name.
 */

export const SESSION_FILE = 'session.json';
export const AUDIO_DIR = 'audio';
export const RENDERS_DIR = 'renders';
const DEFAULT_SAMPLE_RATE = 48_000;

/** Where a project is, and how to name it in messages (as the user typed it). */
export interface ProjectLocation {
  readonly projectDir: string;
  readonly sessionPath: string;
  /** E.g. "song/session.json". */
  readonly fileName: string;
  /** E.g. "song" (or "." for the current folder). */
  readonly projectLabel: string;
}

export interface ProjectOptions extends ValidateOptions {
  /** Folder relative targets are resolved against; the process's by default. */
  readonly cwd?: string;
}

/** `target` is a project folder or its session.json. */
export async function locateProject(
  target: string,
  options: ProjectOptions = {},
): Promise<ProjectLocation> {
  const absolute = resolve(options.cwd ?? process.cwd(), target);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new MixdownError('file-not-found', `${target}: no such file or folder; check the path.`);
  }
  if (!info.isDirectory()) {
    const folder = dirname(target);
    return {
      projectDir: dirname(absolute),
      sessionPath: absolute,
      fileName: target,
      projectLabel: folder,
    };
  }
  const sessionPath = join(absolute, SESSION_FILE);
  if (!existsSync(sessionPath)) {
    throw new MixdownError(
      'file-not-found',
      `${target} has no ${SESSION_FILE}; create a project there with "mixdown init ${target}".`,
    );
  }
  return {
    projectDir: absolute,
    sessionPath,
    fileName: join(target, SESSION_FILE),
    projectLabel: target,
  };
}

/** "Unexpected token } in JSON at position 120" → "line 7, column 3". */
function jsonErrorPlace(text: string, message: string): string {
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export interface SessionFile extends ProjectLocation {
  /** The document as written (after migration to the current version). */
  readonly document: Record<string, unknown>;
  readonly migratedFrom?: number;
}

/** Reads, parses and migrates a session file; does not validate it. */
export async function readSessionFile(
  target: string,
  options: ProjectOptions = {},
): Promise<SessionFile> {
  const location = await locateProject(target, options);
  const { fileName } = location;
  const text = (await readFile(location.sessionPath, 'utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new MixdownError(
      'invalid-session',
      `${fileName} is empty; restore it or run "mixdown init" in a new folder.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? jsonErrorPlace(text, error.message) : String(error);
    throw new MixdownError(
      'invalid-session',
      `${fileName} is not valid JSON (at ${detail}); fix the syntax there.`,
    );
  }
  const migrated = migrateDocument(raw, { fileName });
  return { ...location, ...migrated };
}

export interface LoadedProject extends SessionFile {
  readonly resolved: ResolvedSession;
}

/**
 * Opens a project for rendering: reads, migrates, validates and resolves it, checking every
 * source file. Throws a MixdownError (a SessionError, listing every problem, when the
 * document itself is wrong).
 */
export async function loadProject(
  target: string,
  options: ProjectOptions = {},
): Promise<LoadedProject> {
  const file = await readSessionFile(target, options);
  const resolved = await resolveSession(
    file.document,
    file.projectDir,
    resolveOptions(file, options),
  );
  return { ...file, resolved };
}

export function resolveOptions(file: ProjectLocation, options: ValidateOptions): ResolveOptions {
  return { ...options, fileName: file.fileName, projectLabel: file.projectLabel };
}

/** The text of a saved session: 2-space JSON, keys in the document's order, final newline. */
export function formatSessionJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Writes `document` as `session.json` in `projectDir`, atomically, after checking it: an
 * invalid document is refused (SessionError) and the file on disk is left as it was.
 */
export async function saveSession(
  projectDir: string,
  document: SessionDocument,
  options: ValidateOptions = {},
): Promise<void> {
  const validated = validateDocument(document, options);
  if (!validated.ok) throw new SessionError(SESSION_FILE, validated.issues);
  await writeFileAtomic(join(projectDir, SESSION_FILE), formatSessionJson(document));
}

// ---- creating a project (mixdown init) -----------------------------------------------

export interface CreateProjectOptions {
  /** Session name; the folder's name by default. */
  readonly name?: string;
  /** Render rate; by default the most common rate among the files, or 48 kHz. */
  readonly sampleRate?: number;
  /** Folder relative paths are resolved against; the process's by default. */
  readonly cwd?: string;
}

export interface AddedSource {
  /** As given. */
  readonly from: string;
  /** Relative to the project folder, e.g. "audio/kick.wav". */
  readonly path: string;
  /** False when the file was already in the project's audio folder. */
  readonly copied: boolean;
  readonly info: AudioInfo;
}

export interface CreatedProject extends ProjectLocation {
  readonly document: SessionDocument;
  readonly sources: readonly AddedSource[];
}

async function readHeader(path: string, given: string): Promise<AudioInfo> {
  const reader = await openAudio(path);
  await reader.close();
  if (reader.info.channels > 2) {
    throw new MixdownError(
      'unsupported-format',
      `${given} has ${reader.info.channels} channels; mixdown mixes mono and stereo sources, so split it into mono or stereo files first.`,
    );
  }
  return reader.info;
}

/** The most common rate; among equally common ones the highest, so nothing is lost. */
export function mostCommonRate(rates: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const rate of rates) counts.set(rate, (counts.get(rate) ?? 0) + 1);
  let best: number | undefined;
  for (const [rate, n] of counts) {
    const bestCount = best === undefined ? 0 : (counts.get(best) ?? 0);
    if (n > bestCount || (n === bestCount && best !== undefined && rate > best)) best = rate;
  }
  return best;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Creates a project in `folder` with one track per audio file: each file is copied into
 * `audio/` (or used where it is, if already there), gets a source with its size and hash,
 * and a track named after it with one clip at 0. Refuses a folder that already holds a
 * session, and checks every file before copying any.
 */
export async function createProject(
  folder: string,
  audioFiles: readonly string[],
  options: CreateProjectOptions = {},
): Promise<CreatedProject> {
  const cwd = options.cwd ?? process.cwd();
  const projectDir = resolve(cwd, folder);
  const sessionPath = join(projectDir, SESSION_FILE);
  const location: ProjectLocation = {
    projectDir,
    sessionPath,
    fileName: join(folder, SESSION_FILE),
    projectLabel: folder,
  };
  const refuseExisting = (): void => {
    if (existsSync(sessionPath)) {
      throw new MixdownError(
        'invalid-argument',
        `${location.fileName} already exists; mixdown init never overwrites a session, so choose a new folder or edit that one.`,
      );
    }
  };
  refuseExisting();
  const folderInfo = await stat(projectDir).catch(() => undefined);
  if (folderInfo && !folderInfo.isDirectory()) {
    throw new MixdownError(
      'invalid-argument',
      `${folder} is a file, not a folder; choose a folder for the project.`,
    );
  }

  // Every file is checked before anything is written.
  const inputs = await Promise.all(
    audioFiles.map(async (given) => {
      const absolute = resolve(cwd, given);
      return { given, absolute, info: await readHeader(absolute, given) };
    }),
  );

  const audioDir = join(projectDir, AUDIO_DIR);
  await mkdir(audioDir, { recursive: true });
  await mkdir(join(projectDir, RENDERS_DIR), { recursive: true });

  const created: string[] = [];
  try {
    // Names compared without case: two files may not differ only in case on every disk.
    const takenFiles = new Set((await readdir(audioDir)).map((f) => f.toLowerCase()));
    const takenNames = new Set<string>();
    const takenIds = new Set<string>();
    const sources: AddedSource[] = [];
    const documentSources: NonNullable<SessionDocument['sources']> = [];
    const tracks: NonNullable<SessionDocument['tracks']> = [];

    for (const [i, input] of inputs.entries()) {
      const alreadyInside = dirname(input.absolute) === audioDir;
      let fileName = basename(input.absolute);
      if (!alreadyInside) {
        const extension = extname(fileName);
        const stem = fileName.slice(0, fileName.length - extension.length);
        fileName = uniqueName(fileName, takenFiles, (_, n) => `${stem}-${n}${extension}`);
        const destination = join(audioDir, fileName);
        // COPYFILE_EXCL: never replace a file that appeared meanwhile.
        await copyFile(input.absolute, destination, constants.COPYFILE_EXCL);
        created.push(destination);
      }
      const path = `${AUDIO_DIR}/${fileName}`;
      const fingerprint = await fingerprintFile(join(audioDir, fileName));
      const name = uniqueName(
        trackNameFromFile(basename(input.absolute)) || `Track ${i + 1}`,
        takenNames,
        (base, n) => `${base} ${n}`,
      );
      const id = uniqueName(slug(name) || `source-${i + 1}`, takenIds, (base, n) => `${base}-${n}`);
      documentSources.push({ id, path, bytes: fingerprint.bytes, sha256: fingerprint.sha256 });
      tracks.push({ name, clips: [{ source: id, start: 0 }] });
      sources.push({ from: input.given, path, copied: !alreadyInside, info: input.info });
    }

    const document: SessionDocument = {
      $schema: toPosix(relative(projectDir, schemaFilePath())),
      format: SESSION_FORMAT,
      version: CURRENT_VERSION,
      name: options.name ?? basename(projectDir),
      sampleRate:
        options.sampleRate ??
        mostCommonRate(inputs.map((i) => i.info.sampleRate)) ??
        DEFAULT_SAMPLE_RATE,
      sources: documentSources,
      tracks,
      buses: [],
    };
    refuseExisting();
    await saveSession(projectDir, document);
    return { ...location, document, sources };
  } catch (error) {
    // Leave the folder as it was found: remove only the copies made here.
    await Promise.all(created.map((path) => unlink(path).catch(() => undefined)));
    throw error;
  }
}
