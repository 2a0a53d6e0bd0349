/**
 * Mains hum detection: is there a steady line at 50 or 60 Hz (± a little drift) and at its
 * harmonics, standing out from the spectrum around it?
 *
 * 1. Excess. The long-term spectrum is, per bin, the lower quartile of Hann-windowed
 *    periodograms of segments spread over the clip (≈ 0.7 s each, 1.5 Hz bins at 48 kHz).
 *    A low quantile, unlike the mean, ignores music that sounds in fewer than three quarters
 *    of the segments, while hum, present in all of them, passes at its full level (a robust
 *    Welch estimate, as the median PSD of Allen et al. 2012, "FINDCHIRP", §IV-C). A line's
 *    excess is the power at its exact frequency (interpolated between bins) over the median
 *    of the bins 6–18 Hz to either side. Candidate fundamentals 49–51 and 59–61 Hz (0.02 Hz
 *    steps) are ranked by the summed excess of their first ten harmonics; the two best
 *    distinct candidates of each family go on.
 * 2. Coherence. Excess alone cannot tell hum from music in a key whose notes are
 *    near-harmonics of one root (G major partials fall on a 49 Hz comb), nor from a kick
 *    drum's 50 Hz body on every beat. Hum is the same sinusoid throughout, so the phase it
 *    advances from one block (0.2 s) to the next is the same everywhere in the clip, while
 *    notes and drum hits restart with new phases and frequencies. A line's coherence is
 *    |mean of z/|z||, z the product of a block's demodulate with the conjugate of the
 *    previous one's (summed over channels), over up to 40 pairs of blocks spread over the
 *    clip (0.1 s blocks in clips under 2.8 s; at least 7 pairs, so clips of 1.4 s or more): ≈ 1 for hum, ≈ √(π/4P) for noise over P pairs. The threshold is 0.5, raised to
 *    2.5/√P for short clips with few pairs.
 * 3. Harmonicity. The mean advance also gives each line's frequency to a fraction of a hertz;
 *    hum lines are exact multiples of one fundamental, so a coherent line whose frequency
 *    divided by its number strays more than 0.05 Hz from the (weighted median) fundamental
 *    is a sustained note, not hum.
 * A candidate's hum is present when its fundamental, or at least two of harmonics 2–6, pass
 * all three tests; among candidates, present ones win, then the larger summed excess of
 * detected lines, so 50 against 60 is decided by which family of lines is actually there.
 */
import { RealFft } from '../../core/fft.js';

export type MainsChoice = 'auto' | '50' | '60';

/** Candidate fundamentals lie within this many Hz of 50 or 60. */
export const MAINS_DRIFT_HZ = 1;
const CANDIDATE_STEP_HZ = 0.02;
/** Harmonics scored when choosing the fundamental. */
const SCORED_HARMONICS = 10;
/** Each detected line's contribution to a family's score is capped (one strong line does
 * not outweigh several). */
const SCORE_CAP_DB = 30;
/** Quantile of the segments' powers taken per bin. */
const SEGMENT_QUANTILE = 0.25;
/** Most segments analysed; they are spread evenly over the clip. */
const MAX_SEGMENTS = 48;
/** Coherence a detected line needs (see above), before the short-clip adjustment. */
export const MIN_COHERENCE = 0.5;
/** Coherence blocks last 0.2 s, or 0.1 s in a clip too short for MIN_COHERENCE_PAIRS pairs
 * of those. Either length puts a Hann null on every other multiple of 50 and of 60 Hz, so
 * neighbouring harmonics do not leak into a line's demodulate. */
const COHERENCE_BLOCK_SECONDS = [0.2, 0.1] as const;
const COHERENCE_PAIRS = 40;
/** Fewest pairs of blocks: the short-clip threshold 2.5/√P must stay below 1 with a margin
 * (7 pairs: 0.94), or no line could pass. */
