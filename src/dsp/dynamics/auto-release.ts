import { smoothingCoefficient } from './envelope.js';

/**
 * Program-dependent ("auto") release, in the dual-time-constant manner of classic bus
 * compressors: two smooth branching detectors follow the same gain reduction and the
 * larger wins.
 *
 * - the fast one attacks at the set attack and releases in FAST_RELEASE_MS;
 * - the slow one charges in SLOW_ATTACK_MS and releases in SLOW_RELEASE_MS.
 *
 * A short transient barely charges the slow detector (a 20 ms burst reaches 1 − e^(−20/500)
 * ≈ 4 % of its reduction), so the gain recovers with the fast time; compression held for
 * longer than about SLOW_ATTACK_MS charges it fully, so recovery follows the slow time and
 * does not pump. Times use the 1 − 1/e definition of envelope.ts.
 */
export const AUTO_RELEASE = {
  fastReleaseMs: 100,
  slowAttackMs: 500,
  slowReleaseMs: 1200,
} as const;

export interface AutoReleaseCoefficients {
  fastFall: number;
  slowRise: number;
  slowFall: number;
}

export function autoReleaseCoefficients(sampleRate: number): AutoReleaseCoefficients {
  return {
    fastFall: smoothingCoefficient(AUTO_RELEASE.fastReleaseMs, sampleRate),
    slowRise: smoothingCoefficient(AUTO_RELEASE.slowAttackMs, sampleRate),
    slowFall: smoothingCoefficient(AUTO_RELEASE.slowReleaseMs, sampleRate),
  };
}
