import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_CLIP_RUN } from '../../../src/analysis/index.js';
import {
  analyseTake,
  type CompProposal,
  proposeFromAnalyses,
  type TakeAnalysis,
  type TakePhraseScore,
} from '../../../src/edit/comp/index.js';
import { parseKey } from '../../../src/edit/pitch/index.js';
import { addClicks, FS, GRID_SECONDS, hardClip, mono, PHRASES, singTake } from './sung-takes.js';

/**
 * Three short takes of one three-phrase line, each flawed in known places, so every score
 * can be checked against what was done to the audio:
 *   take A: phrase 2 sung 60 ms late
 *   take B: phrase 1 sung 35 cents sharp; phrase 2 sung 6 dB louder
 *   take C: two clicks in phrase 1; phrase 3 sung 12 dB louder into a clipper at 0.4
 * Clean takes per phrase: 1 → A; 2 → C; 3 → A or B.
 */
const LATE_MS = 60;
const DETUNE_CENTS = 35;
const BOOST_DB = 6;
const CLIP_LEVEL = 0.4;

let analyses: TakeAnalysis[];
let proposal: CompProposal;
/** Samples the clipper flattened, and those of them in runs of ≥ MIN_CLIP_RUN (3). */
let clippedAll: number;
let clippedTruth: number;

beforeAll(() => {
  const a = singTake({ seed: 11, flaws: { lateMs: new Map([[1, LATE_MS]]) } });
  const b = singTake({
    seed: 12,
    flaws: { detuneCents: new Map([[0, DETUNE_CENTS]]), boostDb: new Map([[1, BOOST_DB]]) },
  });
  const c = singTake({ seed: 13, flaws: { boostDb: new Map([[2, 12]]) } });
  clippedTruth = samplesInRunsBeyond(c, Math.fround(CLIP_LEVEL), MIN_CLIP_RUN);
  clippedAll = hardClip(c, CLIP_LEVEL);
  addClicks(c, [
    { sample: Math.round(1.23 * FS), amplitude: 0.2 },
    { sample: Math.round(1.77 * FS), amplitude: -0.15 },
  ]);
  analyses = [
    { id: 'A', x: a },
    { id: 'B', x: b },
    { id: 'C', x: c },
  ].map(({ id, x }) =>
    analyseTake({ id, audio: mono(x), startSeconds: 0 }, { key: parseKey('A minor') }),
  );
  proposal = proposeFromAnalyses(analyses, {
    grid: { stepSeconds: GRID_SECONDS, originSeconds: 0 },
  });
}, 120_000);

/** Samples of `x` beyond ±level in runs of at least `minRun` consecutive samples. */
function samplesInRunsBeyond(x: Float32Array, level: number, minRun: number): number {
  let count = 0;
  let run = 0;
  for (let n = 0; n <= x.length; n++) {
    if (n < x.length && Math.abs(x[n]) > level) run++;
    else {
      if (run >= minRun) count += run;
      run = 0;
    }
  }
  return count;
}

const score = (phrase: number, take: string): TakePhraseScore =>
  proposal.scores[phrase].takes.find((t) => t.take === take)!;