const MIN_COHERENCE_PAIRS = 7;
/** The shortest clip hum can be told from music in: MIN_COHERENCE_PAIRS pairs of 0.1 s blocks. */
export const MIN_HUM_SECONDS =
  2 * MIN_COHERENCE_PAIRS * COHERENCE_BLOCK_SECONDS[COHERENCE_BLOCK_SECONDS.length - 1];
/** Largest distance of a line's frequency / h from the fundamental, Hz. */
const HARMONICITY_HZ = 0.05;
/** A line's spectral peak is looked for within this many bins of it (≈ 2.9 Hz at 48 kHz),
 * and must lie within this many bins of it (the peak of a Hann-windowed sinusoid is found
 * by the log-parabola to within a few hundredths of a bin). */
const PEAK_SEARCH_BINS = 2;
const PEAK_TOLERANCE_BINS = 0.25;
/** Candidates per family evaluated in full, and how far apart they must be. */
const CANDIDATES = 2;
const CANDIDATE_SEPARATION_HZ = 0.3;
/** Neighbourhood of a line, in Hz from it: [inner, outer] on each side. */
const NEIGHBOUR_INNER_HZ = 6;
const NEIGHBOUR_OUTER_HZ = 18;

export interface HumLine {
  /** Harmonic number (1 = fundamental). */
  readonly harmonic: number;
  /** Line power over its neighbourhood, dB. */
  readonly excessDb: number;
  /** Phase coherence over the clip, 0…1. */
  readonly coherence: number;
  /** Passes both the excess threshold and the coherence test. */
  readonly detected: boolean;
}

export interface HumDetection {
  /** Estimated fundamental, Hz (mean over the clip; refined over time by tracking). */
  readonly fundamentalHz: number;
  readonly mainsHz: 50 | 60;
  /** Every harmonic up to `maxHarmonic` with its excess. */
  readonly lines: readonly HumLine[];
  /** Whether the lines say hum is present. */
  readonly present: boolean;
}

/**
 * Analyses the channels (powers summed) for hum. `thresholdDb`: the excess a line needs to
 * count. Undefined when the clip is shorter than MIN_HUM_SECONDS.
 */
export function detectHum(
  channels: readonly Float32Array[],
  sampleRate: number,
  mains: MainsChoice,
  maxHarmonic: number,
  thresholdDb: number,
): HumDetection | undefined {
  const frames = channels[0].length;
  if (frames < Math.round(MIN_HUM_SECONDS * sampleRate)) return undefined;
  let size = 2 ** Math.round(Math.log2(0.6 * sampleRate));
  while (size > frames && size > 1024) size /= 2;
  const binHz = sampleRate / size;
  const topHz = Math.min(
    sampleRate / 2 - NEIGHBOUR_OUTER_HZ,
    (maxHarmonic + 1) * (60 + MAINS_DRIFT_HZ),
  );
  const bins = Math.min(size / 2, Math.ceil((topHz + NEIGHBOUR_OUTER_HZ) / binHz) + 2);
  const spectrum = medianSpectrum(channels, size, bins);

  const families: (50 | 60)[] = mains === 'auto' ? [50, 60] : [mains === '50' ? 50 : 60];
  let best: HumDetection | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const family of families) {
    for (const f0 of candidates(spectrum, binHz, family)) {
      const evaluated = evaluateCandidate(
        channels,
        sampleRate,
        spectrum,
        binHz,
        f0,
        maxHarmonic,
        thresholdDb,
        mains !== 'auto',
      );
      const scored = evaluated.lines.filter((l) => l.detected && l.harmonic <= SCORED_HARMONICS);
      const score =
        (evaluated.present ? 1e6 : 0) +
        scored.reduce((sum, l) => sum + Math.min(SCORE_CAP_DB, l.excessDb), 0);
      if (score > bestScore) {
        bestScore = score;
        best = { ...evaluated, mainsHz: family };
      }
    }
  }
  return best;
}

