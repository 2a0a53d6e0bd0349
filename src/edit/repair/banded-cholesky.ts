/**
 * Solves A·x = b for a symmetric positive-definite matrix whose entries vanish more than
 * `bandwidth` places from the diagonal, by Cholesky factorisation A = L·Lᵀ restricted to the
 * band: O(n·w²) work and O(n·w) storage instead of O(n³) and O(n²) (Golub & Van Loan,
 * "Matrix Computations", §4.3.6). The least-squares interpolation of m samples from an
 * order-p AR model has this shape with w ≤ p.
 */
export class BandedCholesky {
  private readonly n: number;
  private readonly w: number;
  /** L stored by rows: band[i·(w+1) + d] = L[i][i − d], d = 0…w. */
  private readonly band: Float64Array;

  /**
   * @param entry A[i][j] for 0 ≤ i − j ≤ bandwidth (read once per entry)
   * @returns undefined when A is not numerically positive definite
   */
  static factor(
    n: number,
    bandwidth: number,
    entry: (i: number, j: number) => number,
  ): BandedCholesky | undefined {
    const w = Math.min(bandwidth, Math.max(0, n - 1));
    const stride = w + 1;
    const band = new Float64Array(n * stride);
    for (let i = 0; i < n; i++) {
      const jStart = Math.max(0, i - w);
      for (let j = jStart; j <= i; j++) {
        let sum = entry(i, j);
        // Σ_k L[i][k]·L[j][k] over k in both bands, k < j.
        const kStart = Math.max(jStart, j - w);
        for (let k = kStart; k < j; k++)
          sum -= band[i * stride + (i - k)] * band[j * stride + (j - k)];
        if (j === i) {
          if (!(sum > 0)) return undefined;
          band[i * stride] = Math.sqrt(sum);
        } else {
          band[i * stride + (i - j)] = sum / band[j * stride];
        }
      }
    }
    return new BandedCholesky(n, w, band);
  }

  private constructor(n: number, w: number, band: Float64Array) {
    this.n = n;
    this.w = w;
    this.band = band;
  }

  /** Solves in place: `b` becomes x. */
  solve(b: Float64Array): void {
    const { n, w, band } = this;
    const stride = w + 1;
    for (let i = 0; i < n; i++) {
      let sum = b[i];
      for (let k = Math.max(0, i - w); k < i; k++) sum -= band[i * stride + (i - k)] * b[k];
      b[i] = sum / band[i * stride];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = b[i];
      for (let k = i + 1; k <= Math.min(n - 1, i + w); k++)
        sum -= band[k * stride + (k - i)] * b[k];
      b[i] = sum / band[i * stride];
    }
  }
}
