// Renders one project in a fresh process and prints time and peak memory, so the memory
// figure belongs to the render alone.
import { renderToFiles } from '../src/mix/render-project.js';
import { loadProject } from '../src/session/index.js';

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
