import { type AnalogSection, analogMagnitudeSquared } from './analog-prototypes.js';

/**
 * Magnitude-matched second-order digital sections, after M. Vicanek, "Matched Second Order
 * Digital Filters" (2016):
 * - the poles are the analog poles mapped by z = e^{s} (s in rad/sample): their frequency and
 *   decay are exact, so nothing cramps towards Nyquist as it does with the bilinear transform;
 * - the numerator is chosen in the squared-magnitude domain, where for b(z) = b0 + b1·z⁻¹ +
 *   b2·z⁻² (Vicanek eq. 5–8), |b(e^{jω})|² = B0·φ0 + B1·φ1 + B2·φ2, φ1 = sin²(ω/2),
 *   φ0 = 1 − φ1, φ2 = 4·φ0·φ1, B0 = (b0+b1+b2)², B1 = (b0−b1+b2)², B2 = −4·b0·b2.
 *   That is linear in (B0, B1, B2). Vicanek pins three frequencies (DC, f0, Nyquist); here
 *   (B0, B1, B2) are the weighted least-squares fit of the relative error against the analog
 *   |H|² on a grid from well below f0 to 0.49·fs. Matching at three points leaves errors of
 *   1–2 dB for wide bells (measured while choosing this design); the fit spreads what a
 *   second-order section cannot follow. The fitted numerator is then factored back into
 *   (b0, b1, b2) with Vicanek's eq. 11–13.
 *
 * A designer owns its scratch arrays so that designing (at control rate, during automation)
 * never allocates.
 */

/** Coefficients are written as [b0, b1, b2, a1, a2] (a0 = 1) at `offset`. */
export const COEFFICIENTS_PER_SECTION = 5;

const LOG_POINTS = 32;
const CENTRE_POINTS = 9;
const GRID_SIZE = LOG_POINTS + CENTRE_POINTS;
/** Highest fitted frequency, rad/sample (0.49·fs): the response stays sane up to Nyquist. */
const TOP = 0.98 * Math.PI;
/** Frequencies above 0.45·fs count less: the specification ends there. */
const SPEC_TOP = 0.9 * Math.PI;
const ABOVE_SPEC_WEIGHT = 0.3;

export class MatchedDesigner {
  private readonly omega = new Float64Array(GRID_SIZE);
  private readonly weight = new Float64Array(GRID_SIZE);
  private readonly rows = new Float64Array(GRID_SIZE * 3);
  private readonly normal = new Float64Array(12);
  private readonly solution = new Float64Array(3);
  private readonly unknowns = new Float64Array(3);

  /**
   * Designs the digital section matching `h` (analog, s in rad/sample) and writes it to
   * `out` at `offset`. `centre` (rad/sample) and `q` shape the fitting grid around the
   * feature of the section.
   */
  design(h: AnalogSection, centre: number, q: number, out: Float64Array, offset: number): void {
    // Poles: s² + d1·s + d0 → z = e^{s} (Vicanek eq. 15–16): a2 = e^{−d1},
    // a1 = −2·e^{−d1/2}·cos(√(d0 − d1²/4)), or −(e^{r1} + e^{r2}) for real poles r1, r2.
    const half = h.d1 / 2;
    const disc = h.d0 - half * half;
    let a1: number;
    if (disc >= 0) a1 = -2 * Math.exp(-half) * Math.cos(Math.sqrt(disc));
    else {
      const r = Math.sqrt(-disc);
      a1 = -(Math.exp(-half + r) + Math.exp(-half - r));
    }
    const a2 = Math.exp(-h.d1);
    const A0 = (1 + a1 + a2) ** 2;
    const A1 = (1 - a1 + a2) ** 2;
    const A2 = -4 * a2;

    this.buildGrid(centre, q);
    // Notch: the zeros belong exactly on the unit circle at the analog zero frequency,
    // otherwise the null is lost; only the scale of the numerator is fitted.
    const zeroOmega = h.n1 === 0 && h.n0 > 0 && h.n2 > 0 ? Math.sqrt(h.n0 / h.n2) : -1;
    if (zeroOmega > 0 && zeroOmega < Math.PI) {
      const c = Math.cos(zeroOmega);
      const fixed0 = (2 - 2 * c) ** 2;
      const fixed1 = (2 + 2 * c) ** 2;
      let num = 0;
      let den = 0;
      for (let i = 0; i < GRID_SIZE; i++) {
        const w = this.omega[i];
        const t = analogMagnitudeSquared(h, w);
        if (t < 1e-6) continue; // inside the null the relative error means nothing
        const p1 = Math.sin(w / 2) ** 2;
        const p0 = 1 - p1;
        const p2 = 4 * p0 * p1;
        const u = (fixed0 * p0 + fixed1 * p1 - 4 * p2) / (t * (A0 * p0 + A1 * p1 + A2 * p2));
        const wt = this.weight[i] * this.weight[i];
        num += wt * u;
        den += wt * u * u;
      }
      const scale = Math.sqrt(num / den);
      writeSection(out, offset, scale, -2 * c * scale, scale, a1, a2);
      return;
    }

    // Fit N(u) = c0 + c1·u + c2·u² with u = φ1/φ1(centre) (scaled for conditioning) to
    // T(ω)·D(ω), minimising the weighted relative error; c0 = 0 when the analog section has
    // a zero at DC (highpass, bandpass).
    const dcZero = h.n0 === 0;
    const pRef = Math.max(Math.sin(centre / 2) ** 2, 1e-300);
    const first = dcZero ? 1 : 0;
    const rows = this.rows;
    for (let i = 0; i < GRID_SIZE; i++) {
      const w = this.omega[i];
      const p1 = Math.sin(w / 2) ** 2;
      const p0 = 1 - p1;
      const d = A0 * p0 + A1 * p1 + A2 * 4 * p0 * p1;
      const t = analogMagnitudeSquared(h, w);
      const s = this.weight[i] / (t * d);
      const u = p1 / pRef;
      rows[3 * i] = s;
      rows[3 * i + 1] = s * u;
      rows[3 * i + 2] = s * u * u;
    }
    this.solveLeastSquares(first);
    const c0 = dcZero ? 0 : this.solution[0];
    const c1 = this.solution[1] / pRef;
    const c2 = this.solution[2] / (pRef * pRef);
    // N(φ1) = c0 + c1·φ1 + c2·φ1² ⇔ B0 = c0, B1 = N(1), B2 = −c2/4.
    factorNumerator(c0, c0 + c1 + c2, -c2 / 4, a1, a2, out, offset);
  }

