import { Prng } from '../../core/prng.js';

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/**
 * Delay lengths for a feedback delay network: `count` values spread geometrically from
 * `shortest` to `longest` samples, each moved by a seeded random fraction of the spacing
 * (so the set is not a regular series), then to the nearest unused prime. Prime lengths
 * are mutually prime, so no two lines' echoes coincide periodically and the modes of the
 * network spread evenly (Schroeder 1962; Jot & Chaigne 1991, §3). Same arguments, same
 * lengths: renders stay deterministic.
 */
export function fdnDelayLengths(
  count: number,
  shortest: number,
  longest: number,
  seed: number,
): Int32Array {
  const prng = new Prng(seed);
  const ratio = longest / shortest;
  const used = new Set<number>();
  const lengths = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const position = count === 1 ? 0 : (i + prng.uniform(-0.35, 0.35)) / (count - 1);
    const target = Math.round(shortest * ratio ** Math.min(1, Math.max(0, position)));
    let best = Math.max(2, target);
    for (let step = 0; ; step++) {
      const up = target + step;
      const down = target - step;
      if (isPrime(up) && !used.has(up)) {
        best = up;
        break;
      }
      if (down >= 2 && isPrime(down) && !used.has(down)) {
        best = down;
        break;
      }
    }
    used.add(best);
    lengths[i] = best;
  }
  return lengths;
}
