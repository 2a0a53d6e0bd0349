import { spawnSync } from 'node:child_process';
import { writeFileAtomic } from '../io/atomic.js';
import { schemaFilePath, sessionJsonSchemaText } from './schema-file.js';

/**
 * Regenerates schema/session.schema.json from the code: `npx tsx src/session/write-schema.ts`
 * (`npm run schema`). A test fails whenever the committed file says something else, so the
 * published schema cannot drift from the code. The file is then laid out by Biome, as every
 * JSON file in the repository is, so `npm run lint` stays clean.
 */
const path = schemaFilePath();
await writeFileAtomic(path, sessionJsonSchemaText());
const format = spawnSync('npx', ['biome', 'format', '--write', path], { stdio: 'ignore' });
process.stdout.write(
  `wrote ${path}${format.status === 0 ? '' : ' (not formatted: Biome did not run)'}\n`,
);