/** The best distinct candidate fundamentals of a family by summed excess. */
function candidates(spectrum: Float64Array, binHz: number, family: number): number[] {
  const steps = Math.round((2 * MAINS_DRIFT_HZ) / CANDIDATE_STEP_HZ);
  const scored: { f0: number; score: number }[] = [];
  for (let s = 0; s <= steps; s++) {
    const f0 = family - MAINS_DRIFT_HZ + s * CANDIDATE_STEP_HZ;
    // Uncapped here: strong lines must pull the candidate onto their exact frequencies.
    let score = 0;
    for (let h = 1; h <= SCORED_HARMONICS; h++) {
      const excess = lineExcessDb(spectrum, h * f0, binHz);
      if (excess !== undefined) score += Math.max(0, excess);
    }
    scored.push({ f0, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const chosen: number[] = [];
  for (const { f0 } of scored) {
    if (chosen.every((c) => Math.abs(c - f0) >= CANDIDATE_SEPARATION_HZ)) chosen.push(f0);
    if (chosen.length === CANDIDATES) break;
  }
  return chosen;
}

/** Excess, coherence and harmonicity of every harmonic of one candidate fundamental. */
function evaluateCandidate(
  channels: readonly Float32Array[],
  sampleRate: number,
  spectrum: Float64Array,
  binHz: number,
  f0: number,
  maxHarmonic: number,
  thresholdDb: number,
  named: boolean,
): Omit<HumDetection, 'mainsHz'> {
  const excesses: number[] = [];
  for (let h = 1; h <= maxHarmonic; h++) {
    const excess = lineExcessDb(spectrum, h * f0, binHz);
    if (excess === undefined) break;
    excesses.push(excess);
  }
  // Coherence only matters for lines that stand out; skip the work for the rest.
  const standing = excesses.map((e, i) => (e >= thresholdDb ? i + 1 : 0)).filter((h) => h > 0);
  const measured = lineCoherences(channels, sampleRate, f0, standing);
  const minCoherence = Math.max(MIN_COHERENCE, 2.5 / Math.sqrt(Math.max(1, measured.pairs)));
  const coherent = standing.filter((h) => (measured.coherence.get(h) ?? 0) >= minCoherence);
  // Fundamental implied by each coherent line; their weighted median is the hum's.
  const implied = coherent.map((h) => (measured.frequencyHz.get(h) ?? h * f0) / h);
  const weights = coherent.map((h) => 10 ** (excesses[h - 1] / 10));
  const fundamental = coherent.length > 0 ? weightedMedian(implied, weights) : f0;
  const lines: HumLine[] = excesses.map((excess, i) => {
    const h = i + 1;
    const c = measured.coherence.get(h) ?? 0;
    const k = coherent.indexOf(h);
    // A coherent line's own frequency must sit on h·f0: one that does not is a sustained
    // note, whether or not the mains frequency was named. With it named, a line that stands
    // out is trusted without coherence (music under it, a bass note a hertz away, scrambles
    // the phase measured in short blocks); on "auto" coherence must confirm it.
    const onComb = k >= 0 ? Math.abs(implied[k] - fundamental) <= HARMONICITY_HZ : named;
    // Either way the line must be a peak of its own: the skirt of a louder partial a few
    // hertz away also stands out from the median around it, and its phase advance can
    // alias onto the line's frequency.
    const detected = standing.includes(h) && onComb && isPeakAt(spectrum, h * fundamental, binHz);
    return { harmonic: h, excessDb: excess, coherence: c, detected };
  });
  const low = lines.filter((l) => l.detected && l.harmonic >= 2 && l.harmonic <= 6).length;
  const present = lines[0]?.detected === true || low >= 2;
  return { fundamentalHz: fundamental, lines, present };
}

function weightedMedian(values: number[], weights: number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i];
    if (acc >= total / 2) return values[i];
  }
  return values[order[order.length - 1]];
}

/**
 * Phase coherence and frequency over the clip of harmonics `harmonics` of `f0` (see the
 * module comment), demodulated together: one phasor per sample, its powers for the
 * harmonics.
 */
function lineCoherences(
  channels: readonly Float32Array[],
  sampleRate: number,
  f0: number,
  harmonics: readonly number[],
): { pairs: number; coherence: Map<number, number>; frequencyHz: Map<number, number> } {
  const coherence = new Map<number, number>();
  const frequencyHz = new Map<number, number>();
  const frames = channels[0].length;
  const fits = (seconds: number) =>
    Math.floor(frames / (2 * Math.round(seconds * sampleRate))) >= MIN_COHERENCE_PAIRS;
  const seconds = COHERENCE_BLOCK_SECONDS.find(fits) ?? COHERENCE_BLOCK_SECONDS[1];
  const block = Math.round(seconds * sampleRate);
  const pairs = Math.min(COHERENCE_PAIRS, Math.floor(frames / (2 * block)));
  if (pairs < 2 || harmonics.length === 0) return { pairs, coherence, frequencyHz };
  const top = Math.max(...harmonics);
  const w = (2 * Math.PI * f0) / sampleRate;
  const window = new Float64Array(block);
  for (let i = 0; i < block; i++)
    window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / block);
  const baseRe = new Float64Array(block);
  const baseIm = new Float64Array(block);
  const powRe = new Float64Array(block);
  const powIm = new Float64Array(block);
  /** Demodulates of harmonics 1…top of the block at `start`: [re, im] per harmonic. */
  const demodulate = (x: Float32Array, start: number, out: Float64Array): void => {
    for (let i = 0; i < block; i++) {
      // Absolute phase reference, so consecutive blocks compare.
      const theta = (w * (start + i)) % (2 * Math.PI);
      baseRe[i] = Math.cos(theta);
      baseIm[i] = -Math.sin(theta);
      powRe[i] = window[i] * x[start + i];
      powIm[i] = 0;
    }
    for (let h = 1; h <= top; h++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < block; i++) {
        const r = powRe[i] * baseRe[i] - powIm[i] * baseIm[i];
        powIm[i] = powRe[i] * baseIm[i] + powIm[i] * baseRe[i];
        powRe[i] = r;
        re += r;
        im += powIm[i];
      }
      out[2 * h] = re;
      out[2 * h + 1] = im;
    }
  };
  const a = new Float64Array(2 * (top + 1));
  const b = new Float64Array(2 * (top + 1));
  const sumRe = new Float64Array(top + 1);
  const sumIm = new Float64Array(top + 1);
  const counted = new Float64Array(top + 1);
  const zr = new Float64Array(top + 1);
  const zi = new Float64Array(top + 1);
  for (let p = 0; p < pairs; p++) {
    const start = Math.round((p * (frames - 2 * block)) / (pairs - 1));
    zr.fill(0);
    zi.fill(0);
    for (const x of channels) {
      demodulate(x, start, a);
      demodulate(x, start + block, b);
      for (const h of harmonics) {
        zr[h] += b[2 * h] * a[2 * h] + b[2 * h + 1] * a[2 * h + 1];
        zi[h] += b[2 * h + 1] * a[2 * h] - b[2 * h] * a[2 * h + 1];
      }
    }
    for (const h of harmonics) {
      const m = Math.hypot(zr[h], zi[h]);
      if (m === 0) continue;
      sumRe[h] += zr[h] / m;
      sumIm[h] += zi[h] / m;
      counted[h]++;
    }
  }
  const blockSeconds = block / sampleRate;
  for (const h of harmonics) {
    coherence.set(h, counted[h] > 0 ? Math.hypot(sumRe[h], sumIm[h]) / counted[h] : 0);
    // The mean advance over one block is 2π·(f − h·f0)·T (aliased beyond ±1/2T, 2.5 Hz for 0.2 s blocks).
    frequencyHz.set(h, h * f0 + Math.atan2(sumIm[h], sumRe[h]) / (2 * Math.PI * blockSeconds));
  }
  return { pairs, coherence, frequencyHz };
}

