/**
 * The hum's instantaneous frequency over the clip, and its phase. Mains frequency wanders
 * slowly (grid load, a tape's speed): a fixed frequency off by 0.01 Hz turns the 10th
 * harmonic 36° in a second, and a cancellation fitted at that frequency would leave much of
 * the line behind.
 *
 * Each harmonic is demodulated at the coarse fundamental in abutting Hann blocks of 0.2 s;
 * the phase advance between consecutive blocks, divided by 2π·h·hop, is the
 * frequency offset (the phase-vocoder estimate; Flanagan & Golden 1966). Blocks more than
 * twice as loud at a line as the clip's median block hold something else there (a kick
 * drum's body, a passing note) and are left out. Each harmonic's offsets then pass a running
 * median over ±1 s (what music remains on the line drops out);
 * the harmonics are then combined by a median weighted by h·(line-to-noise power), so a
 * harmonic that music keeps covering is outvoted, and a running mean over ±0.4 s smooths
 * the result. The phase is the integral of the piecewise-linear frequency.
 */

const BLOCK_SECONDS = 0.2;
/** A block louder than this × the median block at a line is left out of that line's track. */
const LOUD_BLOCK = 2;
/** Running median over ±1 s of blocks, then a running mean over ±0.4 s. The mean is kept
 * short to follow a wandering mains frequency: on ±0.1 Hz every 6 s, a ±1 s mean removed
 * 34.1 dB of the hum's energy and ±0.4 s 35.1 dB. */
const SMOOTH_BLOCKS = 5;
const MEAN_BLOCKS = 2;

export interface TrackedHarmonic {
  readonly harmonic: number;
  /** Line power over neighbourhood noise power (linear); the weight of its estimate. */
  readonly lineToNoise: number;
}

export class HumTrack {
  /** Knot positions (samples) and frequencies (Hz) of the piecewise-linear track. */
  private readonly knots: Float64Array;
  private readonly hz: Float64Array;
  /** Phase (radians, wrapped) of the fundamental at each knot. */
  private readonly phase: Float64Array;
  readonly sampleRate: number;

  constructor(knots: Float64Array, hz: Float64Array, sampleRate: number) {
    this.knots = knots;
    this.hz = hz;
    this.sampleRate = sampleRate;
    this.phase = new Float64Array(knots.length);
    for (let k = 1; k < knots.length; k++) {
      const span = knots[k] - knots[k - 1];
      const advance = (Math.PI * (hz[k - 1] + hz[k]) * span) / sampleRate;
      this.phase[k] = (this.phase[k - 1] + advance) % (2 * Math.PI);
    }
  }

  /** Mean frequency over the clip, Hz. */
  get meanHz(): number {
    let sum = 0;
    for (const f of this.hz) sum += f;
    return sum / this.hz.length;
  }

  get minHz(): number {
    return Math.min(...this.hz);
  }

  get maxHz(): number {
    return Math.max(...this.hz);
  }

  /** Writes the fundamental's phase (radians) at samples start … start + out.length − 1. */
  fillPhase(start: number, out: Float64Array): void {
    const { knots } = this;
    const last = knots.length - 1;
    // Knot segment holding `start` (constant frequency before the first / after the last).
    let k = 0;
    while (k < last && knots[k + 1] <= start) k++;
    const twoPiOverFs = (2 * Math.PI) / this.sampleRate;
    for (let i = 0; i < out.length; i++) {
      const n = start + i;
      while (k < last && knots[k + 1] <= n) k++;
      out[i] = this.phaseAt(n, k, twoPiOverFs);
    }
  }

  private phaseAt(n: number, k: number, twoPiOverFs: number): number {
    const { knots, hz, phase } = this;
    const last = knots.length - 1;
    if (n < knots[0]) return phase[0] - twoPiOverFs * hz[0] * (knots[0] - n);
    if (k >= last) return phase[last] + twoPiOverFs * hz[last] * (n - knots[last]);
    const span = knots[k + 1] - knots[k];
    const t = n - knots[k];
    const slope = (hz[k + 1] - hz[k]) / span;
    return phase[k] + twoPiOverFs * (hz[k] * t + 0.5 * slope * t * t);
  }
}