describe('phrases and scores on takes with flaws placed by construction', () => {
  it('finds the three phrases where they were sung', () => {
    const found = proposal.plan.phrases;
    expect(found).toHaveLength(PHRASES.length);
    PHRASES.forEach((phrase, p) => {
      const first = phrase.notes[0][0];
      const last = phrase.notes[phrase.notes.length - 1];
      const lastEnd = last[0] + last[1];
      // Natural spread ±3 ms; the tracker's voicing within ~20 ms of the sound.
      expect(Math.abs(found[p].startSeconds - first)).toBeLessThan(0.03);
      // Up to the late take's end plus the 60 ms release.
      expect(found[p].endSeconds).toBeGreaterThan(lastEnd - 0.03);
      expect(found[p].endSeconds).toBeLessThan(lastEnd + (p === 1 ? LATE_MS / 1000 : 0) + 0.09);
    });
  });

  it('a detuned phrase scores lower on pitch, and reads as its detune', () => {
    const sharp = score(0, 'B').pitch;
    expect(sharp.meanAbsCents!).toBeGreaterThan(DETUNE_CENTS - 5);
    expect(sharp.meanAbsCents!).toBeLessThan(DETUNE_CENTS + 5);
    expect(sharp.score).toBeLessThan(score(0, 'A').pitch.score - 0.5);
    expect(sharp.score).toBeLessThan(score(0, 'C').pitch.score - 0.5);
    // In tune elsewhere (natural spread ±3 cents).
    for (const p of [1, 2]) expect(score(p, 'B').pitch.meanAbsCents!).toBeLessThan(6);
  });

  it('a late phrase scores lower on timing, and reads as its lateness', () => {
    const late = score(1, 'A').timing;
    expect(late.meanAbsMs!).toBeGreaterThan(LATE_MS - 10);
    expect(late.meanAbsMs!).toBeLessThan(LATE_MS + 10);
    expect(late.score).toBeLessThan(score(1, 'B').timing.score - 0.4);
    expect(late.score).toBeLessThan(score(1, 'C').timing.score - 0.4);
    for (const p of [0, 2]) expect(score(p, 'A').timing.meanAbsMs!).toBeLessThan(10);
  });

  it('a clipped phrase scores lower on noise/clipping, with every clipped sample counted', () => {
    // Every sample the clipper flattened in a run of 3 or more (a flat top); a lone sample
    // at the ceiling is indistinguishable from a peak, as in analyzeAudio's count.
    const clipped = score(2, 'C').noise;
    expect(clipped.clippedSamples).toBe(clippedTruth);
    expect(clippedAll - clippedTruth).toBeLessThan(clippedAll / 1000);
    expect(clipped.score).toBe(0);
    for (const p of [0, 1, 2])
      for (const take of ['A', 'B']) expect(score(p, take).noise.clippedSamples).toBe(0);
    expect(score(0, 'C').noise.clippedSamples + score(1, 'C').noise.clippedSamples).toBe(0);
  });

  it('clicks score lower on noise/clipping, counted one per click', () => {
    expect(score(0, 'C').noise.clicks).toBe(2);
    expect(score(0, 'C').noise.score).toBeLessThan(score(0, 'A').noise.score - 0.5);
    for (const p of [0, 1, 2])
      for (const take of ['A', 'B']) expect(score(p, take).noise.clicks).toBe(0);
    expect(score(1, 'C').noise.clicks).toBe(0);
  });

  it('a phrase sung louder than the take elsewhere scores lower on level, by its boost', () => {
    const loud = score(1, 'B').level;
    expect(loud.deviationLu!).toBeGreaterThan(BOOST_DB - 0.5);
    expect(loud.deviationLu!).toBeLessThan(BOOST_DB + 0.5);
    expect(loud.score).toBeLessThan(score(1, 'C').level.score - 0.5);
    expect(Math.abs(score(0, 'B').level.deviationLu!)).toBeLessThan(0.5);
  });

  it('the comp takes a clean take in every phrase, with its boundaries in the pauses', () => {
    const clean = [['A'], ['C'], ['A', 'B']];
    proposal.choices.forEach((choice, p) => {
      expect(clean[p]).toContain(choice.take);
    });
    const half = proposal.crossfadeMs / 2000;
    for (const cut of proposal.cuts) {
      expect(cut.quiet).toBe(true);
      // Between some phrase's last release (late take included) and the next phrase.
      const p = PHRASES.findIndex((ph) => ph.notes[0][0] > cut.seconds) - 1;
      const last = PHRASES[p].notes[PHRASES[p].notes.length - 1];
      const lastSound = last[0] + last[1] + 0.06 + (p === 1 ? LATE_MS / 1000 : 0);
      expect(cut.seconds - half).toBeGreaterThan(lastSound);
      expect(cut.seconds + half).toBeLessThan(PHRASES[p + 1].notes[0][0] - 0.003);
    }
    expect(proposal.regions.map((r) => r.take)).toEqual(
      proposal.choices.map((c) => c.take).filter((t, p, all) => p === 0 || all[p - 1] !== t),
    );
  });
});
