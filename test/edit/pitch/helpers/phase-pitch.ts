import FFT from 'fft.js';

/**
 * An f0 estimator independent of the tracker under test: the mean instantaneous frequency
 * of the low harmonics over a window. For each harmonic h the analytic signal is formed by
 * keeping only the FFT bins within a band around h·f0 (positive frequencies), the phase of
 * that narrow-band signal is unwrapped, and the harmonic's mean frequency is its total
 * phase advance over the window divided by 2π × the window length; f0 is the
 * energy-weighted mean of f_h / h (Boashash, "Estimating and interpreting the
 * instantaneous frequency of a signal", Proc. IEEE 80, 1992). Over a whole number of
 * vibrato cycles the phase advance is exactly that of the mean frequency, so vibrato does
 * not bias it (a Hz-domain mean of a ±35-cent sinusoidal vibrato reads 0.2 cents above
 * its centre, the same before and after correction).
 */
export interface PhasePitchOptions {
  readonly sampleRate: number;
  /** A rough f0 (within ±20 %) that locates the harmonics. */
  readonly guessHz: number;
  /** Harmonics used (default 1…3). */
  readonly harmonics?: number;
  /** Extra signal on each side of the window given to the band filter (default 60 ms). */
  readonly marginSeconds?: number;
}

export function meanPitchHz(
  samples: Float32Array,
  startSeconds: number,
  endSeconds: number,
  options: PhasePitchOptions,
): number {
  const fs = options.sampleRate;
  const margin = Math.round((options.marginSeconds ?? 0.06) * fs);
  const i0 = Math.round(startSeconds * fs);
  const i1 = Math.round(endSeconds * fs);
  const from = Math.max(0, i0 - margin);
  const to = Math.min(samples.length, i1 + margin);
  let size = 2;
  while (size < 2 * (to - from)) size *= 2;
  const fft = new FFT(size);
  const input = fft.createComplexArray();
  for (let i = from; i < to; i++) input[2 * (i - from)] = samples[i];
  const spectrum = fft.createComplexArray();
  fft.transform(spectrum, input);

  let weighted = 0;
  let weights = 0;
  const harmonics = options.harmonics ?? 3;
  for (let h = 1; h <= harmonics; h++) {
    const centre = h * options.guessHz;
    const half = Math.min(0.45 * options.guessHz, Math.max(40, 0.1 * centre));
    const band = fft.createComplexArray();
    const k0 = Math.max(1, Math.floor(((centre - half) * size) / fs));
    const k1 = Math.ceil(((centre + half) * size) / fs);
    let energy = 0;
    for (let k = k0; k <= k1; k++) {
      band[2 * k] = 2 * spectrum[2 * k];
      band[2 * k + 1] = 2 * spectrum[2 * k + 1];
      energy += spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
    }
    const analytic = fft.createComplexArray();
    fft.inverseTransform(analytic, band);
    let phase = 0;
    let previous = Math.atan2(analytic[2 * (i0 - from) + 1], analytic[2 * (i0 - from)]);
    for (let i = i0 + 1; i <= i1; i++) {
      const p = Math.atan2(analytic[2 * (i - from) + 1], analytic[2 * (i - from)]);
      let d = p - previous;
      d -= 2 * Math.PI * Math.round(d / (2 * Math.PI));
      phase += d;
      previous = p;
    }
    const frequency = (phase / (2 * Math.PI)) * (fs / (i1 - i0));
    weighted += energy * (frequency / h);
    weights += energy;
  }
  return weighted / weights;
}

/**
 * The longest window made of whole vibrato cycles that fits in [from, to], centred there
 * (for notes too short for one cycle, the whole span).
 */
export function wholeCycles(from: number, to: number, rateHz: number): [number, number] {
  const cycles = Math.floor((to - from) * rateHz);
  if (cycles < 1) return [from, to];
  const length = cycles / rateHz;
  const middle = (from + to) / 2;
  return [middle - length / 2, middle + length / 2];
}

