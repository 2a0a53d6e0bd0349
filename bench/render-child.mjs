// Renders one project in a fresh process and prints time and peak memory, so the memory
// figure belongs to the render alone. Plain JavaScript over the compiled package (dist/),
// which is what the `mixdown` command runs: under tsx the loader's own thread and on-the-fly
// compiling of the worker modules cost about 15 % of the CPU time.
import { loadProject, renderToFiles } from '../dist/index.js';

const [project, output, threads] = process.argv.slice(2);
const session = (await loadProject(project)).resolved;
const started = process.hrtime.bigint();
const result = await renderToFiles(session, { output, format: 'wav24', threads: Number(threads) });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    seconds,
    audioSeconds: result.frames / result.sampleRate,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    integratedLufs: result.analysis.integratedLufs,
  }),
);
