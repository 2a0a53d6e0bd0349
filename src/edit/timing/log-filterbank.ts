/**
 * Triangular filters spaced evenly in log frequency (a fixed number per octave) over the
 * bins of an FFT frame. Bands closer than one bin are merged, so low bands are single
 * bins and no band is empty (Böck & Widmer, "Maximum filter vibrato suppression for onset
 * detection", DAFx 2013, §2: 24 bands per octave, 30 Hz – 17 kHz).
 */
export interface LogFilterbank {
  readonly bands: number;
  /** Band b sums bins [first[b], first[b] + weights[b].length) with these weights. */
  readonly first: Int32Array;
  readonly weights: readonly Float64Array[];
}

export function logFilterbank(
  frameSize: number,
  sampleRate: number,
  bandsPerOctave: number,
  minHz: number,
  maxHz: number,
): LogFilterbank {
  const binHz = sampleRate / frameSize;
  const topHz = Math.min(maxHz, 0.5 * sampleRate - binHz);
  // Centre bins of the log-spaced grid, one more each side as the outer triangle feet.
  const centres: number[] = [];
  for (let k = -1; ; k++) {
    const hz = minHz * 2 ** (k / bandsPerOctave);
    if (hz > topHz * 2 ** (1 / bandsPerOctave)) break;
    const bin = Math.max(1, Math.round(hz / binHz));
    if (centres.length === 0 || bin > centres[centres.length - 1]) centres.push(bin);
  }
  const first: number[] = [];
  const weights: Float64Array[] = [];
  for (let b = 1; b < centres.length - 1; b++) {
    const lo = centres[b - 1];
    const mid = centres[b];
    const hi = centres[b + 1];
    const w = new Float64Array(hi - lo + 1);
    for (let bin = lo; bin <= hi; bin++) {
      w[bin - lo] = bin <= mid ? (bin - lo) / (mid - lo) : (hi - bin) / (hi - mid);
    }
    first.push(lo);
    weights.push(w);
  }
  return { bands: weights.length, first: Int32Array.from(first), weights };
}

/** Band energies (weighted sums of `magnitudes`, one per bin) into `out`. */
export function applyFilterbank(
  bank: LogFilterbank,
  magnitudes: Float64Array,
  out: Float64Array | Float32Array,
  outOffset = 0,
): void {
  for (let b = 0; b < bank.bands; b++) {
    const w = bank.weights[b];
    const start = bank.first[b];
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += w[i] * magnitudes[start + i];
    out[outOffset + b] = sum;
  }
}
