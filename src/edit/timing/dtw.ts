/**
 * Dynamic time warping between two feature sequences, multi-resolution so a song's worth of
 * 10 ms frames needs neither quadratic time nor memory (Salvador & Chan, "FastDTW: toward
 * accurate dynamic time warping in linear time and space", Intelligent Data Analysis 2007):
 * the sequences are halved (frame pairs averaged) until both fit a full DTW, and the path
 * found at each level, widened by `radius` frames, bounds the search at the next finer one.
 *
 * Steps (Sakoe & Chiba, "Dynamic programming algorithm optimization for spoken word
 * recognition", IEEE Trans. ASSP 1978, symmetric form): diagonal with weight 2, horizontal
 * and vertical with weight 1 plus a small penalty, so where the two are equally alike (a
 * held note, silence) the path keeps to the diagonal instead of wandering.
 */

export interface DtwPath {
  /** Cells (a index, b index) from (0, 0) to (n − 1, m − 1), each step +1 in one or both. */
  readonly a: Int32Array;
  readonly b: Int32Array;
}

export interface DtwOptions {
  /** Frames by which each projected path is widened at the next level. */
  readonly radius: number;
  /** Largest sequence length solved by a full DTW. */
  readonly coarsestFrames: number;
  /** Added to every horizontal or vertical step, as a fraction of the mean frame distance. */
  readonly stepPenalty: number;
}

interface Sequence {
  readonly values: Float32Array;
  readonly frames: number;
}

export function multiscaleDtw(
  a: Sequence,
  b: Sequence,
  dimensions: number,
  options: DtwOptions,
): DtwPath {
  const pyramidA = [a];
  const pyramidB = [b];
  while (
    Math.max(pyramidA[pyramidA.length - 1].frames, pyramidB[pyramidB.length - 1].frames) >
      options.coarsestFrames &&
    Math.min(pyramidA[pyramidA.length - 1].frames, pyramidB[pyramidB.length - 1].frames) > 4
  ) {
    pyramidA.push(halve(pyramidA[pyramidA.length - 1], dimensions));
    pyramidB.push(halve(pyramidB[pyramidB.length - 1], dimensions));
  }
  const penalty = options.stepPenalty * meanDistance(a, b, dimensions);
  let level = pyramidA.length - 1;
  const top = pyramidA[level];
  const topB = pyramidB[level];
  let path = constrainedDtw(
    top,
    topB,
    dimensions,
    new Int32Array(top.frames),
    new Int32Array(top.frames).fill(topB.frames - 1),
    penalty,
  );
  while (level > 0) {
    level--;
    const fineA = pyramidA[level];
    const fineB = pyramidB[level];
    const { lo, hi } = projectWindow(path, fineA.frames, fineB.frames, options.radius);
    path = constrainedDtw(fineA, fineB, dimensions, lo, hi, penalty);
  }
  return path;
}

function halve(sequence: Sequence, dimensions: number): Sequence {
  const frames = Math.ceil(sequence.frames / 2);
  const values = new Float32Array(frames * dimensions);
  for (let i = 0; i < frames; i++) {
    const first = 2 * i;
    const second = Math.min(2 * i + 1, sequence.frames - 1);
    for (let d = 0; d < dimensions; d++) {
      values[i * dimensions + d] =
        0.5 * (sequence.values[first * dimensions + d] + sequence.values[second * dimensions + d]);
    }
  }
  return { values, frames };
}

