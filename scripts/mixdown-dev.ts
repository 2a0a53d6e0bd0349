// Runs the CLI from TypeScript source (no build step): `npx tsx scripts/mixdown-dev.ts analyze …`.
import { main } from '../src/cli/main.js';

await main(process.argv.slice(2));
