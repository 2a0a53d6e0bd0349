import { MixdownError } from '../core/errors.js';
import { describeValue } from './issues.js';
import { CURRENT_VERSION, SESSION_FORMAT } from './schema.js';

/**
 * Session format versions. A document carries `format` and `version`; an older one is
 * brought up to date by a chain of steps, one per version (version n → n + 1), so each step
 * is written once, when the format changes, and never edited after. A newer one is refused:
 * guessing at a future format could lose the user's work.
 */

/** Rewrites a document of version n into version n + 1 (the chain sets `version`). */
export type MigrationStep = (document: Record<string, unknown>) => Record<string, unknown>;

/** From-version → step. Version 1 is the first format, so there is nothing to migrate yet. */
export const MIGRATIONS: ReadonlyMap<number, MigrationStep> = new Map();

export interface MigrateOptions {
  /** Shown in messages, e.g. "song/session.json". */
  readonly fileName?: string;
  readonly migrations?: ReadonlyMap<number, MigrationStep>;
  readonly currentVersion?: number;
}

export interface Migrated {
  readonly document: Record<string, unknown>;
  /** The version the document was written in, when it was older than the current one. */
  readonly migratedFrom?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `format` and `version` and brings the document up to the current version. */
export function migrateDocument(raw: unknown, options: MigrateOptions = {}): Migrated {
  const fileName = options.fileName ?? 'session.json';
  const migrations = options.migrations ?? MIGRATIONS;
  const current = options.currentVersion ?? CURRENT_VERSION;
  const invalid = (problem: string): MixdownError =>
    new MixdownError('invalid-session', `${fileName} ${problem}.`);

  if (!isRecord(raw)) {
    throw invalid(`must hold a JSON object (a mixdown session), got ${describeValue(raw)}`);
  }
  if (raw.format !== SESSION_FORMAT) {
    throw invalid(
      `is not a mixdown session: its "format" must be "${SESSION_FORMAT}", got ${describeValue(raw.format)}`,
    );
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid(
      `has a bad "version": it must be a whole number from 1, got ${describeValue(version)}`,
    );
  }
  if (version > current) {
    throw new MixdownError(
      'newer-version',
      `${fileName} was saved by a newer mixdown (session format ${version}; this version reads up to ${current}); update mixdown to open it.`,
    );
  }

  let document = raw;
  for (let from = version; from < current; from++) {
    const step = migrations.get(from);
    if (!step) {
      throw new MixdownError(
        'internal',
        `${fileName}: no migration from session format ${from} to ${from + 1}; please report this.`,
      );
    }
    // Steps receive a copy, so a failing chain leaves the caller's document as it was.
    document = { ...step(structuredClone(document)), version: from + 1 };
  }
  return version < current ? { document, migratedFrom: version } : { document };
}
