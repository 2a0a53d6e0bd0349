import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import type { AudioData } from '../../src/core/audio.js';
import { buildProcessors, parseInserts, runChain } from '../../src/master/chain.js';
import { defaultChain, profileMix } from '../../src/master/default-chain.js';
import { splitChain } from '../../src/master/master.js';
import { memoryProgramme, readProgramme } from '../../src/master/programme.js';
import { targetLoudness } from '../../src/master/targeting.js';
import { type ProgrammeName, programme } from '../fixtures/programmes.js';

/**
 * Loudness targeting on the generated programmes: each one is mastered with the default
 * chain (its stages before the limiter run once per distinct chain) to −14, −16, −9 and
 * −23 LUFS with a −1 dBTP ceiling, and every output is analysed again, independently of what
 * targeting reported, at 8× true-peak oversampling.
 */

export const TARGETS_LUFS = [-14, -16, -9, -23] as const;
export const CEILING_DBTP = -1;

export function targetingCases(names: readonly ProgrammeName[]): void {
  for (const name of names) {
    describe(`loudness targeting: ${name}`, () => {
      const prepared = new Map<string, AudioData>();
      /** The default chain's stages before the limiter, run once per distinct chain. */
      async function beforeLimiter(lufs: number) {
        const mix = programme(name);
        const profile = await profileMix(memoryProgramme(mix));
        const { chain } = defaultChain(profile, { lufs, ceilingDbtp: CEILING_DBTP });
        const split = splitChain(parseInserts(chain));
        const key = JSON.stringify(split.pre);
        let audio = prepared.get(key);
        if (!audio) {
          audio = runChain(buildProcessors(split.pre), mix);
          prepared.set(key, audio);
        }
        return { audio, limiter: split.limiter };
      }

      for (const lufs of TARGETS_LUFS) {
        it(`${lufs} LUFS: within ±0.1 LU, true peak ≤ ${CEILING_DBTP} dBTP (independent analysis at 8×)`, async () => {
          const { audio, limiter } = await beforeLimiter(lufs);
          const result = await targetLoudness(memoryProgramme(audio), {
            lufs,
            ceilingDbtp: CEILING_DBTP,
            limiter,
          });
          expect(result.outcome).toBe('reached');
          const output = await readProgramme(result.output!);
          expect(output.channels[0].length).toBe(programme(name).channels[0].length);
          const check = analyzeAudio(output, { truePeakOversampling: 8 });
          expect(Math.abs(check.integratedLufs - lufs)).toBeLessThanOrEqual(0.1);
          expect(check.truePeakDbtp).toBeLessThanOrEqual(CEILING_DBTP);
          // What targeting reported is what the analyser reads from the audio it returned.
          expect(result.integratedLufs).toBeCloseTo(check.integratedLufs, 9);
          expect(result.truePeakDbtp).toBeCloseTo(check.truePeakDbtp, 9);
          await result.output!.dispose();
        });
      }
    });
  }
}
