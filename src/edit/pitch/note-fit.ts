/**
 * The shape of one sung note's pitch: centre + drift·t + vibrato(t)·sin(2π·rate·t + φ), fitted
 * by least squares with the rate searched over 3.5–8.5 Hz (the range of sung vibrato,
 * Sundberg, "The Science of the Singing Voice", 1987; most singers sit at 5.5–6.5 Hz), and
 * refitted with outliers (glides into and out of the note) left out. Fitting the vibrato,
 * rather than taking a median, matters for the centre: over a note that holds 3.4 vibrato
 * cycles the median of a ±40-cent vibrato is off by up to 7 cents, the fit by a fraction
 * of a cent.
 */
export interface NoteFit {
  /** Pitch at the note's middle, cents (MIDI × 100), vibrato and drift removed. */
  readonly centreCents: number;
  /** Slope of the pitch, cents per second. */
  readonly driftCentsPerSecond: number;
  /** 0 when the note has no vibrato worth the name. */
  readonly vibratoRateHz: number;
  /**
   * Peak deviation of the developed vibrato, cents (0 when none): the fitted depth where it
   * is largest, read a quarter of the way in from the end of the fitted span, so a vibrato
   * that grows through the note is reported at its developed depth without leaning on the
   * last frames.
   */
  readonly vibratoDepthCents: number;
  /** Median of the frames kept, cents. */
  readonly medianCents: number;
  /** RMS of what the model does not explain, cents. */
  readonly residualCents: number;
  /** Frames the fit used (after outliers were left out). */
  readonly framesUsed: number;
  /** The fitted pitch (centre, drift and vibrato) at time t, cents. */
  predictCents(t: number): number;
  /** The fitted pitch without its vibrato (centre and drift) at time t, cents. */
  lineCents(t: number): number;
  /** Frames further than this from the fit were left out as outliers (glides), cents. */
  readonly outlierLimitCents: number;
}

/**
 * Drift is measured only on notes at least this long: on shorter ones a vibrato that starts
 * mid-note (the usual delayed vibrato) cannot be told from a slope — on the test melody's
 * 0.35–0.46 s notes the fitted slope is off by up to 50 cents/s, on notes of 0.6 s and more
 * by under 15.
 */
export const MIN_DRIFT_NOTE_SECONDS = 0.5;

/** Whether a note is long enough for its drift to be measured (and flattened). */
export function driftMeasurable(note: { startSeconds: number; endSeconds: number }): boolean {
  return note.endSeconds - note.startSeconds >= MIN_DRIFT_NOTE_SECONDS;
}

/** Frames trimmed from each end of a note before it is fitted: the glides in and out. */
const FIT_TRIM_SECONDS = 0.025;

/**
 * Fits the note over frames [first, end) of a per-frame pitch in cents (NaN = unvoiced),
 * frame f being at f · hopSeconds, leaving FIT_TRIM_SECONDS out at each end when the note
 * is long enough to spare them.
 */
export function fitFrames(
  cents: ArrayLike<number>,
  first: number,
  end: number,
  hopSeconds: number,
): NoteFit | undefined {
  const trim = Math.round(FIT_TRIM_SECONDS / hopSeconds);
  const lo = end - first > 4 * trim ? first + trim : first;
  const hi = end - first > 4 * trim ? end - trim : end;
  const times: number[] = [];
  const values: number[] = [];
  for (let f = lo; f < hi; f++) {
    times.push(f * hopSeconds);
    values.push(cents[f]);
  }
  return fitNote(times, values);
}

const MIN_RATE_HZ = 3.5;
const MAX_RATE_HZ = 8.5;
const RATE_STEP_HZ = 0.1;
/** A vibrato must be at least this deep and explain this share of the variance left by a line. */
const MIN_VIBRATO_DEPTH_CENTS = 6;
const MIN_VIBRATO_EXPLAINED = 0.5;
/** Vibrato needs this many cycles in the note before it is fitted. */
const MIN_VIBRATO_CYCLES = 1.25;
/** Frames further than max(this, 3 × RMS residual) from the fit are outliers. */
const MIN_OUTLIER_CENTS = 20;

/**
 * Fits `cents` (one value per frame, NaN = skip) at `times` (seconds). Returns undefined
 * when fewer than 3 frames are usable.
 */
export function fitNote(times: ArrayLike<number>, cents: ArrayLike<number>): NoteFit | undefined {
  let use: number[] = [];
  for (let i = 0; i < cents.length; i++) if (Number.isFinite(cents[i])) use.push(i);
  if (use.length < 3) return undefined;
  const middle = 0.5 * (times[use[0]] + times[use[use.length - 1]]);
  let model = fitModel(times, cents, use, middle);
  for (let pass = 0; pass < 3; pass++) {
    const limit = Math.max(MIN_OUTLIER_CENTS, 3 * model.rms);
    const kept = use.filter((i) => Math.abs(cents[i] - model.predict(times[i] - middle)) <= limit);
    if (kept.length === use.length || kept.length < 3) break;
    use = kept;
    model = fitModel(times, cents, use, middle);
  }
  const values = use.map((i) => cents[i]).sort((a, b) => a - b);
  const fitted = model;
  const drift = model.coefficients[1];
  return {
    predictCents: (t) => fitted.predict(t - middle),
    lineCents: (t) => fitted.coefficients[0] + drift * (t - middle),
    outlierLimitCents: Math.max(MIN_OUTLIER_CENTS, 3 * model.rms),
    centreCents: model.coefficients[0],
    driftCentsPerSecond: drift,
    vibratoRateHz: model.rateHz,
    vibratoDepthCents: model.rateHz > 0 ? developedDepth(model.coefficients, times, use) : 0,
    medianCents: values[values.length >> 1],
    residualCents: model.rms,
    framesUsed: use.length,
  };
}

