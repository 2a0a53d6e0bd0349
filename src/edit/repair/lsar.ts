/**
 * Least-squares AR interpolation (Janssen, Veldhuis & Vries 1986, "Adaptive interpolation of
 * discrete-time signals that can be modeled as autoregressive processes"; Godsill & Rayner
 * 1998, §5.2.2): the unknown samples x_u are chosen to minimise the energy of the prediction
 * error e = A·x of an order-p AR model over every row that touches them.
 *
 * With all those rows included, the normal equations take a banded Toeplitz form:
 *   Σ_j R_a(u_i − u_j)·x_{u_j} = −Σ_{m known} R_a(u_i − m)·x_m,   |·| ≤ p,
 * where R_a(d) = Σ_k a_k·a_{k+d} (predictor autocorrelation), so the matrix is built from
 * p + 1 numbers and solved by a banded Cholesky factorisation.
 *
 * The bounded variant (for de-clipping) adds sign constraints s_i·x_i ≥ level_i: a clipped
 * sample's true value lay at or beyond the clip level, on the clipped side (Abel & Smith
 * 1991, "Restoring a clipped signal"; Godsill & Rayner §5.4). It is a convex quadratic
 * programme, solved by the primal–dual active-set method, with the primal active-set method
 * (Nocedal & Wright, "Numerical Optimization", Alg. 16.3) as a fallback.
 */
import { predictorAutocorrelation } from './ar-model.js';
import { BandedCholesky } from './banded-cholesky.js';

type Samples = Float32Array | Float64Array;

/** The normal equations of one interpolation problem. */
class LsarSystem {
  readonly unknown: readonly number[];
  readonly order: number;
  readonly ra: Float64Array;
  /** Right-hand side −Σ_{m known} R_a(u_i − m)·x_m. */
  readonly rhs: Float64Array;
  /** Per unknown, the first and last list positions within `order` samples of it. */
  private readonly reachLo: Int32Array;
  private readonly reachHi: Int32Array;

  constructor(x: Samples, unknown: readonly number[], a: Float64Array, order: number) {
    this.unknown = unknown;
    this.order = order;
    this.ra = predictorAutocorrelation(a, order);
    const m = unknown.length;
    const lo = unknown[0] - order;
    const hi = unknown[m - 1] + order;
    const isUnknown = new Uint8Array(hi - lo + 1);
    for (const u of unknown) isUnknown[u - lo] = 1;
    this.rhs = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const u = unknown[i];
      let sum = 0;
      for (let n = u - order; n <= u + order; n++) {
        // Samples outside the clip count as silence.
        if (n < 0 || n >= x.length || isUnknown[n - lo] === 1) continue;
        sum += this.ra[Math.abs(n - u)] * x[n];
      }
      this.rhs[i] = -sum;
    }
    this.reachLo = new Int32Array(m);
    this.reachHi = new Int32Array(m);
    for (let i = 0, lo2 = 0, hi2 = 0; i < m; i++) {
      while (unknown[i] - unknown[lo2] > order) lo2++;
      if (hi2 < i) hi2 = i;
      while (hi2 + 1 < m && unknown[hi2 + 1] - unknown[i] <= order) hi2++;
      this.reachLo[i] = lo2;
      this.reachHi[i] = hi2;
    }
  }

  entry(i: number, j: number): number {
    const d = Math.abs(this.unknown[i] - this.unknown[j]);
    return d <= this.order ? this.ra[d] : 0;
  }

  /** Q·x for the unknowns, component i. */
  product(values: Float64Array, i: number): number {
    const u = this.unknown[i];
    let sum = 0;
    for (let j = this.reachLo[i]; j <= this.reachHi[i]; j++) {
      sum += this.ra[Math.abs(this.unknown[j] - u)] * values[j];
    }
    return sum;
  }

  /**
   * Solves the equations for the unknowns in `free` (ascending list positions) with the
   * others held at `values`; writes the solution into `values`. False if singular.
   */
  solveFree(free: readonly number[], values: Float64Array): boolean {
    const n = free.length;
    if (n === 0) return true;
    const freeSet = new Uint8Array(this.unknown.length);
    for (const i of free) freeSet[i] = 1;
    const b = new Float64Array(n);
    for (let f = 0; f < n; f++) {
      const i = free[f];
      let sum = this.rhs[i];
      const u = this.unknown[i];
      for (let j = this.reachLo[i]; j <= this.reachHi[i]; j++) {
        if (freeSet[j] === 0) sum -= this.ra[Math.abs(this.unknown[j] - u)] * values[j];
      }
      b[f] = sum;
    }
    // Bandwidth of the free subsystem in its own ordering: how many free unknowns back the
    // farthest one within `order` samples lies (often far fewer than `order`).
    let bandwidth = 0;
    for (let f = 0, lo = 0; f < n; f++) {
      while (this.unknown[free[f]] - this.unknown[free[lo]] > this.order) lo++;
      bandwidth = Math.max(bandwidth, f - lo);
    }
    const factor = BandedCholesky.factor(n, bandwidth, (r, c) => this.entry(free[r], free[c]));
    if (!factor) return false;
    factor.solve(b);
    for (let f = 0; f < n; f++) values[free[f]] = b[f];
    return true;
  }
}

