/**
 * Hadamard matrices of Sylvester's construction: entry (row, column) is +1 when
 * row & column has an even number of set bits, −1 otherwise; H·Hᵀ = N·I, so H/√N is
 * orthogonal. As an FDN feedback matrix (Jot & Chaigne 1991), H/√N is lossless and mixes
 * every line into every other with equal weight, and the fast transform below applies it
 * in N·log2(N) additions instead of N² multiply-adds.
 */
export function hadamardEntry(row: number, column: number): 1 | -1 {
  let bits = row & column;
  let parity = 0;
  while (bits !== 0) {
    parity ^= bits & 1;
    bits >>>= 1;
  }
  return parity === 0 ? 1 : -1;
}

/** In place: v ← H·v (unnormalised), for a power-of-two length. */
export function walshHadamard(v: Float64Array): void {
  const n = v.length;
  for (let half = 1; half < n; half *= 2) {
    for (let start = 0; start < n; start += 2 * half) {
      for (let i = start; i < start + half; i++) {
        const a = v[i];
        const b = v[i + half];
        v[i] = a + b;
        v[i + half] = a - b;
      }
    }
  }
}
