import { describe, expect, it } from 'vitest';
import { MixdownError } from '../../src/core/errors.js';
import { type MigrationStep, migrateDocument } from '../../src/session/migrate.js';
import { CURRENT_VERSION } from '../../src/session/schema.js';
import { richDocument } from './helpers.js';

/** Format and version checks, and the chain of migration steps. */

function thrown(action: () => unknown): MixdownError {
  try {
    action();
  } catch (error) {
    if (error instanceof MixdownError) return error;
    throw error;
  }
  throw new Error('expected a MixdownError');
}

describe('format and version', () => {
  it('passes a current document through unchanged', () => {
    const document = richDocument();
    const migrated = migrateDocument(document);
    expect(migrated.document).toEqual(document);
    expect(migrated.migratedFrom).toBeUndefined();
  });

  it('refuses a document from a newer mixdown', () => {
    const error = thrown(() =>
      migrateDocument(
        { ...richDocument(), version: CURRENT_VERSION + 1 },
        { fileName: 'song/session.json' },
      ),
    );
    expect(error.code).toBe('newer-version');
    expect(error.message).toBe(
      `song/session.json was saved by a newer mixdown (session format ${CURRENT_VERSION + 1}; this version reads up to ${CURRENT_VERSION}); update mixdown to open it.`,
    );
  });

  it.each([
    [[1, 2], 'session.json must hold a JSON object (a mixdown session), got a list of 2.'],
    [
      { format: 'daw-project', version: 1 },
      'session.json is not a mixdown session: its "format" must be "mixdown-session", got "daw-project".',
    ],
    [
      { format: 'mixdown-session', version: '1' },
      'session.json has a bad "version": it must be a whole number from 1, got "1".',
    ],
    [
      { format: 'mixdown-session' },
      'session.json has a bad "version": it must be a whole number from 1, got nothing.',
    ],
  ])('refuses %j', (document, message) => {
    const error = thrown(() => migrateDocument(document));
    expect([error.code, error.message]).toEqual(['invalid-session', message]);
  });
});

describe('the migration chain', () => {
  // A made-up history: format 1 called the name "title"; format 3 added "notes".
  const steps = new Map<number, MigrationStep>([
    [1, ({ title, ...rest }) => ({ ...rest, name: title })],
    [2, (document) => ({ ...document, notes: '' })],
  ]);
  const options = { migrations: steps, currentVersion: 3 };

  it('runs every step from the document version to the current one, in order', () => {
    const old = { format: 'mixdown-session', version: 1, title: 'Song' };
    const migrated = migrateDocument(old, options);
    expect(migrated).toEqual({
      document: { format: 'mixdown-session', version: 3, name: 'Song', notes: '' },
      migratedFrom: 1,
    });
    expect(old).toEqual({ format: 'mixdown-session', version: 1, title: 'Song' });
  });

  it('starts from the document version', () => {
    const migrated = migrateDocument(
      { format: 'mixdown-session', version: 2, name: 'Song' },
      options,
    );
    expect(migrated.document).toEqual({
      format: 'mixdown-session',
      version: 3,
      name: 'Song',
      notes: '',
    });
    expect(migrated.migratedFrom).toBe(2);
  });

  it('reports a gap in the chain as a bug, not a user mistake', () => {
    const error = thrown(() =>
      migrateDocument(
        { format: 'mixdown-session', version: 1 },
        { ...options, migrations: new Map() },
      ),
    );
    expect(error.code).toBe('internal');
    expect(error.message).toContain('no migration from session format 1 to 2');
  });
});
