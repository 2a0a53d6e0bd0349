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
 * |e| (the normal-consistent MAD) per block of ≈ 2.7 ms, taking the larger of a block and the
 * next one so that a note's onset does not read as a click against the quiet before it.
 */
import { levinson, maskedAutocorrelation } from './ar-model.js';

/** Growth threshold relative to the seed threshold, and its lowest value in σ. */
const EXTEND_RATIO = 0.25;
const EXTEND_FLOOR_SIGMA = 2;
/** Samples over which forward and backward errors are aligned (see detectOnce). */
const ALIGN_SAMPLES = 2;

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

/**
 * Runs of samples in `x` that the model cannot predict, ascending. Two passes: a loud click
 * inside a model's window pulls the model towards itself and hides its own residual, so the
 * second pass re-estimates the models whose windows held samples the first pass flagged,
 * without those samples (the iterated detection of Godsill & Rayner 1998, §5.3.4).
 */
export function detectClicks(
  x: Float32Array | Float64Array,
  options: ClickDetectionOptions,
): ClickRun[] {
  const errors = new PredictionErrors(x, options);
  const first = errors.runs(options);
  if (first.length === 0) return first;
  const flagged = new Uint8Array(x.length);
  for (const run of first) {
    flagged.fill(1, Math.max(0, run.start - options.margin), run.end + options.margin);
  }
  errors.reestimate(flagged);
  return errors.runs(options);
}

/** Forward and backward prediction errors of block-wise AR models over a whole channel. */
class PredictionErrors {
  private readonly x: Float32Array | Float64Array;
  private readonly order: number;
  private readonly blockSize: number;
  readonly forward: Float64Array;
  readonly backward: Float64Array;
  private readonly r: Float64Array;
  private readonly a: Float64Array;

  constructor(x: Float32Array | Float64Array, options: ClickDetectionOptions) {
    this.x = x;
    this.order = options.order;
    this.blockSize = options.blockSize;
    this.forward = new Float64Array(x.length);
    this.backward = new Float64Array(x.length);
    this.r = new Float64Array(this.order + 1);
    this.a = new Float64Array(this.order + 1);
    const blocks = Math.ceil(x.length / this.blockSize);
    for (let b = 0; b < blocks; b++) this.estimateBlock(b, undefined);
  }

  /** Re-estimates the blocks whose model window holds flagged samples, without them. */
  reestimate(flagged: Uint8Array): void {
    const { blockSize } = this;
    const blocks = Math.ceil(this.x.length / blockSize);
    for (let b = 0; b < blocks; b++) {
      const from = Math.max(0, b * blockSize - blockSize / 2);
      const to = Math.min(this.x.length, (b + 1) * blockSize + blockSize / 2);
      if (flagged.subarray(from, to).includes(1)) this.estimateBlock(b, flagged);
    }
  }

  private estimateBlock(b: number, known: Uint8Array | undefined): void {
    const { blockSize, order } = this;
    const from = b * blockSize;
    const to = Math.min(this.x.length, from + blockSize);
    // Model from a window of twice the block, centred on it, skipping known damage.
    maskedAutocorrelation(this.x, from - blockSize / 2, to + blockSize / 2, order, known, this.r);
    levinson(this.r, order, this.a);
    predictionErrors(this.x, from, to, this.a, order, this.forward, this.backward);
  }

  /** Scores every sample and groups the runs (see groupRuns). */
  runs(options: ClickDetectionOptions): ClickRun[] {
    const n = this.x.length;
    // Levels over blocks of a quarter of the model block (≈ 2.7 ms at 48 kHz): short, so a
    // click just before a loud onset is still judged against the quiet it sits in.
    const sigmaBlock = Math.max(32, this.blockSize / 4);
    const sigmaForward = blockSigmas(this.forward, sigmaBlock);
    const sigmaBackward = blockSigmas(this.backward, sigmaBlock);
    const forward = new Float64Array(n);
    const backward = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const blk = (i / sigmaBlock) | 0;
      forward[i] = Math.abs(this.forward[i]) / sigmaForward[blk];
      backward[i] = Math.abs(this.backward[i]) / sigmaBackward[blk];
    }
    // The forward error answers at and after a click sample, the backward error at and
    // before it, and within a click their peaks need not fall on the same samples: compare
    // the largest forward error over the last few samples with the largest backward error
    // over the next few. Both reach only into the click, never past its ends.
    const trailing = slidingMax(forward, ALIGN_SAMPLES, 'trailing');
    const leading = slidingMax(backward, ALIGN_SAMPLES, 'leading');
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) score[i] = Math.min(trailing[i], leading[i]);
    return groupRuns(score, options);
  }
}

/** Max of x over [i − w, i] ('trailing') or [i, i + w] ('leading'). O(n·w), w is small. */
function slidingMax(x: Float64Array, w: number, side: 'trailing' | 'leading'): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = side === 'trailing' ? Math.max(0, i - w) : i;
    const hi = side === 'trailing' ? i : Math.min(n - 1, i + w);
    let m = 0;
    for (let j = lo; j <= hi; j++) if (x[j] > m) m = x[j];
    out[i] = m;
  }
  return out;
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

/**
 * Runs from scores by hysteresis: a click is seeded where the score passes the threshold,
 * then grows over neighbouring samples whose score passes a lower growth threshold (a
 * click's skirts are damage too, only smaller); seeds and skirt samples closer than
 * `mergeGap` join.
 */
function groupRuns(score: Float64Array, options: ClickDetectionOptions): ClickRun[] {
  const runs: ClickRun[] = [];
  const n = score.length;
  const seed = options.thresholdSigma;
  const grow = Math.max(EXTEND_FLOOR_SIGMA, seed * EXTEND_RATIO);
  let i = 0;
  while (i < n) {
    if (score[i] <= seed) {
      i++;
      continue;
    }
    let start = i;
    let last = i;
    for (let j = i + 1; j < n && j - last <= options.mergeGap + 1; j++) {
      if (score[j] > seed) last = j;
    }
    i = last + 1;
    // A seed span longer than a click is a transient (an onset, a consonant): left alone.
    if (last + 1 - start > options.maxRunSamples) continue;
    // Grow over skirt samples, bridging gaps up to mergeGap as for seeds, never beyond the
    // longest click.
    const limit = options.maxRunSamples - 1;
    for (let j = start - 1; j >= 0 && start - j <= options.mergeGap + 1; j--) {
      if (score[j] > grow && last - j <= limit) start = j;
    }
    for (let j = last + 1; j < n && j - last <= options.mergeGap + 1; j++) {
      if (score[j] > grow && j - start <= limit) last = j;
    }
    runs.push({
      start: Math.max(0, start - options.margin),
      end: Math.min(n, last + 1 + options.margin),
    });
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
