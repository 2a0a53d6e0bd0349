// Analyses one file in a fresh process and prints its peak memory, so the figure is not
// mixed with the benchmark's own allocations.
import { analyzeReader } from '../src/analysis/index.js';
import { openAudio } from '../src/io/index.js';

const reader = await openAudio(process.argv[2]);
const started = process.hrtime.bigint();
const report = await analyzeReader(reader);
await reader.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    seconds,
    integratedLufs: report.integratedLufs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
