import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionJsonSchema } from './schema.js';

/** The published JSON Schema file of this repository: <repo>/schema/session.schema.json. */
export function schemaFilePath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'session.schema.json');
}

/** The schema as JSON text (2-space; Biome may lay arrays out more compactly). */
export function sessionJsonSchemaText(): string {
  return `${JSON.stringify(sessionJsonSchema(), null, 2)}\n`;
}
