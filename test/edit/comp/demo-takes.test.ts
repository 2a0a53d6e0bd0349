import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudioData } from '../../../src/core/audio.js';
import type { CompPhraseTruth, DemoTakes } from '../../../src/demo/synth/index.js';
import { generateDemoTakes, TAKE } from '../../../src/demo/synth/index.js';
import {
  analyseTake,
  type CompProposal,
  formatCompTable,
  proposeFromAnalyses,
  type TakeAnalysis,
} from '../../../src/edit/comp/index.js';
import { parseKey } from '../../../src/edit/pitch/index.js';
import { useTempDir } from '../../io/helpers/fixtures.js';
import { makeCompProject, renderLeft, setComp } from './comp-project.js';

/**
 * The demo's three lead-vocal takes with their deliberate flaws (src/demo/synth/flaw-plan.ts)
 * and the synthesiser's comp truth table: which takes are clean in each phrase.
 *   phrase 1: take 2 pitchy                → clean: take 1, take 3
 *   phrase 2: take 1 clipped burst         → clean: take 3, take 2
 *   phrase 3: take 2 pitchy, take 3 late   → clean: take 1
 *   phrase 4: take 1 clicks                → clean: take 3, take 2
 */
const tmp = useTempDir();
const IDS: Record<string, string> = {
  [TAKE.vocal1]: 'take1',
  [TAKE.vocal2]: 'take2',
  [TAKE.vocal3]: 'take3',
};

let demo: DemoTakes;
let truth: readonly CompPhraseTruth[];
let audio: Record<string, AudioData>;
let analyses: TakeAnalysis[];
let onGrid: CompProposal;

beforeAll(() => {
  demo = generateDemoTakes({ seed: 1, flaws: true });
  truth = demo.truth.flaws!.comp;
  audio = Object.fromEntries(
    demo.takes.filter((t) => t.role === 'lead-vocal').map((t) => [IDS[t.name], t.audio]),
  );
  analyses = Object.entries(audio).map(([id, a]) =>
    analyseTake({ id, audio: a, startSeconds: 0 }, { key: parseKey(demo.key.name) }),
  );
  onGrid = proposeFromAnalyses(analyses, {
    grid: { stepSeconds: 60 / demo.tempoBpm / 2, originSeconds: 0 },
  });
  console.log(formatCompTable(onGrid));
}, 120_000);

const clean = (p: number) => truth[p].cleanTakes.map((name) => IDS[name]);

