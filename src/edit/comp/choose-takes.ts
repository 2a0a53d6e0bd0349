/**
 * The choice of a take per phrase, with hysteresis: the sequence of takes that maximises
 *     Σ total score of the chosen take in each phrase − switchMargin × (number of switches)
 * found exactly by dynamic programming (Viterbi over phrases × takes). A switch therefore
 * happens only when the takes' score difference, summed over the phrases the new take would
 * sing, is larger than the margin: a take stays across phrases where another is better by
 * less than that, and a clearly better phrase still wins. Of sequences that score the same,
 * the one with fewer switches wins, then the one using takes given earlier (deterministic).
 */
const EPSILON = 1e-12;

interface Path {
  value: number;
  switches: number;
}

/** a is better than b: more value, or as much with fewer switches. */
function better(a: Path, b: Path): boolean {
  if (a.value > b.value + EPSILON) return true;
  return Math.abs(a.value - b.value) <= EPSILON && a.switches < b.switches;
}

export function chooseTakes(
  totals: readonly (readonly number[])[],
  switchMargin: number,
): number[] {
  const phrases = totals.length;
  if (phrases === 0) return [];
  const takes = totals[0].length;
  let paths: Path[] = totals[0].map((value) => ({ value, switches: 0 }));
  const from = totals.map(() => new Int32Array(takes));
  for (let p = 1; p < phrases; p++) {
    const next: Path[] = [];
    for (let t = 0; t < takes; t++) {
      // Staying is tried first, so on a full tie the take is kept.
      let best: Path = paths[t];
      let origin = t;
      for (let u = 0; u < takes; u++) {
        if (u === t) continue;
        const switched = { value: paths[u].value - switchMargin, switches: paths[u].switches + 1 };
        if (better(switched, best)) {
          best = switched;
          origin = u;
        }
      }
      next.push({ value: best.value + totals[p][t], switches: best.switches });
      from[p][t] = origin;
    }
    paths = next;
  }
  let last = 0;
  for (let t = 1; t < takes; t++) if (better(paths[t], paths[last])) last = t;
  const chosen = new Array<number>(phrases);
  chosen[phrases - 1] = last;
  for (let p = phrases - 1; p > 0; p--) chosen[p - 1] = from[p][chosen[p]];
  return chosen;
}