/**
 * Replaces the samples at `unknown` (ascending indices into `x`) by their least-squares AR
 * interpolation from predictor `a` of order `order`. The samples within `order` of them must
 * be valid. Returns false (and leaves `x` unchanged) if the equations are singular.
 */
export function interpolateLsar(
  x: Samples,
  unknown: readonly number[],
  a: Float64Array,
  order: number,
): boolean {
  if (unknown.length === 0) return true;
  const system = new LsarSystem(x, unknown, a, order);
  const values = new Float64Array(unknown.length);
  const all = unknown.map((_, i) => i);
  if (!system.solveFree(all, values)) return false;
  unknown.forEach((u, i) => {
    x[u] = values[i];
  });
  return true;
}

/**
 * Primal–dual active-set iteration for the bound-constrained problem (Hintermüller, Ito &
 * Kunisch 2002, "The primal–dual active set strategy as a semismooth Newton method", Alg. 1):
 * the active set is read off multipliers and bound violations together, then the free
 * samples are solved with the active ones at their bounds; it usually settles in a handful
 * of solves where the primal method frees one bound per solve. `values` enters as the
 * unconstrained solution. Returns false (values undefined) if it does not settle on a
 * point that satisfies the optimality conditions within the iteration limit.
 */
function primalDualActiveSet(
  system: LsarSystem,
  values: Float64Array,
  sign: Int8Array,
  level: Float64Array,
): boolean {
  const m = values.length;
  const multiplier = new Float64Array(m);
  const active = new Uint8Array(m);
  const c = system.ra[0];
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(system.rhs[i]));
  const tolerance = 1e-9 * (scale + 1e-30);
  for (let iteration = 0; iteration < PDAS_ITERATIONS; iteration++) {
    let changed = iteration === 0;
    for (let i = 0; i < m; i++) {
      const next = multiplier[i] - c * (sign[i] * values[i] - level[i]) > 0 ? 1 : 0;
      if (next !== active[i]) changed = true;
      active[i] = next;
    }
    if (!changed) break;
    const free: number[] = [];
    for (let i = 0; i < m; i++) {
      if (active[i] === 1) values[i] = sign[i] * level[i];
      else free.push(i);
    }
    if (!system.solveFree(free, values)) return false;
    for (let i = 0; i < m; i++) {
      multiplier[i] = active[i] === 1 ? sign[i] * (system.product(values, i) - system.rhs[i]) : 0;
    }
  }
  for (let i = 0; i < m; i++) {
    if (sign[i] * values[i] < level[i] - tolerance) return false;
    if (multiplier[i] < -tolerance) return false;
  }
  return true;
}

const PDAS_ITERATIONS = 50;

/**
 * As `interpolateLsar`, with each unknown constrained to lie at or beyond its level on its
 * side: sign[i]·x ≥ level[i] (level ≥ 0). Returns false if the equations are singular.
 */
export function interpolateLsarBounded(
  x: Samples,
  unknown: readonly number[],
  a: Float64Array,
  order: number,
  sign: Int8Array,
  level: Float64Array,
): boolean {
  const m = unknown.length;
  if (m === 0) return true;
  const system = new LsarSystem(x, unknown, a, order);
  const values = new Float64Array(m);
  const all = unknown.map((_, i) => i);
  if (!system.solveFree(all, values)) return false;
  if (primalDualActiveSet(system, values, sign, level)) {
    unknown.forEach((u, i) => {
      x[u] = values[i];
    });
    return true;
  }
  // Fallback, finite and monotone: the primal active-set method from a feasible start,
  // the projection of the unconstrained solution (its projected samples are active).
  if (!system.solveFree(all, values)) return false;
  const active = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    if (sign[i] * values[i] < level[i]) {
      values[i] = sign[i] * level[i];
      active[i] = 1;
    }
  }
  const candidate = new Float64Array(m);
  const maxIterations = 4 * m + 20;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const free: number[] = [];
    for (let i = 0; i < m; i++) if (active[i] === 0) free.push(i);
    candidate.set(values);
    if (!system.solveFree(free, candidate)) return false;
    // Longest step towards the subspace optimum that stays feasible.
    let step = 1;
    let blocking = -1;
    for (const i of free) {
      const move = sign[i] * (candidate[i] - values[i]);
      if (move < 0) {
        const room = sign[i] * values[i] - level[i];
        const t = room / -move;
        if (t < step) {
          step = t;
          blocking = i;
        }
      }
    }
    for (const i of free) values[i] += step * (candidate[i] - values[i]);
    if (blocking >= 0) {
      values[blocking] = sign[blocking] * level[blocking];
      active[blocking] = 1;
      continue;
    }
    // Optimal on this subspace: release the active bound with the most negative multiplier
    // (gradient pointing back into the feasible side), or stop when there is none.
    let worst = -1;
    let worstMultiplier = 0;
    let scale = 0;
    for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(system.rhs[i]));
    const tolerance = 1e-12 * (scale + 1e-30);
    for (let i = 0; i < m; i++) {
      if (active[i] === 0) continue;
      const multiplier = sign[i] * (system.product(values, i) - system.rhs[i]);
      if (multiplier < -tolerance && multiplier < worstMultiplier) {
        worstMultiplier = multiplier;
        worst = i;
      }
    }
    if (worst < 0) break;
    active[worst] = 0;
  }
  unknown.forEach((u, i) => {
    x[u] = values[i];
  });
  return true;
}