/** Per-bin lower quartile over segments of the summed channel periodograms, bins 0…bins−1. */
function medianSpectrum(
  channels: readonly Float32Array[],
  size: number,
  bins: number,
): Float64Array {
  const frames = channels[0].length;
  const available = Math.floor((frames - size) / (size / 2)) + 1;
  const count = Math.min(MAX_SEGMENTS, available);
  const fft = new RealFft(size);
  const window = new Float64Array(size);
  for (let i = 0; i < size; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  const frame = new Float64Array(size);
  const spec = fft.createSpectrum();
  const powers = Array.from({ length: bins }, () => new Float64Array(count));
  for (let s = 0; s < count; s++) {
    // Spread the segments evenly from the first to the last possible start.
    const start = count === 1 ? 0 : Math.round((s * (frames - size)) / (count - 1));
    for (const x of channels) {
      for (let i = 0; i < size; i++) frame[i] = window[i] * x[start + i];
      fft.forward(frame, spec);
      for (let k = 0; k < bins; k++) powers[k][s] += spec[2 * k] ** 2 + spec[2 * k + 1] ** 2;
    }
  }
  const out = new Float64Array(bins);
  const at = SEGMENT_QUANTILE * (count - 1);
  const lo = Math.floor(at);
  const frac = at - lo;
  for (let k = 0; k < bins; k++) {
    const values = powers[k].sort();
    out[k] = values[lo] + frac * ((values[Math.min(count - 1, lo + 1)] ?? values[lo]) - values[lo]);
  }
  return out;
}

/**
 * Whether the spectrum's largest bin within ±PEAK_SEARCH_BINS of `hz` is a local maximum
 * inside that range whose interpolated position (parabola through the log powers) lies
 * within PEAK_TOLERANCE_BINS of `hz`.
 */
function isPeakAt(spectrum: Float64Array, hz: number, binHz: number): boolean {
  const centre = Math.round(hz / binHz);
  if (centre - PEAK_SEARCH_BINS < 1 || centre + PEAK_SEARCH_BINS + 1 >= spectrum.length)
    return false;
  let top = centre - PEAK_SEARCH_BINS;
  for (let k = top + 1; k <= centre + PEAK_SEARCH_BINS; k++)
    if (spectrum[k] > spectrum[top]) top = k;
  if (spectrum[top - 1] > spectrum[top] || spectrum[top + 1] > spectrum[top]) return false;
  const [a, b, c] = [top - 1, top, top + 1].map((k) => Math.log(Math.max(spectrum[k], 1e-300)));
  const curvature = a - 2 * b + c;
  const offset = curvature < 0 ? (0.5 * (a - c)) / curvature : 0;
  return Math.abs(top + offset - hz / binHz) <= PEAK_TOLERANCE_BINS;
}

/** Power at `hz` (linear between bins) over the median of its neighbourhood, dB. */
function lineExcessDb(spectrum: Float64Array, hz: number, binHz: number): number | undefined {
  const centre = hz / binHz;
  const outer = Math.ceil(NEIGHBOUR_OUTER_HZ / binHz);
  if (Math.floor(centre) - outer < 1 || Math.ceil(centre) + outer >= spectrum.length) {
    return undefined;
  }
  const k0 = Math.floor(centre);
  const peak = spectrum[k0] + (centre - k0) * (spectrum[k0 + 1] - spectrum[k0]);
  const inner = Math.ceil(NEIGHBOUR_INNER_HZ / binHz);
  const around: number[] = [];
  for (let d = inner; d <= outer; d++) {
    around.push(spectrum[Math.round(centre) - d], spectrum[Math.round(centre) + d]);
  }
  around.sort((a, b) => a - b);
  const floor = around[around.length >> 1];
  return 10 * Math.log10(Math.max(peak, 1e-300) / Math.max(floor, 1e-300));
}
