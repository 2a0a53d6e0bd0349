/**
 * The inner loops of the minimum-phase EQ: filter stages in direct form I with Float64 state,
 * run in place on Float32 channels, one stage over the whole block at a time.
 *
 * A stage is a second-order section or, for a band with a correction (band-design.ts), the
 * fourth-order product of its first section and the correction. Coefficients, 9 per stage:
 * [b0, b1, b2, b3, b4, a1, a2, a3, a4] (a0 = 1; b3…a4 are 0 in a second-order stage).
 * State, 8 per stage per channel: [x1, x2, x3, x4, y1, y2, y3, y4], past inputs and outputs.
 *
 * Why direct form I: its state is the signal's own history, so a stage's coefficients can
 * change — automation, a correction engaging, a fourth-order stage refactored differently
 * between its sections — without any internal jump: only the transfer function changes.
 * (Two cascaded sections whose zeros are redistributed would change the signal between them,
 * and click.) It is also fast: the loop-carried dependency is y[n−1] → a1·y[n−1] → y[n], a
 * multiply and an add, against three operations in transposed direct form II. Stereo pairs
 * share one loop, so two independent recursions overlap in the CPU. Measured (medians of
 * interleaved runs on 2 busy shared cores, so only orderings are reliable): five stereo
 * second-order stages take about as long as the same in transposed direct form II (15–20
 * ns per frame) and less than a plain four-biquad loop run one channel at a time (23–39 ns);
 * fusing two stages into one loop was slower (register pressure), so was carrying four
 * samples of history in every second-order loop (×1.8), so were Float64 buffers between
 * stages (×1.35), and a fourth-order stereo stage costs more than two second-order ones.
 * Double-precision state keeps round-off far below audibility (the form's known weakness is
 * fixed-point overflow, not an issue here).
 *
 * Second-order loops keep two samples of history; the first stage of a band keeps x3, x4,
 * y3, y4 up to date once per block (`keepDeepHistory`), so that it can become fourth-order
 * at any moment. Only the chain's last stage applies the denormal guard (the output gain pass
 * applies it when there is one); decaying state is flushed periodically (eq.ts).
 */

export const COEFFICIENTS_PER_STAGE = 9;
/** See runSecondOrderStereo: (y + 2^−60) − 2^−60 is exactly 0 for |y| below ~1e−34. */
export const DENORMAL_GUARD = 2 ** -60;
export const STATE_PER_STAGE = 8;

/** Whether the stage at `co` is fourth-order (any of b3, b4, a3, a4 nonzero). */
export function isFourthOrder(c: Float64Array, co: number): boolean {
  return c[co + 3] !== 0 || c[co + 4] !== 0 || c[co + 7] !== 0 || c[co + 8] !== 0;
}

/**
 * One second-order stage over a stereo pair. `guard`: the stage is the chain's last, and its
 * outputs pass through (y + 2^−60) − 2^−60, which rounds anything below ~1e−34 to exactly 0
 * (a Float32 denormal would otherwise reach the buffer from a decaying tail) and changes
 * nothing audible; other stages do not pay for the two adds (measured on five stages, noisy:
 * the adds in every stage +25–50%, a separate pass +15–30%).
 *
 * Frames go two at a time: the second frame reads the first one's values straight from
 * registers, so the history needs no shuffling between them, and the loop-invariant guard
 * test is paid once per two frames. Same operations in the same order as one frame at a
 * time, so the output is bit-identical (5 stereo stages: 16.4 → 14.8 ns/frame).
 */
export function runSecondOrderStereo(
  left: Float32Array,
  right: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  lo: number,
  ro: number,
  guard: boolean,
): void {
  let from = start;
  if ((end - start) % 2 === 1) {
    // An odd frame first, through the state, so that the loop only sees pairs.
    runSecondOrderMono(left, from, from + 1, c, co, state, lo, guard);
    runSecondOrderMono(right, from, from + 1, c, co, state, ro, guard);
    from++;
  }
  const b0 = c[co];
  const b1 = c[co + 1];
  const b2 = c[co + 2];
  const a1 = c[co + 5];
  const a2 = c[co + 6];
  const g = DENORMAL_GUARD;
  let lx1 = state[lo];
  let lx2 = state[lo + 1];
  let ly1 = state[lo + 4];
  let ly2 = state[lo + 5];
  let rx1 = state[ro];
  let rx2 = state[ro + 1];
  let ry1 = state[ro + 4];
  let ry2 = state[ro + 5];
  for (let i = from; i < end; i += 2) {
    const l0 = left[i];
    const r0 = right[i];
    const l1 = left[i + 1];
    const r1 = right[i + 1];
    // a1·y[n−1] last: it is the only term on the loop-carried path.
    const yl0 = b0 * l0 + b1 * lx1 + b2 * lx2 - a2 * ly2 - a1 * ly1;
    const yr0 = b0 * r0 + b1 * rx1 + b2 * rx2 - a2 * ry2 - a1 * ry1;
    const yl1 = b0 * l1 + b1 * l0 + b2 * lx1 - a2 * ly1 - a1 * yl0;
    const yr1 = b0 * r1 + b1 * r0 + b2 * rx1 - a2 * ry1 - a1 * yr0;
    lx2 = l0;
    lx1 = l1;
    ly2 = yl0;
    ly1 = yl1;
    rx2 = r0;
    rx1 = r1;
    ry2 = yr0;
    ry1 = yr1;
    if (guard) {
      left[i] = yl0 + g - g;
      right[i] = yr0 + g - g;
      left[i + 1] = yl1 + g - g;
      right[i + 1] = yr1 + g - g;
    } else {
      left[i] = yl0;
      right[i] = yr0;
      left[i + 1] = yl1;
      right[i + 1] = yr1;
    }
  }
  state[lo] = lx1;
  state[lo + 1] = lx2;
  state[lo + 4] = ly1;
  state[lo + 5] = ly2;
  state[ro] = rx1;
  state[ro + 1] = rx2;
  state[ro + 4] = ry1;
  state[ro + 5] = ry2;
}

