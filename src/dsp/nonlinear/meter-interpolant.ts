import { designInterpolator, VERIFICATION_GRADE } from '../../analysis/interpolator-design.js';

/**
 * The waveform as the project's true-peak meter reconstructs it (analysis/true-peak.ts,
 * verification grade: a 48-tap Kaiser-windowed sinc, β = 8, cut off at Nyquist), evaluated on
 * an 8× grid, streaming and per channel. Meters are only specified to agree below ~0.45·fs; on
 * content nearer Nyquist, this one (whose transition band straddles fs/2, so it passes some
 * image energy) can read up to a few tenths of a dB above or below the ideal reconstruction.
 * The limiter reads this grid as well as its own, so its ceiling holds on the meter that the
 * reports and quality checks use.
 *
 * Frame n's grid holds x[n − D] (D = 24, the filter's centre) and the seven values between it
 * and x[n − D + 1].
 */
export const METER_GRID_FACTOR = 8;

/**
 * Branches p and F − p are mirror images (c_{F−p}[j] = c_p[T − 1 − j]), so one pass gives both:
 * with u_j = x[k + j], v_j = x[k + T − 1 − j] and j < T/2,
 *   y_p = Σ a_j (u_j + v_j) + Σ b_j (u_j − v_j),   y_{F−p} = Σ a_j (u_j + v_j) − Σ b_j (u_j − v_j),
 * a_j = (c_p[j] + c_p[T−1−j])/2, b_j = (c_p[j] − c_p[T−1−j])/2. The middle branch has b = 0.
 */
interface FoldedPair {
  readonly sum: Float64Array;
  readonly difference: Float64Array | undefined;
}

function fold(branch: Float64Array, isMiddle: boolean): FoldedPair {
  const T = branch.length;
  const sum = new Float64Array(T / 2);
  const difference = new Float64Array(T / 2);
  for (let j = 0; j < T / 2; j++) {
    sum[j] = (branch[j] + branch[T - 1 - j]) / 2;
    difference[j] = (branch[j] - branch[T - 1 - j]) / 2;
  }
  return { sum, difference: isMiddle ? undefined : difference };
}

export class MeterInterpolant {
  /** Whole-sample delay of the grid: frame n starts at base sample n − delay. */
  readonly delay: number;
  private readonly taps: number;
  private readonly kernels: FoldedPair[];
  /** Per channel: the last T − 1 inputs, then one block. */
  private readonly lines: Float64Array[];

  constructor(channels: number, maxBlockSize: number) {
    const design = designInterpolator(METER_GRID_FACTOR, VERIFICATION_GRADE);
    this.taps = design.tapsPerPhase;
    this.kernels = [];
    for (let p = 1; p <= METER_GRID_FACTOR / 2; p++) {
      this.kernels.push(fold(design.branches[p - 1], 2 * p === METER_GRID_FACTOR));
    }
    this.delay = this.taps / 2;
    this.lines = Array.from(
      { length: channels },
      () => new Float64Array(this.taps - 1 + maxBlockSize),
    );
  }

  reset(): void {
    for (const line of this.lines) line.fill(0);
  }

  /** Writes 8 grid values per frame of `input` to `top`. */
  process(channel: number, input: ArrayLike<number>, length: number, top: Float64Array): void {
    const line = this.lines[channel];
    const T = this.taps;
    const history = T - 1;
    const F = METER_GRID_FACTOR;
    for (let i = 0; i < length; i++) line[history + i] = input[i];
    // Frame i's window is line[i … i + T − 1] (it ends at the frame's own input).
    for (let i = 0; i < length; i++) top[i * F] = line[i + T / 2 - 1];
    for (let p = 1; p <= F / 2; p++) {
      const { sum, difference } = this.kernels[p - 1];
      let i = 0;
      if (difference) {
        for (; i + 4 <= length; i += 4) pairs4(sum, difference, line, i, T, top, i * F, p);
      } else {
        for (; i + 4 <= length; i += 4) middle4(sum, line, i, T, top, i * F);
      }
      for (; i < length; i++) pair1(sum, difference, line, i, T, top, i * F, p);
    }
    line.copyWithin(0, length, length + history);
  }
}

/** Grid values p and F − p of the frame whose window starts at line[k]. */
function pair1(
  sum: Float64Array,
  difference: Float64Array | undefined,
  line: Float64Array,
  k: number,
  T: number,
  top: Float64Array,
  o: number,
  p: number,
): void {
  const last = k + T - 1;
  let s = 0;
  let d = 0;
  for (let j = 0; j < T / 2; j++) {
    const u = line[k + j];
    const v = line[last - j];
    s += sum[j] * (u + v);
    if (difference) d += difference[j] * (u - v);
  }
  top[o + p] = s + d;
  top[o + METER_GRID_FACTOR - p] = s - d;
}

/**
 * `pair1` for four consecutive frames at once: each sample loaded serves four windows
 * (u walks up from line[k + m], v walks down from line[k + m + T − 1], m = 0 … 3).
 */
function pairs4(
  sum: Float64Array,
  difference: Float64Array,
  line: Float64Array,
  k: number,
  T: number,
  top: Float64Array,
  o: number,
  p: number,
): void {
  const F = METER_GRID_FACTOR;
  const last = k + T - 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let u0 = line[k];
  let u1 = line[k + 1];
  let u2 = line[k + 2];
  let v1 = line[last + 1];
  let v2 = line[last + 2];
  let v3 = line[last + 3];
  for (let j = 0; j < T / 2; j++) {
    const u3 = line[k + 3 + j];
    const v0 = line[last - j];
    const a = sum[j];
    const c = difference[j];
    s0 += a * (u0 + v0);
    s1 += a * (u1 + v1);
    s2 += a * (u2 + v2);
    s3 += a * (u3 + v3);
    d0 += c * (u0 - v0);
    d1 += c * (u1 - v1);
    d2 += c * (u2 - v2);
    d3 += c * (u3 - v3);
    u0 = u1;
    u1 = u2;
    u2 = u3;
    v3 = v2;
    v2 = v1;
    v1 = v0;
  }
  top[o + p] = s0 + d0;
  top[o + F - p] = s0 - d0;
  top[o + F + p] = s1 + d1;
  top[o + 2 * F - p] = s1 - d1;
  top[o + 2 * F + p] = s2 + d2;
  top[o + 3 * F - p] = s2 - d2;
  top[o + 3 * F + p] = s3 + d3;
  top[o + 4 * F - p] = s3 - d3;
}

/** The middle branch (p = F/2, its own mirror: only the sums) for four consecutive frames. */
function middle4(
  sum: Float64Array,
  line: Float64Array,
  k: number,
  T: number,
  top: Float64Array,
  o: number,
): void {
  const F = METER_GRID_FACTOR;
  const p = F / 2;
  const last = k + T - 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let u0 = line[k];
  let u1 = line[k + 1];
  let u2 = line[k + 2];
  let v1 = line[last + 1];
  let v2 = line[last + 2];
  let v3 = line[last + 3];
  for (let j = 0; j < T / 2; j++) {
    const u3 = line[k + 3 + j];
    const v0 = line[last - j];
    const a = sum[j];
    s0 += a * (u0 + v0);
    s1 += a * (u1 + v1);
    s2 += a * (u2 + v2);
    s3 += a * (u3 + v3);
    u0 = u1;
    u1 = u2;
    u2 = u3;
    v3 = v2;
    v2 = v1;
    v1 = v0;
  }
  top[o + p] = s0;
  top[o + F + p] = s1;
  top[o + 2 * F + p] = s2;
  top[o + 3 * F + p] = s3;
}