interface Model {
  readonly coefficients: readonly number[];
  readonly rateHz: number;
  readonly rms: number;
  predict(t: number): number;
}

function fitModel(
  times: ArrayLike<number>,
  cents: ArrayLike<number>,
  use: readonly number[],
  middle: number,
): Model {
  const t = use.map((i) => times[i] - middle);
  const x = use.map((i) => cents[i]);
  const line = leastSquares(t, x, 0);
  const span = t[t.length - 1] - t[0];
  let best = line;
  let bestRate = 0;
  if (span * MAX_RATE_HZ >= MIN_VIBRATO_CYCLES) {
    const minRate = Math.max(MIN_RATE_HZ, MIN_VIBRATO_CYCLES / Math.max(span, 1e-9));
    let found: Solution | undefined;
    let foundRate = 0;
    const tried: [number, number][] = [];
    for (let rate = minRate; rate <= MAX_RATE_HZ + 1e-9; rate += RATE_STEP_HZ) {
      const s = leastSquares(t, x, rate);
      tried.push([rate, s.sse]);
      if (!found || s.sse < found.sse) {
        found = s;
        foundRate = rate;
      }
    }
    if (found) {
      // Parabolic refinement of the rate between grid points.
      const k = tried.findIndex(([r]) => r === foundRate);
      if (k > 0 && k < tried.length - 1) {
        const [a, b, c] = [tried[k - 1][1], tried[k][1], tried[k + 1][1]];
        const curvature = a - 2 * b + c;
        if (curvature > 0) {
          const rate =
            foundRate + RATE_STEP_HZ * Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curvature));
          const refined = leastSquares(t, x, rate);
          if (refined.sse <= found.sse) {
            found = refined;
            foundRate = rate;
          }
        }
      }
      const depth = Math.hypot(found.coefficients[2], found.coefficients[3]);
      const explained = line.sse > 0 ? 1 - found.sse / line.sse : 0;
      if (depth >= MIN_VIBRATO_DEPTH_CENTS && explained >= MIN_VIBRATO_EXPLAINED) {
        best = found;
        bestRate = foundRate;
      }
    }
  }
  const c = bestRate > 0 ? best.coefficients : [...best.coefficients, 0, 0, 0, 0];
  const w = 2 * Math.PI * bestRate;
  return {
    coefficients: c,
    rateHz: bestRate,
    rms: Math.sqrt(best.sse / t.length),
    predict: (u) =>
      c[0] + c[1] * u + (c[2] + c[4] * u) * Math.cos(w * u) + (c[3] + c[5] * u) * Math.sin(w * u),
  };
}

interface Solution {
  readonly coefficients: number[];
  readonly sse: number;
}

/**
 * Least squares of x on [1, t] (rate 0) or [1, t, cos ωt, sin ωt, t·cos ωt, t·sin ωt]: the
 * last two let the vibrato's depth grow or shrink linearly through the note, as a delayed
 * vibrato does, without which the fit would lean the centre toward the deeper half.
 */
function leastSquares(t: readonly number[], x: readonly number[], rateHz: number): Solution {
  const size = rateHz > 0 ? 6 : 2;
  const ata = Array.from({ length: size }, () => new Float64Array(size));
  const atx = new Float64Array(size);
  const row = new Float64Array(6);
  const w = 2 * Math.PI * rateHz;
  const fill = (u: number) => {
    row[0] = 1;
    row[1] = u;
    if (size === 6) {
      row[2] = Math.cos(w * u);
      row[3] = Math.sin(w * u);
      row[4] = u * row[2];
      row[5] = u * row[3];
    }
  };
  for (let i = 0; i < t.length; i++) {
    fill(t[i]);
    for (let a = 0; a < size; a++) {
      atx[a] += row[a] * x[i];
      for (let b = a; b < size; b++) ata[a][b] += row[a] * row[b];
    }
  }
  for (let a = 0; a < size; a++) for (let b = 0; b < a; b++) ata[a][b] = ata[b][a];
  const coefficients = solve(ata, atx);
  let sse = 0;
  for (let i = 0; i < t.length; i++) {
    fill(t[i]);
    let p = 0;
    for (let a = 0; a < size; a++) p += coefficients[a] * row[a];
    sse += (x[i] - p) ** 2;
  }
  return { coefficients, sse };
}

/** Gaussian elimination with partial pivoting; a singular system gives zeros where undetermined. */
function solve(a: Float64Array[], b: Float64Array): number[] {
  const n = b.length;
  const m = a.map((r) => Float64Array.from(r));
  const y = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) continue;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    [y[col], y[pivot]] = [y[pivot], y[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c < n; c++) m[r][c] -= f * m[col][c];
      y[r] -= f * y[col];
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    if (Math.abs(m[r][r]) < 1e-12) continue;
    let s = y[r];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * out[c];
    out[r] = s / m[r][r];
  }
  return out;
}

function developedDepth(
  c: readonly number[],
  times: ArrayLike<number>,
  use: readonly number[],
): number {
  const quarter = 0.25 * (times[use[use.length - 1]] - times[use[0]]);
  const depthAt = (u: number) => Math.hypot(c[2] + c[4] * u, c[3] + c[5] * u);
  return Math.max(depthAt(-quarter), depthAt(quarter));
}
