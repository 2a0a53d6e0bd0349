/**
 * Least-squares fit of y(t) ≈ c + a·sin(2πft) + b·cos(2πft), with f found by a grid search
 * for the smallest residual: measures a vibrato's rate and depth and the pitch it swings
 * about, without assuming any of them.
 */
export interface SinusoidFit {
  readonly offset: number;
  readonly amplitude: number;
  readonly frequencyHz: number;
  readonly residualRms: number;
}

export function fitSinusoid(
  points: readonly (readonly [number, number])[],
  minHz: number,
  maxHz: number,
  stepHz = 0.01,
): SinusoidFit {
  let best: SinusoidFit | undefined;
  for (let f = minHz; f <= maxHz + 1e-9; f += stepHz) {
    const fit = fitAt(points, f);
    if (!best || fit.residualRms < best.residualRms) best = fit;
  }
  return best!;
}

/** The linear least-squares fit at one frequency (3×3 normal equations). */
export function fitAt(
  points: readonly (readonly [number, number])[],
  frequencyHz: number,
): SinusoidFit {
  const w = 2 * Math.PI * frequencyHz;
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  for (const [t, y] of points) {
    const basis = [1, Math.sin(w * t), Math.cos(w * t)];
    for (let i = 0; i < 3; i++) {
      v[i] += basis[i] * y;
      for (let j = 0; j < 3; j++) m[i][j] += basis[i] * basis[j];
    }
  }
  const [c, a, b] = solve3(m, v);
  let residual = 0;
  for (const [t, y] of points) {
    const e = y - (c + a * Math.sin(w * t) + b * Math.cos(w * t));
    residual += e * e;
  }
  return {
    offset: c,
    amplitude: Math.hypot(a, b),
    frequencyHz,
    residualRms: Math.sqrt(residual / points.length),
  };
}

/** Gaussian elimination with partial pivoting for a 3×3 system. */
function solve3(m: number[][], v: number[]): number[] {
  const a = m.map((row, i) => [...row, v[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let c = col; c < 4; c++) a[r][c] -= factor * a[col][c];
    }
  }
  return [a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]];
}
