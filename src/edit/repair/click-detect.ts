/**
 * Click detection from the residual of a linear-prediction (AR) model (Vaseghi & Rayner
 * 1988; Godsill & Rayner 1998, §5.3). Music is well predicted from its recent past; an
 * impulsive click is not, so the prediction error stands out from its usual level.
 *
 * The forward error e_f(n) = Σ a_k·x(n−k) is large from a click's first sample to p samples
 * after its last (the inverse filter's memory smears it forward); the backward error
 * e_b(n) = Σ a_k·x(n+k) (for a stationary AR process the backward predictor has the same
 * coefficients) is large from p samples before it to its last sample. Requiring both to
 * exceed the threshold pins a click to its own samples. Levels are robust: σ = 1.4826·median
 * |e| (the normal-consistent MAD) per block of ≈ 10 ms, taking the larger of a block and the
 * next one so that a note's onset does not read as a click against the quiet before it.
 */
import { levinson, maskedAutocorrelation } from './ar-model.js';

export interface ClickRun {
  /** First damaged sample. */
  readonly start: number;
  /** One past the last damaged sample. */
  readonly end: number;
}

export interface ClickDetectionOptions {
  /** AR order of the detector. */
  readonly order: number;
  /** Samples per block (model and level estimates). */
  readonly blockSize: number;
  /** Threshold in robust standard deviations of the prediction error. */
  readonly thresholdSigma: number;
  /** Longest run reported, in samples; longer excursions are transients, not clicks. */
  readonly maxRunSamples: number;
  /** Candidate samples this close (in samples) are one click. */
  readonly mergeGap: number;
  /** Samples added to each side of a run (a click's skirts fall under the threshold). */
  readonly margin: number;
}

/** Runs of samples in `x` that the model cannot predict, ascending. */
export function detectClicks(
  x: Float32Array | Float64Array,
  options: ClickDetectionOptions,
  known?: Uint8Array,
): ClickRun[] {
  const { order, blockSize } = options;
  const n = x.length;
  const blocks = Math.ceil(n / blockSize);
  const forward = new Float64Array(n);
  const backward = new Float64Array(n);
  const r = new Float64Array(order + 1);
  const a = new Float64Array(order + 1);
  for (let b = 0; b < blocks; b++) {
    const from = b * blockSize;
    const to = Math.min(n, from + blockSize);
    // Model from a window of twice the block, centred on it, skipping known damage.
    maskedAutocorrelation(x, from - blockSize / 2, to + blockSize / 2, order, known, r);
    levinson(r, order, a);
    predictionErrors(x, from, to, a, order, forward, backward);
  }
  const sigmaForward = blockSigmas(forward, blockSize);
  const sigmaBackward = blockSigmas(backward, blockSize);
  const candidate = new Uint8Array(n);
  const k = options.thresholdSigma;
  for (let i = 0; i < n; i++) {
    const blk = (i / blockSize) | 0;
    const sf = k * sigmaForward[blk];
    const sb = k * sigmaBackward[blk];
    if (Math.abs(forward[i]) > sf && Math.abs(backward[i]) > sb) candidate[i] = 1;
  }
  return groupRuns(candidate, options);
}

/** Forward and backward prediction errors over [from, to) (samples outside read as 0). */
function predictionErrors(
  x: Float32Array | Float64Array,
  from: number,
  to: number,
  a: Float64Array,
  order: number,
  forward: Float64Array,
  backward: Float64Array,
): void {
  const n = x.length;
  for (let i = from; i < to; i++) {
    let f = x[i];
    let bk = x[i];
    if (i >= order && i + order < n) {
      for (let k = 1; k <= order; k++) {
        f += a[k] * x[i - k];
        bk += a[k] * x[i + k];
      }
    } else {
      for (let k = 1; k <= order; k++) {
        if (i - k >= 0) f += a[k] * x[i - k];
        if (i + k < n) bk += a[k] * x[i + k];
      }
    }
    forward[i] = f;
    backward[i] = bk;
  }
}

/** Robust σ per block, each the larger of its own and the next block's MAD estimate. */
function blockSigmas(error: Float64Array, blockSize: number): Float64Array {
  const blocks = Math.ceil(error.length / blockSize);
  const own = new Float64Array(blocks);
  const scratch = new Float64Array(blockSize);
  for (let b = 0; b < blocks; b++) {
    const from = b * blockSize;
    const to = Math.min(error.length, from + blockSize);
    const m = to - from;
    for (let i = 0; i < m; i++) scratch[i] = Math.abs(error[from + i]);
    const part = scratch.subarray(0, m);
    part.sort();
    own[b] = 1.4826 * part[m >> 1];
  }
  const out = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) out[b] = Math.max(own[b], b + 1 < blocks ? own[b + 1] : 0);
  // A floor far below any real signal (−200 dBFS), so digital silence is not all clicks.
  for (let b = 0; b < blocks; b++) out[b] = Math.max(out[b], 1e-10);
  return out;
}

function groupRuns(candidate: Uint8Array, options: ClickDetectionOptions): ClickRun[] {
  const runs: ClickRun[] = [];
  const n = candidate.length;
  let i = 0;
  while (i < n) {
    if (candidate[i] === 0) {
      i++;
      continue;
    }
    const start = i;
    let last = i;
    let j = i + 1;
    while (j < n && j - last <= options.mergeGap + 1) {
      if (candidate[j] === 1) last = j;
      j++;
    }
    const pad = options.margin + Math.round(((last + 1 - start) * Number(process.env.PADF ?? 0)));
    const runStart = Math.max(0, start - pad);
    const runEnd = Math.min(n, last + 1 + pad);
    if (runEnd - runStart <= options.maxRunSamples + 2 * options.margin) {
      runs.push({ start: runStart, end: runEnd });
    }
    i = last + 1;
  }
  return mergeOverlapping(runs);
}

function mergeOverlapping(runs: ClickRun[]): ClickRun[] {
  const out: ClickRun[] = [];
  for (const run of runs) {
    const previous = out[out.length - 1];
    if (previous && run.start <= previous.end) {
      out[out.length - 1] = { start: previous.start, end: Math.max(previous.end, run.end) };
    } else {
      out.push(run);
    }
  }
  return out;
}
