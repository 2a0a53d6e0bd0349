import { MAX_GRID_POINTS } from './fit-grid.js';
import { quadraticMinimum } from './squared-magnitude.js';

/**
 * Fits a squared magnitude made of quadratic factors in u (squared-magnitude.ts) to a target,
 * minimising the error in dB:
 *   model(u) = Π numerator factors Q_f(u) / Π denominator factors Q_f(u),
 *   r_i = ln model(u_i) − ln target_i,   cost = Σ w_i·r_i².
 * Fixed parts of a design (matched poles, zeros placed exactly) are divided into the target
 * beforehand, so only the free factors appear here.
 *
 * Levenberg–Marquardt (Marquardt 1963; K. Madsen, H. B. Nielsen, O. Tingleff, "Methods for
 * Non-Linear Least Squares Problems", 2004, §3.2) with Marquardt's diagonal scaling: the
 * Jacobian is exact and cheap, ∂r_i/∂c_fj = ±u_i^j / Q_f(u_i). A step is taken only if it
 * lowers the cost and leaves every factor positive on all of [0, uMax] (0…Nyquist), which is
 * what makes each factor realisable as |b(e^{jω})|² of a minimum-phase b.
 *
 * Least squares spreads the error; the specification bounds the largest. Rounds after the
 * first reweight each point by √(0.1 + |r_i| / max|r|), which moves the solution towards the
 * minimax one (Lawson's iteratively reweighted least squares, in the spirit of C. L. Lawson,
 * 1961; measured: worst error over the extremes sweep of design-accuracy.test.ts 0.068 dB
 * with one round, 0.056 dB with three).
 *
 * All storage is allocated once; nothing here allocates.
 */

export const MAX_FIT_FACTORS = 6;

/** to[toOffset + i] = from[fromOffset + i], i < count: a copy without subarray()'s allocation. */
export function copyValues(
  from: Float64Array,
  fromOffset: number,
  to: Float64Array,
  toOffset: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) to[toOffset + i] = from[fromOffset + i];
}
const MAX_PARAMETERS = 3 * MAX_FIT_FACTORS;

export class LogMagnitudeFit {
  /** (c0, c1, c2) of each factor. */
  readonly coefficients = new Float64Array(3 * MAX_FIT_FACTORS);
  readonly u = new Float64Array(MAX_GRID_POINTS);
  /** ln of the squared magnitude the factors must make together. */
  readonly target = new Float64Array(MAX_GRID_POINTS);
  readonly baseWeight = new Float64Array(MAX_GRID_POINTS);
  /** 1 where the error counts (maxErrorDb). */
  readonly checked = new Uint8Array(MAX_GRID_POINTS);
  pointCount = 0;
  /** u at Nyquist: factors must stay positive on [0, uMax]. */
  uMax = 1;
  factorCount = 0;

  private readonly free = new Uint8Array(3 * MAX_FIT_FACTORS);
  private readonly signs = new Float64Array(MAX_FIT_FACTORS);
  private readonly floors = new Float64Array(MAX_FIT_FACTORS);
  private readonly weight = new Float64Array(MAX_GRID_POINTS);
  private readonly residual = new Float64Array(MAX_GRID_POINTS);
  private readonly trialResidual = new Float64Array(MAX_GRID_POINTS);
  private readonly trial = new Float64Array(3 * MAX_FIT_FACTORS);
  private readonly parameter = new Int32Array(MAX_PARAMETERS);
  private readonly normal = new Float64Array(MAX_PARAMETERS * MAX_PARAMETERS);
  private readonly damped = new Float64Array(MAX_PARAMETERS * MAX_PARAMETERS);
  private readonly gradient = new Float64Array(MAX_PARAMETERS);
  private readonly step = new Float64Array(MAX_PARAMETERS);
  private readonly row = new Float64Array(MAX_PARAMETERS);
  private parameterCount = 0;
  /** Whether `residual` belongs to the current coefficients. */
  private residualCurrent = false;
  private currentCost = 0;
  private lambda = 1e-3;
  private nu = 2;

  clearFactors(): void {
    this.factorCount = 0;
    this.residualCurrent = false;
  }