/** A held note's pitch as centre + drift·t + vibrato at a known rate. */
export interface PitchShape {
  /** Pitch at the window's middle, cents (1200·log2 Hz). */
  readonly centreCents: number;
  readonly driftCentsPerSecond: number;
  /** Peak deviation of the vibrato, cents. */
  readonly vibratoDepthCents: number;
}

/**
 * The shape of the pitch over [start, end] seconds: the instantaneous frequency of
 * harmonics 1…3 (phase steps of the same narrow-band analytic signals as meanPitchHz),
 * in cents and averaged across harmonics by energy, fitted by least squares with
 * c + d·t + a·cos(2πrt) + b·sin(2πrt) at the vibrato rate r the test sang.
 */
export function pitchShape(
  samples: Float32Array,
  startSeconds: number,
  endSeconds: number,
  rateHz: number,
  options: PhasePitchOptions,
): PitchShape {
  const curve = instantaneousCents(samples, startSeconds, endSeconds, options);
  const fs = options.sampleRate;
  const w = 2 * Math.PI * rateHz;
  const middle = (startSeconds + endSeconds) / 2;
  const m = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
  const v = [0, 0, 0, 0];
  curve.forEach((cents, i) => {
    const t = startSeconds + i / fs - middle;
    const row = [1, t, Math.cos(w * t), Math.sin(w * t)];
    for (let a = 0; a < 4; a++) {
      v[a] += row[a] * cents;
      for (let b = 0; b < 4; b++) m[a][b] += row[a] * row[b];
    }
  });
  const [c, d, a, b] = solve(m, v);
  return { centreCents: c, driftCentsPerSecond: d, vibratoDepthCents: Math.hypot(a, b) };
}

/** Energy-weighted instantaneous pitch (cents re 1 Hz, ×1200·log2) per sample of [start, end]. */
function instantaneousCents(
  samples: Float32Array,
  startSeconds: number,
  endSeconds: number,
  options: PhasePitchOptions,
): Float64Array {
  const fs = options.sampleRate;
  const margin = Math.round((options.marginSeconds ?? 0.06) * fs);
  const i0 = Math.round(startSeconds * fs);
  const i1 = Math.round(endSeconds * fs);
  const from = Math.max(0, i0 - margin);
  const to = Math.min(samples.length, i1 + margin);
  let size = 2;
  while (size < 2 * (to - from)) size *= 2;
  const fft = new FFT(size);
  const input = fft.createComplexArray();
  for (let i = from; i < to; i++) input[2 * (i - from)] = samples[i];
  const spectrum = fft.createComplexArray();
  fft.transform(spectrum, input);
  const out = new Float64Array(i1 - i0);
  const weights = new Float64Array(i1 - i0);
  for (let h = 1; h <= (options.harmonics ?? 3); h++) {
    const centre = h * options.guessHz;
    const half = Math.min(0.45 * options.guessHz, Math.max(40, 0.1 * centre));
    const band = fft.createComplexArray();
    const k0 = Math.max(1, Math.floor(((centre - half) * size) / fs));
    const k1 = Math.ceil(((centre + half) * size) / fs);
    for (let k = k0; k <= k1; k++) {
      band[2 * k] = 2 * spectrum[2 * k];
      band[2 * k + 1] = 2 * spectrum[2 * k + 1];
    }
    const z = fft.createComplexArray();
    fft.inverseTransform(z, band);
    for (let i = i0; i < i1; i++) {
      const j = i - from;
      // Instantaneous frequency from the phase step between neighbouring samples.
      const re = z[2 * j + 2] * z[2 * j] + z[2 * j + 3] * z[2 * j + 1];
      const im = z[2 * j + 3] * z[2 * j] - z[2 * j + 2] * z[2 * j + 1];
      const hz = (Math.atan2(im, re) * fs) / (2 * Math.PI) / h;
      const energy = z[2 * j] ** 2 + z[2 * j + 1] ** 2;
      out[i - i0] += energy * 1200 * Math.log2(Math.max(1e-6, hz));
      weights[i - i0] += energy;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= weights[i];
  return out;
}

/** Gauss–Jordan elimination with partial pivoting for a small dense system. */
function solve(m: number[][], v: number[]): number[] {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}
