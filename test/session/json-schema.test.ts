import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sessionJsonSchema } from '../../src/session/schema.js';
import { schemaFilePath } from '../../src/session/schema-file.js';
import { type Loose, richDocument, TEST_PROCESSORS } from './helpers.js';
import { SCHEMA_CASES } from './schema-cases.js';

/**
 * The published JSON Schema is generated from the zod schema; these tests keep the
 * committed file equal to it and show that it means something to an ordinary validator.
 */

const REGENERATE =
  'schema/session.schema.json is out of date: run `npx tsx src/session/write-schema.ts` (npm run schema) and commit the result';

function validator(schema: Record<string, unknown>) {
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** Compiled once: Ajv compiles a schema of this size in a fraction of a second, not free. */
const forTestProcessors = validator(sessionJsonSchema(TEST_PROCESSORS));

describe('the published JSON Schema', () => {
  it('equals the schema generated from the code', async () => {
    const committed = JSON.parse(await readFile(schemaFilePath(), 'utf8'));
    expect(committed, REGENERATE).toEqual(sessionJsonSchema());
  });

  it('accepts a valid document with registered processors', async () => {
    const validate = validator(JSON.parse(await readFile(schemaFilePath(), 'utf8')));
    const document = {
      $schema: '../schema/session.schema.json',
      format: 'mixdown-session',
      version: 1,
      name: 'Song',
      sampleRate: 44100,
      sources: [{ id: 'vox', path: 'audio/vox.wav' }],
      tracks: [
        {
          name: 'Vox',
          clips: [{ source: 'vox', start: '1:2.5' }],
          inserts: [{ type: 'gain', gainDb: 2 }],
        },
      ],
    };
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...document, sampleRate: 'high' })).toBe(false);
  });

  it('accepts the rich document when built for the same processors', () => {
    const valid = forTestProcessors(richDocument());
    expect(valid, JSON.stringify(forTestProcessors.errors)).toBe(true);
  });

  it.each(SCHEMA_CASES)('rejects what zod rejects: %s', (_, change) => {
    const document: Loose = richDocument();
    change(document);
    expect(forTestProcessors(document)).toBe(false);
  });

  it('carries the descriptions of parameter declarations', () => {
    const text = JSON.stringify(sessionJsonSchema(TEST_PROCESSORS));
    expect(text).toContain('Fader (dB): level of the strip after its inserts');
    expect(text).toContain('Ratio (ratio): x');
  });
});