  /**
   * Adds a factor c0 + c1·u + c2·u² (numerator if `sign` is 1, denominator if −1). It must
   * stay above `floor`·c0 on [0, uMax]: 0 for zeros that may reach the unit circle, a small
   * positive floor for a factor that is or becomes a pair of poles (keeps them off it).
   */
  addFactor(
    c0: number,
    c1: number,
    c2: number,
    free0: boolean,
    free1: boolean,
    free2: boolean,
    sign: 1 | -1,
    floor: number,
  ): number {
    const f = this.factorCount++;
    const o = 3 * f;
    this.residualCurrent = false;
    this.coefficients[o] = c0;
    this.coefficients[o + 1] = c1;
    this.coefficients[o + 2] = c2;
    this.free[o] = free0 ? 1 : 0;
    this.free[o + 1] = free1 ? 1 : 0;
    this.free[o + 2] = free2 ? 1 : 0;
    this.signs[f] = sign;
    this.floors[f] = floor;
    return f;
  }

  /** Largest |error| in dB over the checked points, for the current coefficients. */
  maxErrorDb(): number {
    if (!this.residualCurrent) {
      this.residualCurrent = this.evaluate(this.coefficients, this.residual);
      if (!this.residualCurrent) return Number.POSITIVE_INFINITY;
    }
    return (10 / Math.LN10) * this.worstResidual();
  }

  /** Call after writing `coefficients` directly (the residuals no longer match them). */
  coefficientsChanged(): void {
    this.residualCurrent = false;
  }

  /** Largest |residual| (natural log of the squared magnitude) over the checked points. */
  private worstResidual(): number {
    let worst = 0;
    for (let i = 0; i < this.pointCount; i++) {
      if (this.checked[i] === 1) worst = Math.max(worst, Math.abs(this.residual[i]));
    }
    return worst;
  }

  /** True once the checked error is at or below the goal given to `iterate`. */
  reachedGoal = false;
  /** True once a round stops improving (or cannot start): start another, or stop. */
  stalled = false;

  /**
   * Starts a round: weights (reweighted towards the minimax error if `reweight`), cost, and
   * the damping. Rounds may be run a few iterations at a time (`iterate`), so a design can
   * be spread over several control periods.
   */
  startRound(reweight: boolean): void {
    let p = 0;
    for (let k = 0; k < 3 * this.factorCount; k++) if (this.free[k] === 1) this.parameter[p++] = k;
    this.parameterCount = p;
    this.residualCurrent = this.evaluate(this.coefficients, this.residual);
    this.stalled = p === 0 || !this.residualCurrent;
    if (this.stalled) return;
    this.setWeights(reweight);
    this.currentCost = this.cost(this.residual);
    this.lambda = 1e-3;
    this.nu = 2;
  }

  /** Up to `iterations` LM iterations of the current round, stopping at `goalDb`; returns how many it ran. */
  iterate(iterations: number, goalDb: number): number {
    const goal = (goalDb * Math.LN10) / 10;
    this.reachedGoal = this.worstResidual() <= goal;
    const p = this.parameterCount;
    const c = this.coefficients;
    const size = 3 * this.factorCount;
    let it = 0;
    for (; it < iterations && !this.stalled && !this.reachedGoal; it++) {
      this.buildNormalEquations(p);
      let accepted = false;
      for (let attempt = 0; attempt < 16 && !accepted; attempt++) {
        if (this.solveDamped(p, this.lambda)) {
          const t = this.trial;
          copyValues(c, 0, t, 0, size);
          for (let k = 0; k < p; k++) t[this.parameter[k]] += this.step[k];
          const predicted = this.predictedReduction(p, this.lambda);
          if (predicted > 0 && this.evaluate(t, this.trialResidual)) {
            const trialCost = this.cost(this.trialResidual);
            const rho = (this.currentCost - trialCost) / predicted;
            if (rho > 0) {
              const gain = this.currentCost - trialCost;
              copyValues(t, 0, c, 0, size);
              copyValues(this.trialResidual, 0, this.residual, 0, this.pointCount);
              this.currentCost = trialCost;
              // Damping λ (relative to diag JᵀWJ) and its growth ν follow the ratio of
              // actual to predicted reduction (Madsen, Nielsen & Tingleff 2004, eq. 3.15).
              this.lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
              this.nu = 2;
              accepted = true;
              this.stalled = gain <= 1e-10 * trialCost;
              this.reachedGoal = this.worstResidual() <= goal;
              break;
            }
          }
        }
        this.lambda *= this.nu;
        this.nu *= 2;
      }
      if (!accepted) this.stalled = true;
    }
    return it;
  }