  /** Log-spaced points from well below the feature to 0.49·fs, plus points across it. */
  private buildGrid(centre: number, q: number): void {
    const lo = Math.min(Math.max(centre / 32, 1e-5), TOP / 4);
    const ratio = (TOP / lo) ** (1 / (LOG_POINTS - 1));
    let w = lo;
    for (let i = 0; i < LOG_POINTS; i++) {
      this.omega[i] = Math.min(w, TOP);
      w *= ratio;
    }
    const octaves = Math.min(1 / q, 4);
    for (let k = 0; k < CENTRE_POINTS; k++) {
      const x = -octaves + (2 * octaves * k) / (CENTRE_POINTS - 1);
      this.omega[LOG_POINTS + k] = Math.min(Math.max(centre * 2 ** x, lo), TOP);
    }
    for (let i = 0; i < GRID_SIZE; i++) {
      this.weight[i] = this.omega[i] <= SPEC_TOP ? 1 : ABOVE_SPEC_WEIGHT;
    }
  }

  /**
   * Least squares rows·x ≈ weight over unknowns first…2, by normal equations on
   * column-normalised rows (Jacobi scaling keeps them well conditioned) and Gaussian
   * elimination with partial pivoting.
   */
  private solveLeastSquares(first: number): void {
    const n = 3 - first;
    const rows = this.rows;
    const m = this.normal; // n×(n+1) augmented, row-major with stride 4
    const norms = this.solution;
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < GRID_SIZE; i++) s += rows[3 * i + j] ** 2;
      norms[j] = s > 0 ? 1 / Math.sqrt(s) : 0;
    }
    m.fill(0);
    for (let i = 0; i < GRID_SIZE; i++) {
      const r = this.weight[i];
      for (let a = 0; a < n; a++) {
        const va = rows[3 * i + first + a] * norms[first + a];
        for (let b = 0; b < n; b++) m[4 * a + b] += va * rows[3 * i + first + b] * norms[first + b];
        m[4 * a + 3] += va * r;
      }
    }
    for (let col = 0; col < n; col++) {
      let pivot = col;
      for (let r = col + 1; r < n; r++)
        if (Math.abs(m[4 * r + col]) > Math.abs(m[4 * pivot + col])) pivot = r;
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
    const x = this.unknowns;
    x.fill(0);
    for (let r = n - 1; r >= 0; r--) {
      let s = m[4 * r + 3];
      for (let k = r + 1; k < n; k++) s -= m[4 * r + k] * x[k];
      x[r] = s / m[4 * r + r];
    }
    const scale0 = norms[0];
    const scale1 = norms[1];
    const scale2 = norms[2];
    const sol = this.solution;
    sol[0] = first === 0 ? x[0] * scale0 : 0;
    sol[1] = x[1 - first] * scale1;
    sol[2] = x[2 - first] * scale2;
  }
}

function writeSection(
  out: Float64Array,
  offset: number,
  b0: number,
  b1: number,
  b2: number,
  a1: number,
  a2: number,
): void {
  out[offset] = b0;
  out[offset + 1] = b1;
  out[offset + 2] = b2;
  out[offset + 3] = a1;
  out[offset + 4] = a2;
}

/**
 * (b0, b1, b2) from (B0, B1, B2) (Vicanek eq. 11–13): with s0 = b0+b1+b2 = √B0 and
 * s1 = b0−b1+b2 = √B1, b0 and b2 are the roots of x² − W·x − B2/4 with W = (s0+s1)/2.
 * A fit that is not exactly realisable (W² + B2 < 0, the fitted |b|² dipping below zero)
 * first tries the other sign of s1, then puts the zeros on the unit circle.
 */
export function factorNumerator(
  B0: number,
  B1: number,
  B2: number,
  a1: number,
  a2: number,
  out: Float64Array,
  offset: number,
): void {
  const s0 = Math.sqrt(Math.max(B0, 0));
  const s1 = Math.sqrt(Math.max(B1, 0));
  let w = (s0 + s1) / 2;
  let disc = w * w + B2;
  if (disc >= 0) {
    const b0 = (w + Math.sqrt(disc)) / 2;
    writeSection(out, offset, b0, (s0 - s1) / 2, w - b0, a1, a2);
    return;
  }
  const w2 = (s0 - s1) / 2;
  const disc2 = w2 * w2 + B2;
  if (disc2 >= 0 && w2 !== 0) {
    const b0 = (w2 + Math.sign(w2) * Math.sqrt(disc2)) / 2;
    writeSection(out, offset, b0, (s0 + s1) / 2, w2 - b0, a1, a2);
    return;
  }
  disc = 0;
  w = (s0 + s1) / 2;
  writeSection(out, offset, w / 2, (s0 - s1) / 2, w / 2, a1, a2);
}