describe('automatic comp of the demo takes against their flaw table', () => {
  it('finds the four sung phrases', () => {
    expect(onGrid.plan.phrases).toHaveLength(demo.phrases.length);
    onGrid.plan.phrases.forEach((found, p) => {
      // Take 3 sings ±6 ms around the melody; the tracker voices within ~20 ms.
      expect(Math.abs(found.startSeconds - demo.phrases[p].startSeconds)).toBeLessThan(0.03);
      // The last note rings past the melody's end by its 80 ms release (more if late).
      expect(found.endSeconds).toBeGreaterThan(demo.phrases[p].endSeconds - 0.03);
      expect(found.endSeconds).toBeLessThan(demo.phrases[p].endSeconds + 0.3);
    });
  });

  it('picks a clean take in every phrase (key and grid)', () => {
    onGrid.choices.forEach((choice, p) => {
      expect(clean(p), `phrase ${p + 1}: ${choice.reason}`).toContain(choice.take);
    });
  });

  it('picks a clean take in every phrase against a guide take (take 1)', () => {
    const guided = proposeFromAnalyses(analyses, { guide: 'take1' });
    guided.choices.forEach((choice, p) => {
      expect(clean(p), `phrase ${p + 1}: ${choice.reason}`).toContain(choice.take);
    });
  });

  it('the flawed take scores lowest on the criterion its flaw belongs to', () => {
    const kinds = { pitchy: 'pitch', late: 'timing', clipped: 'noise', clicks: 'noise' } as const;
    truth.forEach((phrase, p) => {
      for (const flaw of phrase.flaws) {
        const criterion = kinds[flaw.kind];
        const scores = onGrid.scores[p].takes;
        const flawed = scores.find((s) => s.take === IDS[flaw.take])!;
        for (const other of scores.filter((s) => clean(p).includes(s.take)))
          expect(flawed[criterion].score, `${flaw.kind} in phrase ${p + 1}`).toBeLessThan(
            other[criterion].score - 0.3,
          );
      }
    });
  });

  it('renders the comp without a click at any boundary (and a hard cut would fail the bound)', async () => {
    const dir = await mkdtemp(join(tmp.dir(), 'demo-comp-'));
    const project = await makeCompProject(dir, audio);
    const regions = onGrid.regions.map((r) => ({
      take: r.take,
      start: r.startSeconds,
      end: r.endSeconds,
    }));
    expect(onGrid.cuts.length).toBeGreaterThan(0);
    await setComp(project, regions, onGrid.crossfadeMs);
    const out = await renderLeft(project, 'comp.wav');
    const fs = demo.sampleRate;

    // Away from the boundaries the comp plays the chosen take sample for sample.
    for (const r of onGrid.regions) {
      const mid = Math.round(((r.startSeconds + r.endSeconds) / 2) * fs);
      for (let n = mid; n < mid + 100; n++)
        expect(Math.abs(out[n] - audio[r.take].channels[0][n])).toBeLessThan(1e-6);
    }

    // An equal-power crossfade y = cos·a + sin·b over N samples moves by at most
    // (cos + sin)·max(|Δa|, |Δb|) + (π/2N)·(|a| + |b|) per sample, cos + sin ≤ √2. So no
    // step may exceed √2 × the larger step either take makes around the boundary itself,
    // plus the fade's own slope on their peak levels.
    const N = (onGrid.crossfadeMs / 1000) * fs;
    const boundWindow = (seconds: number, from: string, to: string) => {
      const a = audio[from].channels[0];
      const b = audio[to].channels[0];
      const lo = Math.round(seconds * fs - N / 2) - 96;
      const hi = Math.round(seconds * fs + N / 2) + 96;
      let takeStep = 0;
      let level = 0;
      const worst = 0;
      for (let n = lo; n < hi; n++) {
        takeStep = Math.max(takeStep, Math.abs(a[n] - a[n - 1]), Math.abs(b[n] - b[n - 1]));
        level = Math.max(level, Math.abs(a[n]) + Math.abs(b[n]));
      }
      const bound = Math.SQRT2 * takeStep + (Math.PI / (2 * N)) * level;
      return { lo, hi, takeStep, bound, worst };
    };
    let largestTakeStep = 0;
    for (const x of Object.values(audio))
      for (let n = 1; n < x.channels[0].length; n++)
        largestTakeStep = Math.max(
          largestTakeStep,
          Math.abs(x.channels[0][n] - x.channels[0][n - 1]),
        );
    for (const cut of onGrid.cuts) {
      const w = boundWindow(cut.seconds, cut.fromTake, cut.toTake);
      for (let n = w.lo; n < w.hi; n++) w.worst = Math.max(w.worst, Math.abs(out[n] - out[n - 1]));
      console.log(
        `cut ${cut.seconds.toFixed(3)} s ${cut.fromTake}→${cut.toTake}: worst step ${w.worst.toExponential(3)}, bound ${w.bound.toExponential(3)} (takes' own largest step there ${w.takeStep.toExponential(3)}; anywhere in any take ${largestTakeStep.toExponential(3)})`,
      );
      expect(w.worst).toBeLessThan(w.bound);
    }

    // Control: the same bound catches a hard cut (no crossfade) in the middle of a note.
    const sung = onGrid.plan.phrases[2];
    const at = (sung.startSeconds + sung.endSeconds) / 2;
    let cutSample = Math.round(at * fs);
    let jump = 0;
    for (let n = Math.round(at * fs); n < Math.round(at * fs) + 480; n++) {
      const d = Math.abs(audio.take1.channels[0][n] - audio.take3.channels[0][n - 1]);
      if (d > jump) {
        jump = d;
        cutSample = n;
      }
    }
    const hardCut = cutSample / fs;
    await setComp(
      project,
      [
        { take: 'take3', start: 0, end: hardCut },
        { take: 'take1', start: hardCut, end: demo.lengthSeconds },
      ],
      0,
    );
    const hard = await renderLeft(project, 'hard-cut.wav');
    const w = boundWindow(hardCut, 'take3', 'take1');
    for (let n = w.lo; n < w.hi; n++) w.worst = Math.max(w.worst, Math.abs(hard[n] - hard[n - 1]));
    console.log(
      `control: hard cut at ${hardCut.toFixed(5)} s mid-note: step ${w.worst.toExponential(3)} against the bound ${w.bound.toExponential(3)}`,
    );
    expect(w.worst).toBeGreaterThan(w.bound);
  });
});