  /** Reduction of the cost the linear model predicts for the last step: −gᵀh + λ·hᵀ(diag A)h. */
  private predictedReduction(p: number, lambda: number): number {
    let s = 0;
    for (let k = 0; k < p; k++) {
      const h = this.step[k];
      s += -this.gradient[k] * h + lambda * this.normal[k * p + k] * h * h;
    }
    return s;
  }

  private setWeights(reweight: boolean): void {
    const n = this.pointCount;
    if (!reweight) {
      copyValues(this.baseWeight, 0, this.weight, 0, n);
      return;
    }
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(this.residual[i]));
    const scale = largest > 0 ? 1 / largest : 0;
    for (let i = 0; i < n; i++) {
      this.weight[i] = this.baseWeight[i] * Math.sqrt(0.1 + Math.abs(this.residual[i]) * scale);
    }
  }

  private cost(r: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.pointCount; i++) s += this.weight[i] * r[i] * r[i];
    return s;
  }

  /** Residuals for coefficients `c`; false if a factor is not positive on [0, uMax]. */
  private evaluate(c: Float64Array, out: Float64Array): boolean {
    const nf = this.factorCount;
    for (let f = 0; f < nf; f++) {
      const c0 = c[3 * f];
      const least = quadraticMinimum(c0, c[3 * f + 1], c[3 * f + 2], this.uMax);
      if (!(least > this.floors[f] * c0) || !(least > 0)) return false;
    }
    for (let i = 0; i < this.pointCount; i++) {
      const u = this.u[i];
      let num = 1;
      let den = 1;
      for (let f = 0; f < nf; f++) {
        const q = c[3 * f] + (c[3 * f + 1] + c[3 * f + 2] * u) * u;
        if (this.signs[f] > 0) num *= q;
        else den *= q;
      }
      out[i] = Math.log(num / den) - this.target[i];
    }
    return true;
  }

  /** JᵀWJ (lower triangle) and JᵀWr at the current coefficients. */
  private buildNormalEquations(p: number): void {
    const a = this.normal;
    const g = this.gradient;
    const row = this.row;
    const c = this.coefficients;
    a.fill(0, 0, p * p);
    g.fill(0, 0, p);
    for (let i = 0; i < this.pointCount; i++) {
      const u = this.u[i];
      const w = this.weight[i];
      if (w === 0) continue;
      for (let k = 0; k < p; k++) {
        const index = this.parameter[k];
        const f = (index / 3) | 0;
        const j = index - 3 * f;
        const q = c[3 * f] + (c[3 * f + 1] + c[3 * f + 2] * u) * u;
        const power = j === 0 ? 1 : j === 1 ? u : u * u;
        row[k] = (this.signs[f] * power) / q;
      }
      const wr = w * this.residual[i];
      for (let k = 0; k < p; k++) {
        const wk = w * row[k];
        g[k] += row[k] * wr;
        for (let l = 0; l <= k; l++) a[k * p + l] += wk * row[l];
      }
    }
  }

  /** Solves (A + λ·diag A)·step = −g by Cholesky; false if not positive definite. */
  private solveDamped(p: number, lambda: number): boolean {
    const a = this.normal;
    const l = this.damped;
    let largest = 0;
    for (let k = 0; k < p; k++) largest = Math.max(largest, a[k * p + k]);
    for (let k = 0; k < p; k++) {
      for (let m = 0; m <= k; m++) {
        let s = a[k * p + m];
        if (m === k) s += lambda * (a[k * p + k] + 1e-12 * largest);
        for (let n = 0; n < m; n++) s -= l[k * p + n] * l[m * p + n];
        if (m === k) {
          if (!(s > 0)) return false;
          l[k * p + k] = Math.sqrt(s);
        } else {
          l[k * p + m] = s / l[m * p + m];
        }
      }
    }
    const x = this.step;
    for (let k = 0; k < p; k++) {
      let s = -this.gradient[k];
      for (let n = 0; n < k; n++) s -= l[k * p + n] * x[n];
      x[k] = s / l[k * p + k];
    }
    for (let k = p - 1; k >= 0; k--) {
      let s = x[k];
      for (let n = k + 1; n < p; n++) s -= l[n * p + k] * x[n];
      x[k] = s / l[k * p + k];
    }
    return true;
  }
}