/** Euclidean distance between frame i of `a` and frame j of `b`. */
export function distance(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  dims: number,
): number {
  let sum = 0;
  const ai = i * dims;
  const bj = j * dims;
  for (let d = 0; d < dims; d++) {
    const diff = a[ai + d] - b[bj + d];
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/** Mean distance over a fixed spread of frame pairs: the scale for the step penalty. */
function meanDistance(a: Sequence, b: Sequence, dims: number): number {
  const samples = 4096;
  let sum = 0;
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(((s * 0.618034) % 1) * a.frames);
    const j = Math.floor(((s * 0.754878) % 1) * b.frames);
    sum += distance(a.values, i, b.values, j, dims);
  }
  return sum / samples;
}

/** Fine-level column bounds per row around a coarse path, widened by `radius`. */
function projectWindow(path: DtwPath, n: number, m: number, radius: number) {
  const minCol = new Int32Array(n).fill(m - 1);
  const maxCol = new Int32Array(n).fill(0);
  for (let p = 0; p < path.a.length; p++) {
    for (let di = 0; di < 2; di++) {
      const i = Math.min(2 * path.a[p] + di, n - 1);
      minCol[i] = Math.min(minCol[i], 2 * path.b[p]);
      maxCol[i] = Math.max(maxCol[i], Math.min(2 * path.b[p] + 1, m - 1));
    }
  }
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let low = m - 1;
    let high = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(n - 1, i + radius); k++) {
      low = Math.min(low, minCol[k]);
      high = Math.max(high, maxCol[k]);
    }
    lo[i] = Math.max(0, low - radius);
    hi[i] = Math.min(m - 1, high + radius);
  }
  lo[0] = 0;
  hi[n - 1] = m - 1;
  // Keep the band monotone and connected row to row.
  for (let i = 1; i < n; i++) {
    if (lo[i] < lo[i - 1]) lo[i] = lo[i - 1];
    if (hi[i] < hi[i - 1]) hi[i] = hi[i - 1];
  }
  for (let i = n - 2; i >= 0; i--) if (lo[i] > lo[i + 1]) lo[i] = lo[i + 1];
  return { lo, hi };
}

const FROM_DIAGONAL = 0;
const FROM_ABOVE = 1; // (i − 1, j)
const FROM_LEFT = 2; // (i, j − 1)

/** DTW over the cells lo[i] ≤ j ≤ hi[i] of each row i. */
function constrainedDtw(
  a: Sequence,
  b: Sequence,
  dims: number,
  lo: Int32Array,
  hi: Int32Array,
  penalty: number,
): DtwPath {
  const n = a.frames;
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + (hi[i] - lo[i] + 1);
  const cost = new Float64Array(rowStart[n]);
  const from = new Uint8Array(rowStart[n]);
  for (let i = 0; i < n; i++) {
    const base = rowStart[i];
    const previousBase = i > 0 ? rowStart[i - 1] : 0;
    for (let j = lo[i]; j <= hi[i]; j++) {
      const d = distance(a.values, i, b.values, j, dims);
      let best = Number.POSITIVE_INFINITY;
      let step = FROM_DIAGONAL;
      if (i === 0 && j === 0) {
        best = d;
      } else {
        if (i > 0 && j - 1 >= lo[i - 1] && j - 1 <= hi[i - 1]) {
          const c = cost[previousBase + j - 1 - lo[i - 1]] + 2 * d;
          if (c < best) best = c;
        }
        if (i > 0 && j >= lo[i - 1] && j <= hi[i - 1]) {
          const c = cost[previousBase + j - lo[i - 1]] + d + penalty;
          if (c < best) {
            best = c;
            step = FROM_ABOVE;
          }
        }
        if (j > lo[i]) {
          const c = cost[base + j - 1 - lo[i]] + d + penalty;
          if (c < best) {
            best = c;
            step = FROM_LEFT;
          }
        }
      }
      cost[base + j - lo[i]] = best;
      from[base + j - lo[i]] = step;
    }
  }
  const cellsA: number[] = [];
  const cellsB: number[] = [];
  let i = n - 1;
  let j = b.frames - 1;
  for (;;) {
    cellsA.push(i);
    cellsB.push(j);
    if (i === 0 && j === 0) break;
    const step = from[rowStart[i] + j - lo[i]];
    if (step === FROM_DIAGONAL) {
      i--;
      j--;
    } else if (step === FROM_ABOVE) {
      i--;
    } else {
      j--;
    }
  }
  return { a: Int32Array.from(cellsA.reverse()), b: Int32Array.from(cellsB.reverse()) };
}
