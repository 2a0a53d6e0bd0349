import { describe, expect, it } from 'vitest';
import { PROCESSORS } from '../../src/dsp/registry.js';
import { formatIssue } from '../../src/session/issues.js';
import { validateDocument } from '../../src/session/validate.js';
import { problemsAfter } from './helpers.js';
import { SCHEMA_CASES } from './schema-cases.js';

describe('schema errors name the exact path and value', () => {
  it('accepts the valid rich document', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it.each(SCHEMA_CASES)('%s', (_, change, expected) => {
    expect(problemsAfter(change)).toEqual([expected]);
  });

  it('reports every problem at once, in document order', () => {
    expect(
      problemsAfter((d) => {
        d.tracks[1].pan = 2;
        d.sampleRate = 'fast';
      }),
    ).toEqual([
      'sampleRate: must be a number, got "fast"',
      'tracks[1].pan: must be at most 1, got 2',
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(problemsAfter((d) => (d.master['my gain'] = 1))).toEqual([
      'master["my gain"]: is not a known key here (known: inserts, gainDb, pan, panLaw, mute, polarity, automation)',
    ]);
  });
});

describe('the default schema follows the processor registry', () => {
  const withMasterInserts = (inserts: { type: string }[]) => ({
    format: 'mixdown-session',
    version: 1,
    name: 'x',
    sampleRate: 48000,
    master: { inserts },
  });

  it('accepts every registered processor with its defaults', () => {
    const outcome = validateDocument(withMasterInserts(PROCESSORS.map((p) => ({ type: p.type }))));
    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
  });

  it('lists every registered processor when the type is unknown', () => {
    const outcome = validateDocument(withMasterInserts([{ type: 'no-such-processor' }]));
    const known = PROCESSORS.map((p) => p.type).join(', ');
    expect(outcome.ok ? [] : outcome.issues.map(formatIssue)).toContain(
      `master.inserts[0].type: unknown processor "no-such-processor"; known: ${known}`,
    );
  });
});