/** One second-order stage over one channel; `guard` as in runSecondOrderStereo. */
export function runSecondOrderMono(
  data: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  o: number,
  guard: boolean,
): void {
  const b0 = c[co];
  const b1 = c[co + 1];
  const b2 = c[co + 2];
  const a1 = c[co + 5];
  const a2 = c[co + 6];
  // Mono is rare (and not the benchmark's case): one loop, the guard test inside it.
  let x1 = state[o];
  let x2 = state[o + 1];
  let y1 = state[o + 4];
  let y2 = state[o + 5];
  for (let i = start; i < end; i++) {
    const x = data[i];
    const y = b0 * x + b1 * x1 + b2 * x2 - a2 * y2 - a1 * y1;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    data[i] = guard ? y + DENORMAL_GUARD - DENORMAL_GUARD : y;
  }
  state[o] = x1;
  state[o + 1] = x2;
  state[o + 4] = y1;
  state[o + 5] = y2;
}

export function runFourthOrderStereo(
  left: Float32Array,
  right: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  lo: number,
  ro: number,
): void {
  runFourthOrderMono(left, start, end, c, co, state, lo);
  runFourthOrderMono(right, start, end, c, co, state, ro);
}

export function runFourthOrderMono(
  data: Float32Array,
  start: number,
  end: number,
  c: Float64Array,
  co: number,
  state: Float64Array,
  o: number,
): void {
  const b0 = c[co];
  const b1 = c[co + 1];
  const b2 = c[co + 2];
  const b3 = c[co + 3];
  const b4 = c[co + 4];
  const a1 = c[co + 5];
  const a2 = c[co + 6];
  const a3 = c[co + 7];
  const a4 = c[co + 8];
  let x1 = state[o];
  let x2 = state[o + 1];
  let x3 = state[o + 2];
  let x4 = state[o + 3];
  let y1 = state[o + 4];
  let y2 = state[o + 5];
  let y3 = state[o + 6];
  let y4 = state[o + 7];
  for (let i = start; i < end; i++) {
    const x = data[i];
    const y =
      b0 * x + b1 * x1 + b2 * x2 + b3 * x3 + b4 * x4 - a4 * y4 - a3 * y3 - a2 * y2 - a1 * y1;
    x4 = x3;
    x3 = x2;
    x2 = x1;
    x1 = x;
    y4 = y3;
    y3 = y2;
    y2 = y1;
    y1 = y;
    data[i] = y;
  }
  state[o] = x1;
  state[o + 1] = x2;
  state[o + 2] = x3;
  state[o + 3] = x4;
  state[o + 4] = y1;
  state[o + 5] = y2;
  state[o + 6] = y3;
  state[o + 7] = y4;
}

/**
 * Brings h3, h4 of a history [h1, h2, h3, h4] (state[o…o+3]: x's, or y's at o + 4) up to
 * the end of the block data[start…end): the samples 3 and 4 back, from the block itself or,
 * for a block shorter than that, from `before`, the history as it was before the block. Call
 * it for the x's before a second-order loop overwrites the block, for the y's after.
 */
export function keepDeepHistory(
  data: Float32Array,
  start: number,
  end: number,
  state: Float64Array,
  o: number,
  before: Float64Array,
  bo: number,
): void {
  const n = end - start;
  state[o + 2] = n >= 3 ? data[end - 3] : before[bo + 2 - n];
  state[o + 3] = n >= 4 ? data[end - 4] : before[bo + 3 - n];
}

/** |H(e^{jω})|² of one stage, ω in rad/sample, from cos ω and sin ω. */
export function stageMagnitudeSquared(
  c: Float64Array,
  co: number,
  cos1: number,
  sin1: number,
): number {
  // cos kω and sin kω by the angle-addition recurrence.
  let ck = 1;
  let sk = 0;
  let nRe = c[co];
  let nIm = 0;
  let dRe = 1;
  let dIm = 0;
  for (let k = 1; k <= 4; k++) {
    const cn = ck * cos1 - sk * sin1;
    sk = sk * cos1 + ck * sin1;
    ck = cn;
    nRe += c[co + k] * ck;
    nIm -= c[co + k] * sk;
    dRe += c[co + 4 + k] * ck;
    dIm -= c[co + 4 + k] * sk;
  }
  return (nRe * nRe + nIm * nIm) / (dRe * dRe + dIm * dIm);
}
