import type { AnalogSection } from './analog-prototypes.js';
import { quadraticAt } from './squared-magnitude.js';

/**
 * Matched second-order sections, after M. Vicanek, "Matched Second Order Digital Filters"
 * (2016): the analog poles are mapped by z = e^{s} (s in rad/sample), so their frequency and
 * decay are exact and nothing cramps towards Nyquist as with the bilinear transform; the
 * numerator is then chosen for the magnitude. Vicanek pins the magnitude at three
 * frequencies; here the free part of the numerator's squared magnitude (a quadratic in
 * u = φ/φref, squared-magnitude.ts) is the weighted least-squares fit of the relative error
 * on the band's grid (fit-grid.ts). It is linear, so it is cheap enough to run at control
 * rate, and it is the starting point of the joint fit in band-design.ts.
 */

/**
 * a1, a2 of the poles of s² + d1·s + d0 mapped by z = e^{s} (Vicanek eq. 15–16):
 * a2 = e^{−d1}, a1 = −2·e^{−d1/2}·cos √(d0 − d1²/4), or −(e^{r1} + e^{r2}) for real poles.
 */
export function matchedPoles(h: AnalogSection, out: Float64Array, o: number): void {
  matchedRoots(h.d1, h.d0, out, o);
}

/**
 * The same mapping for the zeros of n2·s² + n1·s + n0 (the "matched z-transform"): used for
 * sharp zero pairs, whose narrow dip a fitted numerator would miss between grid points.
 */
export function matchedZeros(h: AnalogSection, out: Float64Array, o: number): void {
  matchedRoots(h.n1 / h.n2, h.n0 / h.n2, out, o);
}

function matchedRoots(d1: number, d0: number, out: Float64Array, o: number): void {
  const half = d1 / 2;
  const disc = d0 - half * half;
  if (disc >= 0) out[o] = -2 * Math.exp(-half) * Math.cos(Math.sqrt(disc));
  else {
    const r = Math.sqrt(-disc);
    out[o] = -(Math.exp(-half + r) + Math.exp(-half - r));
  }
  out[o + 1] = Math.exp(-d1);
}

/**
 * Least-squares fit of the free coefficients of V(u) = v0 + v1·u + v2·u² so that
 * F(u)·V(u) / D(u) ≈ |h|² on the grid (relative error), F the fixed part of the numerator and
 * D the squared magnitude of the poles, both quadratics in u. The normal equations are
 * scaled by their diagonal (Jacobi), which keeps them well conditioned down to 10 Hz at
 * 96 kHz, and solved by Gaussian elimination.
 */
export class NumeratorFit {
  private readonly normal = new Float64Array(12);
  private readonly x = new Float64Array(3);

  /**
   * `target[to + i]` is |h|² at point i, `u[i]` its u, `weight[i]` its weight; the `free`
   * lowest coefficients are fitted (the others are 0) and written to out[oo…oo+2].
   */
  fit(
    target: Float64Array,
    to: number,
    u: Float64Array,
    weight: Float64Array,
    count: number,
    fixed: Float64Array,
    fo: number,
    poles: Float64Array,
    po: number,
    free: number,
    out: Float64Array,
    oo: number,
  ): void {
    const m = this.normal;
    m.fill(0);
    for (let i = 0; i < count; i++) {
      const w = weight[i];
      const t = target[to + i];
      const f = quadraticAt(fixed, fo, u[i]);
      if (!(t > 1e-30) || !(f > 1e-30) || w === 0) continue;
      // Row: w·F/(D·t)·u^j; right-hand side w (relative error weighted by w).
      const s = (w * f) / (quadraticAt(poles, po, u[i]) * t);
      let ra = s;
      for (let a = 0; a < free; a++, ra *= u[i]) {
        let rb = s;
        for (let b = 0; b < free; b++, rb *= u[i]) m[4 * a + b] += ra * rb;
        m[4 * a + 3] += ra * w;
      }
    }
    for (let a = 0; a < free; a++) {
      const sa = m[4 * a + a] > 0 ? 1 / Math.sqrt(m[4 * a + a]) : 0;
      this.x[a] = sa; // column scale, kept until the solve overwrites it
      for (let b = 0; b < 4; b++) m[4 * a + b] *= sa;
      for (let b = 0; b < free; b++) m[4 * b + a] *= sa;
    }
    for (let j = 0; j < 3; j++) out[oo + j] = this.x[j];
    this.solve(free);
    for (let j = 0; j < 3; j++) out[oo + j] = j < free ? this.x[j] * out[oo + j] : 0;
  }

  /** Gaussian elimination with partial pivoting on the n×(n+1) system in `normal`. */
  private solve(n: number): void {
    const m = this.normal;
    for (let col = 0; col < n; col++) {
      let pivot = col;
      for (let r = col + 1; r < n; r++) {
        if (Math.abs(m[4 * r + col]) > Math.abs(m[4 * pivot + col])) pivot = r;
      }
      if (pivot !== col) {
        for (let k = 0; k < 4; k++) {
          const t = m[4 * col + k];
          m[4 * col + k] = m[4 * pivot + k];
          m[4 * pivot + k] = t;
        }
      }
      const p = m[4 * col + col];
      for (let r = col + 1; r < n; r++) {
        const f = m[4 * r + col] / p;
        for (let k = col; k < 4; k++) m[4 * r + k] -= f * m[4 * col + k];
      }
    }
    for (let r = n - 1; r >= 0; r--) {
      let s = m[4 * r + 3];
      for (let k = r + 1; k < n; k++) s -= m[4 * r + k] * this.x[k];
      this.x[r] = s / m[4 * r + r];
    }
  }
}
