import { describe, expect, it } from 'vitest';
import {
  analyzeMix,
  analyzeProgramme,
  assistMastering,
} from '../../../src/master/assistant/index.js';
import { parseInserts } from '../../../src/master/chain.js';
import { memoryProgramme } from '../../../src/master/programme.js';
import {
  combineReferences,
  matchReferences,
  profileAudio,
  profileProgramme,
} from '../../../src/master/reference/index.js';
import { lowExcess, stereoMix } from './mixes.js';

/**
 * The assistant and the profiler read a mastering programme in blocks exactly as they read
 * audio in memory (so `mixdown master` can stream a long mix), and a reference match takes
 * the place of the parametric tonal moves.
 */
describe('assistant on programmes, and with a reference match', () => {
  const mix = stereoMix({ extraDb: lowExcess(6, 100) });

  it('analyses a programme read in blocks exactly as the same audio in memory', async () => {
    const fromMemory = analyzeMix(mix);
    const streamed = await analyzeProgramme(memoryProgramme(mix));
    expect(streamed).toEqual(fromMemory);
    expect(await profileProgramme(memoryProgramme(mix))).toEqual(profileAudio(mix));
  });

  it('uses the match-eq insert for the tonal stage when a reference match is given', () => {
    const analysis = analyzeMix(mix);
    const reference = stereoMix({ seed: 400 });
    const match = matchReferences(
      analysis.profile,
      combineReferences([{ profile: profileAudio(reference), name: 'ref.wav' }]),
    );
    const target = { lufs: match.loudness.targetLufs, ceilingDbtp: -1 };
    const a = assistMastering(analysis, { target, match });
    expect(a.chain.map((i) => i.type)).toEqual(['match-eq', 'limiter']);
    expect(a.chain[0]).toBe(match.insert);
    // A valid chain for the mastering chain runner (the chain file's own parser).
    expect(parseInserts(a.chain).map((i) => i.type)).toEqual(['match-eq', 'limiter']);
    expect(a.decisions.filter((d) => d.stage === 'reference').map((d) => d.reason)).toEqual(
      match.decisions.map((d) => d.reason),
    );
    // The low-end excess is now the match's to correct: the curve cuts the bass.
    const low = match.points.find((p) => p.frequencyHz > 55 && p.frequencyHz < 65);
    expect(low?.midGainDb).toBeLessThan(-2);
  });
});
