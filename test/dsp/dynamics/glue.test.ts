import { describe, expect, it } from 'vitest';
import { AUTO_RELEASE } from '../../../src/dsp/dynamics/auto-release.js';
import { GLUE_KNEE_DB, glueProcessor } from '../../../src/dsp/dynamics/glue.js';
import { tutorialReductionDb } from './reference.js';
import { create, crossing, gainDb, probe, render } from './signals.js';

const FS = 48000;

describe('glue compressor', () => {
  for (const ratio of ['1.5', '2', '4', '10'] as const) {
    it(`ratio ${ratio}: static curve with its ${GLUE_KNEE_DB} dB knee within 0.1 dB`, () => {
      for (const level of [-30, -22, -18, -14, -6, 0]) {
        const p = create(glueProcessor, {
          thresholdDb: -18,
          ratio,
          attackMs: 0.1,
          releaseMs: '1200',
        });
        // Attack 0.1 ms: ten time constants are 1 ms; 0.2 s settles far beyond that.
        const input = probe(FS / 5, () => level);
        const gain = gainDb(render(p, [input])[0], input)[FS / 5 - 1];
        const expected = -tutorialReductionDb(level, -18, Number(ratio), GLUE_KNEE_DB);
        expect(Math.abs(gain - expected)).toBeLessThan(0.1);
      }
    });
  }

  it('stepped release: 300 ms from 63 % of a step, within 10 %', () => {
    const p = create(glueProcessor, {
      thresholdDb: -30,
      ratio: '4',
      attackMs: 0.1,
      releaseMs: '300',
    });
    const stepDown = FS / 2;
    const input = probe(stepDown + 2 * FS, (i) => (i < stepDown ? -6 : -60));
    const reduction = gainDb(render(p, [input])[0], input).map((g) => -g);
    const full = reduction[stepDown - 1];
    const seconds = crossing(reduction, full / Math.E, stepDown - 1, 'down') / FS;
    expect(Math.abs(seconds - 0.3) / 0.3).toBeLessThan(0.1);
  });

  describe('auto release is program dependent', () => {
    /** Time (s) for the reduction to fall to 1/e of its value when a burst of `burstS` ends. */
    const recovery = (burstS: number): number => {
      const p = create(glueProcessor, {
        thresholdDb: -30,
        ratio: '4',
        attackMs: 0.1,
        releaseMs: 'auto',
      });
      const start = FS / 10;
      const end = start + Math.round(burstS * FS);
      const input = probe(end + 4 * FS, (i) => (i >= start && i < end ? -6 : -60));
      const reduction = gainDb(render(p, [input])[0], input).map((g) => -g);
      return crossing(reduction, reduction[end - 1] / Math.E, end - 1, 'down') / FS;
    };

    it(`after a 20 ms transient it recovers with the fast time (${AUTO_RELEASE.fastReleaseMs} ms)`, () => {
      const fast = AUTO_RELEASE.fastReleaseMs / 1000;
      expect(Math.abs(recovery(0.02) - fast) / fast).toBeLessThan(0.1);
    });

    it('after a 400 ms burst: the larger of the two decays, as the definition gives', () => {
      // Fast part: X·e^(−t/τf). Slow part: charged to 1 − e^(−0.4/τa) of X, then
      // decaying with τs. The reduction falls to X/e when the larger of them does.
      const fast = AUTO_RELEASE.fastReleaseMs / 1000;
      const slow = AUTO_RELEASE.slowReleaseMs / 1000;
      const charged = 1 - Math.exp(-0.4 / (AUTO_RELEASE.slowAttackMs / 1000));
      const expected = Math.max(fast, slow * (1 + Math.log(charged)));
      expect(Math.abs(recovery(0.4) - expected) / expected).toBeLessThan(0.1);
    });

    it(`after 5 s of steady compression it recovers with the slow time (${AUTO_RELEASE.slowReleaseMs} ms)`, () => {
      const slow = AUTO_RELEASE.slowReleaseMs / 1000;
      expect(Math.abs(recovery(5) - slow) / slow).toBeLessThan(0.1);
    });
  });
});
