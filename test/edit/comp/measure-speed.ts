/**
 * Speed of automatic comping on three 30-second vocal takes (the demo's flawed lead-vocal
 * takes, first 30 s, mono, 48 kHz): the analysis of each take (pitch track, notes, click
 * and clip detection) and the scoring, choice and cut placement, as multiples of real time
 * counted over all three takes' audio (90 s). A measurement to read, not a test (DESIGN.md:
 * tests never assert on time); run with `npx tsx test/edit/comp/measure-speed.ts`.
 */
import { sliceAudio } from '../../../src/core/audio.js';
import { generateDemoTakes } from '../../../src/demo/synth/index.js';
import { analyseTake, proposeFromAnalyses } from '../../../src/edit/comp/index.js';
import { parseKey } from '../../../src/edit/pitch/index.js';

const SECONDS = 30;
const demo = generateDemoTakes({ seed: 1, flaws: true });
const takes = demo.takes
  .filter((t) => t.role === 'lead-vocal')
  .map((t, i) => ({
    id: `take${i + 1}`,
    audio: sliceAudio(t.audio, 0, SECONDS * demo.sampleRate),
    startSeconds: 0,
  }));
const audioSeconds = takes.length * SECONDS;

/** Wall and CPU time: on a shared machine the CPU time is the fairer figure. */
function time<T>(label: string, run: () => T): T {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = run();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU for ${audioSeconds} s of takes = ` +
      `${(audioSeconds / wall).toFixed(1)} × real time (${(audioSeconds / cpuSeconds).toFixed(1)} × on CPU time)`,
  );
  return result;
}

const key = parseKey('A minor');
const grid = { stepSeconds: 0.25, originSeconds: 0 };
const total = time('whole comp', () => {
  const analyses = time('  analysis (3 takes)', () => takes.map((t) => analyseTake(t, { key })));
  return time('  scoring, choice, cuts', () => proposeFromAnalyses(analyses, { grid }));
});
console.log(`${total.plan.phrases.length} phrases, ${total.regions.length} regions`);
