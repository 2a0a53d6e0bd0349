import { describe, expect, it } from 'vitest';
import { analyzeAudio } from '../../src/analysis/index.js';
import { sliceAudio } from '../../src/core/audio.js';
import { resampleAudio } from '../../src/dsp/resample/index.js';
import { buildProcessors, parseInserts, runChain } from '../../src/master/chain.js';
import { masterProgramme } from '../../src/master/master.js';
import { memoryProgramme, readProgramme } from '../../src/master/programme.js';
import { resolveTarget } from '../../src/master/targets.js';
import { bandLimited, MATERIALS } from '../dsp/nonlinear/material.js';
import { bandLimitedPeak } from '../dsp/nonlinear/reference-true-peak.js';
import { programme } from '../fixtures/programmes.js';

/**
 * The true-peak ceiling at the level of a whole mastering chain: hard material (naive square
 * waves, full-scale clicks, clipped drums, a dense loud mix) pushed 12 dB into a chain whose
 * earlier stages add peaks of their own (a boosting multiband, a widening stereo stage),
 * then a generated loud mix mastered loud — at 44.1 kHz (−1 dBTP) and 48 kHz (−0.1 dBTP). The
 * output true peak is read at 16× by the analyser, and at 48 kHz also by an ideal band-limited
 * reconstruction (FFT zero-padding).
 */

const CHAIN = (ceilingDbtp: number) =>
  parseInserts([
    {
      type: 'multiband',
      bands: [
        { crossoverHz: 200, makeupDb: 3 },
        { crossoverHz: 3000, thresholdDb: -20, ratio: 2 },
        { makeupDb: 2 },
      ],
    },
    { type: 'stereo', highWidthPercent: 160, monoBelowHz: 100 },
    { type: 'limiter', ceilingDbtp, inputGainDb: 12 },
  ]);

const dbtp = (peak: number) => 20 * Math.log10(peak);

describe('mastering chain: the output never passes the true-peak ceiling', () => {
  for (const sampleRate of [44100, 48000]) {
    for (const make of MATERIALS) {
      const material = make(sampleRate);
      for (const ceiling of [sampleRate === 48000 ? -0.1 : -1]) {
        it(`${sampleRate} Hz, ${material.name} +12 dB into the chain, ${ceiling} dBTP: analyser at 16×`, () => {
          const out = runChain(buildProcessors(CHAIN(ceiling)), {
            sampleRate,
            channels: material.channels,
          });
          const analysed = analyzeAudio(out, { truePeakOversampling: 16 });
          expect(analysed.truePeakDbtp).toBeLessThanOrEqual(ceiling);
          expect(analysed.samplePeakDbfs).toBeGreaterThan(ceiling - 1); // it really is pushed
        });
      }
      // The ideal reconstruction agrees with every good meter only below ~0.45·fs (see the
      // limiter's tests), so it runs on the material with nothing above 0.47·fs.
      if (sampleRate !== 48000) continue;
      const limited = bandLimited(material, 0.47, sampleRate);
      it(`${sampleRate} Hz, ${limited.name}, −0.1 dBTP: ideal band-limited reconstruction at 16×`, () => {
        const out = runChain(buildProcessors(CHAIN(-0.1)), {
          sampleRate,
          channels: limited.channels,
        });
        for (const channel of out.channels) {
          expect(dbtp(bandLimitedPeak(channel, 16))).toBeLessThanOrEqual(-0.1);
        }
      });
    }
  }

  it('44.1 kHz: a loud generated mix mastered to −8 LUFS stays under −1 dBTP (analyser at 16×)', async () => {
    const rock = resampleAudio(sliceAudio(programme('dense rock'), 0, 8 * 48000), 44100);
    const result = await masterProgramme(memoryProgramme(rock), {
      target: resolveTarget({ lufs: -8, ceilingDbtp: -1 }),
    });
    expect(result.targeting.outcome).toBe('reached');
    const out = await readProgramme(result.output!);
    const analysed = analyzeAudio(out, { truePeakOversampling: 16 });
    expect(analysed.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(Math.abs(analysed.integratedLufs + 8)).toBeLessThanOrEqual(0.1);
  });
});