/** Tracks the hum's frequency from the channels, starting from `fundamentalHz`. */
export function trackHum(
  channels: readonly Float32Array[],
  sampleRate: number,
  fundamentalHz: number,
  harmonics: readonly TrackedHarmonic[],
): HumTrack {
  const frames = channels[0].length;
  const block = Math.round(BLOCK_SECONDS * sampleRate);
  // Blocks abut: a hop of a whole block halves the work, and the phase advance over 0.2 s
  // stays within ±π for offsets up to 0.125 Hz at the 20th harmonic.
  const hop = block;
  const count = frames >= block ? Math.floor((frames - block) / hop) + 1 : 0;
  const usable = harmonics.filter(
    (h) => h.harmonic * fundamentalHz < sampleRate / 2 - 100 && h.lineToNoise > 0,
  );
  if (count < 2 || usable.length === 0) {
    return new HumTrack(new Float64Array([0]), new Float64Array([fundamentalHz]), sampleRate);
  }
  const window = new Float64Array(block);
  for (let i = 0; i < block; i++)
    window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / block);
  // Complex demodulates per harmonic, channel and block.
  const re = usable.map(() => channels.map(() => new Float64Array(count)));
  const im = usable.map(() => channels.map(() => new Float64Array(count)));
  usable.forEach((line, u) => {
    const w = (2 * Math.PI * line.harmonic * fundamentalHz) / sampleRate;
    const cw = Math.cos(w);
    const sw = Math.sin(w);
    channels.forEach((x, c) => {
      for (let b = 0; b < count; b++) {
        const start = b * hop;
        // Absolute phase reference, so that consecutive blocks compare.
        const theta = (w * start) % (2 * Math.PI);
        let pc = Math.cos(theta);
        let ps = Math.sin(theta);
        let accRe = 0;
        let accIm = 0;
        for (let i = 0; i < block; i++) {
          const v = window[i] * x[start + i];
          accRe += v * pc;
          accIm -= v * ps;
          const next = pc * cw - ps * sw;
          ps = ps * cw + pc * sw;
          pc = next;
        }
        re[u][c][b] = accRe;
        im[u][c][b] = accIm;
      }
    });
  });
  // Frequency offset per harmonic and block pair, each smoothed by a running median.
  const hopSeconds = hop / sampleRate;
  const perLine = usable.map((line, u) => {
    // A block much louder at the line than the clip's typical block holds something else
    // there (a kick drum's body, a note): pairs touching it are left out (NaN).
    const magnitude = new Float64Array(count);
    for (let b = 0; b < count; b++) {
      let sum = 0;
      for (let c = 0; c < channels.length; c++) sum += re[u][c][b] ** 2 + im[u][c][b] ** 2;
      magnitude[b] = Math.sqrt(sum);
    }
    const typical = medianOf(Array.from(magnitude));
    const offsets = new Float64Array(count - 1);
    for (let b = 0; b + 1 < count; b++) {
      if (magnitude[b] > LOUD_BLOCK * typical || magnitude[b + 1] > LOUD_BLOCK * typical) {
        offsets[b] = Number.NaN;
        continue;
      }
      let zr = 0;
      let zi = 0;
      for (let c = 0; c < channels.length; c++) {
        const ar = re[u][c][b];
        const ai = im[u][c][b];
        const br = re[u][c][b + 1];
        const bi = im[u][c][b + 1];
        zr += br * ar + bi * ai;
        zi += bi * ar - br * ai;
      }
      offsets[b] = Math.atan2(zi, zr) / (2 * Math.PI * line.harmonic * hopSeconds);
    }
    return runningMedian(offsets, SMOOTH_BLOCKS);
  });
  // Across harmonics, a weighted median: a line that music sits on disagrees with the rest
  // and is outvoted instead of averaged in.
  const weights = usable.map((line) => line.harmonic * line.lineToNoise);
  const offsets = new Float64Array(count - 1);
  for (let b = 0; b + 1 < count; b++) {
    offsets[b] = weightedMedian(
      perLine.map((o) => o[b]),
      weights,
    );
  }
  const smoothed = runningMean(offsets, MEAN_BLOCKS);
  // Offset b describes the stretch between block centres b and b + 1.
  const knots = new Float64Array(count - 1);
  const hz = new Float64Array(count - 1);
  for (let b = 0; b + 1 < count; b++) {
    knots[b] = (b + 1) * hop;
    hz[b] = fundamentalHz + smoothed[b];
  }
  return new HumTrack(knots, hz, sampleRate);
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

/** Running median over ±half, skipping NaN; where a window holds none, the global median. */
function runningMedian(x: Float64Array, half: number): Float64Array {
  const valid = Array.from(x).filter((v) => !Number.isNaN(v));
  const fallback = valid.length > 0 ? medianOf(valid) : 0;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const part: number[] = [];
    for (let j = Math.max(0, i - half); j < Math.min(x.length, i + half + 1); j++) {
      if (!Number.isNaN(x[j])) part.push(x[j]);
    }
    out[i] = part.length > 0 ? medianOf(part) : fallback;
  }
  return out;
}

function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}

function runningMean(x: Float64Array, half: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(x.length, i + half + 1);
    let sum = 0;
    for (let j = lo; j < hi; j++) sum += x[j];
    out[i] = sum / (hi - lo);
  }
  return out;
}
