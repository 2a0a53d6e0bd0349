import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { createAudio } from '../../src/core/audio.js';
import { masterProgramme } from '../../src/master/master.js';
import { memoryProgramme, readProgramme } from '../../src/master/programme.js';
import { targetLoudness } from '../../src/master/targeting.js';
import { resolveTarget } from '../../src/master/targets.js';
import { programme } from '../fixtures/programmes.js';

/**
 * Targets that cannot be reached are reported as such, with the reason and with the figures
 * actually reached (read again here from the audio), never as reached.
 */

describe('targets that cannot be reached', () => {
  it('−5 LUFS on the very dynamic programme with a 6 dB limiting budget: refused with the reason and the reached figures', async () => {
    const result = await masterProgramme(memoryProgramme(programme('very dynamic')), {
      target: resolveTarget({ lufs: -5, ceilingDbtp: -1 }),
      maxLimitingDb: 6,
    });
    const t = result.targeting;
    expect(t.outcome).toBe('limiting-budget');
    expect(t.reached).toBe(false);
    expect(t.reason).toMatch(
      /^-5\.0 LUFS needs more than the allowed 6\.0 dB of peak limiting: at that limit \(drive [\d.]+ dB, peak reduction [\d.]+ dB\) the master reaches only -[\d.]+ LUFS, true peak -[\d.]+ dBTP \(8×\)\.$/,
    );
    const output = await readProgramme(t.output!);
    const check = analyzeAudio(output, { truePeakOversampling: 8 });
    // Honest figures: what the analyser reads, well short of the target, under the ceiling.
    expect(t.integratedLufs).toBeCloseTo(check.integratedLufs, 9);
    expect(t.truePeakDbtp).toBeCloseTo(check.truePeakDbtp, 9);
    expect(check.integratedLufs).toBeLessThan(-5.1);
    expect(check.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(t.limiting.peakDb).toBeLessThanOrEqual(6.05);
  });

  it('a silent programme has no loudness to target', async () => {
    const result = await targetLoudness(memoryProgramme(createAudio(48000, 2, 48000)), {
      lufs: -14,
      ceilingDbtp: -1,
    });
    expect(result.outcome).toBe('silent');
    expect(result.passes).toEqual([]);
    expect(result.output).toBeUndefined();
    expect(result.reason).toBe(
      'The programme is silent (below the −70 LUFS gate), so it has no loudness to bring to a target.',
    );
  });

  it('a programme shorter than one 400 ms gating block cannot be measured', async () => {
    const short = createAudio(48000, 2, 14400);
    short.channels[0].fill(0.1);
    const result = await targetLoudness(memoryProgramme(short), { lufs: -14, ceilingDbtp: -1 });
    expect(result.outcome).toBe('too-short');
    expect(result.reason).toMatch(
      /^The programme is 0\.30 s long; integrated loudness needs at least 0\.4 s/,
    );
  });
});
