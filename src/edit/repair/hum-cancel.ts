/**
 * Hum cancellation by subtracting a synthesised copy of it (adaptive sinusoidal
 * cancellation).
 *
 * 1. Each harmonic's complex amplitude is measured in Hann sub-blocks of 0.2 s every 0.1 s
 *    as the weighted least-squares fit of a sinusoid following the tracked phase h·Φ(n):
 *    a(k) = 2·Σ w(n)·x(n)·e^{−jhΦ(n)} / Σ w(n). Against the tracked phase, hum gives the
 *    same a(k) in every sub-block, whatever its frequency drift.
 * 2. The amplitude used at sub-block k is a robust average of a over the fit window around
 *    it: the componentwise median, refined by one Tukey-biweight step (Mosteller & Tukey
 *    1977; scale 1.4826·MAD, cut-off 4.685 scales). A kick drum's body at 50 Hz, or a note
 *    passing over a line, lands in a minority of sub-blocks with a phase of its own and is
 *    voted out, where a plain fit over the window would absorb it and subtract it as hum.
 * 3. The amplitudes are overlap-added with the same Hann window (which sums to one at half
 *    its length), so they glide from sub-block to sub-block, and the synthesised lines are
 *    subtracted from the input, except for a line whose subtraction would leave more energy
 *    at its frequency than there was.
 *
 * Unlike a notch, which removes everything within its bandwidth for as long as it rings,
 * this removes only what is steady at the hum's exact frequency and phase; music a few
 * hertz away falls on the window's side lobes and stays. No filter is run, so there is no
 * delay and no phase shift.
 */
import type { HumTrack } from './hum-track.js';

const SUB_BLOCK_SECONDS = 0.2;
const TUKEY_CUTOFF = 4.685;
/** Share of a fitted line's energy that may wander about its median (hum measured 0.00–0.22
 * in the de-hum tests; a tone 4 Hz off the line 0.97). */
const UNSTEADY = 0.5;

export interface CancelledHarmonic {
  readonly harmonic: number;
  /** RMS amplitude of the fitted sinusoid over the clip (linear, full scale = 1). */
  readonly rms: number;
  /** Whether it was subtracted (the do-no-harm check below can leave a line alone). */
  readonly subtracted: boolean;
}

/**
 * Subtracts harmonics `harmonics` (ascending) of the tracked hum from `x`, averaging their
 * amplitudes robustly over `windowSamples`; lines not in `detected` must also fit steadily.
 * Returns the output and each harmonic's RMS
 * amplitude as subtracted.
 */
export function cancelHum(
  x: Float32Array,
  track: HumTrack,
  harmonics: readonly number[],
  windowSamples: number,
  detected: ReadonlySet<number>,
): { output: Float32Array; fitted: CancelledHarmonic[] } {
  const n = x.length;
  const sub = Math.max(2, Math.round((SUB_BLOCK_SECONDS * track.sampleRate) / 2) * 2);
  const hop = sub / 2;
  // Sub-block k spans [k·hop − hop, k·hop + hop): every sample lies under two of them.
  const count = Math.ceil(n / hop) + 1;
  const window = new Float64Array(sub);
  for (let i = 0; i < sub; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / sub);
  const lines = harmonics.length;
  const re = Array.from({ length: lines }, () => new Float64Array(count));
  const im = Array.from({ length: lines }, () => new Float64Array(count));
  const basis = new HarmonicBasis(sub, harmonics);
  for (let k = 0; k < count; k++) {
    const start = k * hop - hop;
    const from = Math.max(0, -start);
    const to = Math.min(sub, n - start);
    if (to <= from) continue;
    basis.fill(track, start, from, to);
    let weight = 0;
    for (let i = from; i < to; i++) weight += window[i];
    basis.forEachLine((line, cos, sin) => {
      let accRe = 0;
      let accIm = 0;
      for (let i = from; i < to; i++) {
        const v = window[i] * x[start + i];
        accRe += v * cos[i];
        accIm -= v * sin[i];
      }
      // x ≈ Re{a·e^{jhΦ}} with a = 2·(accRe + j·accIm)/Σw.
      re[line][k] = (2 * accRe) / weight;
      im[line][k] = (2 * accIm) / weight;
    });
  }
  const half = Math.max(1, Math.round(windowSamples / hop / 2));
  const smoothRe = re.map(() => new Float64Array(count));
  const smoothIm = im.map(() => new Float64Array(count));
  for (let line = 0; line < lines; line++) {
    robustTrack(re[line], im[line], half, smoothRe[line], smoothIm[line]);
  }
  // Do no harm: a line whose subtraction would leave more energy at its frequency than was
  // there (Σ|a − â|² > Σ|a|²) was not measured as hum (something else dominates it, e.g. a
  // kick drum sustaining at the mains frequency) and is left alone. So is a line that was
  // not detected (asked for, or between detected ones) unless its fit is steady, as hum is
  // against the tracked phase: a fit that wanders is following a partial beside the line
  // (a 446 Hz tone under a 450 Hz line) and would subtract part of it.
  const keep = harmonics.map((h, line) => {
    let before = 0;
    let after = 0;
    for (let k = 0; k < count; k++) {
      before += re[line][k] ** 2 + im[line][k] ** 2;
      after += (re[line][k] - smoothRe[line][k]) ** 2 + (im[line][k] - smoothIm[line][k]) ** 2;
    }
    return after < before && (detected.has(h) || isSteady(smoothRe[line], smoothIm[line]));
  });
  const out = Float64Array.from(x);
  const power = new Float64Array(lines);
  for (let k = 0; k < count; k++) {
    const start = k * hop - hop;
    const from = Math.max(0, -start);
    const to = Math.min(sub, n - start);
    if (to <= from) continue;
    basis.fill(track, start, from, to);
    basis.forEachLine((line, cos, sin) => {
      if (!keep[line]) return;
      const aRe = smoothRe[line][k];
      const aIm = smoothIm[line][k];
      for (let i = from; i < to; i++) out[start + i] -= window[i] * (aRe * cos[i] - aIm * sin[i]);
      power[line] += 0.5 * (aRe * aRe + aIm * aIm);
    });
  }
  return {
    output: Float32Array.from(out),
    fitted: harmonics.map((h, line) => ({
      harmonic: h,
      rms: Math.sqrt(power[line] / count),
      subtracted: keep[line],
    })),
  };
}

/**
 * cos and sin of h·Φ(n) over one sub-block, for each wanted harmonic: two trigonometric
 * calls per sample for e^{jΦ}, then its powers by complex multiplication.
 */
class HarmonicBasis {
  private readonly harmonics: readonly number[];
  private readonly phase: Float64Array;
  private readonly baseRe: Float64Array;
  private readonly baseIm: Float64Array;
  private readonly powRe: Float64Array;
  private readonly powIm: Float64Array;
  private readonly cos: Float64Array[];
  private readonly sin: Float64Array[];

  constructor(length: number, harmonics: readonly number[]) {
    this.harmonics = harmonics;
    this.phase = new Float64Array(length);
    this.baseRe = new Float64Array(length);
    this.baseIm = new Float64Array(length);
    this.powRe = new Float64Array(length);
    this.powIm = new Float64Array(length);
    this.cos = harmonics.map(() => new Float64Array(length));
    this.sin = harmonics.map(() => new Float64Array(length));
  }

  fill(track: HumTrack, start: number, from: number, to: number): void {
    track.fillPhase(start + from, this.phase.subarray(from, to));
    const { baseRe, baseIm, powRe, powIm } = this;
    for (let i = from; i < to; i++) {
      baseRe[i] = Math.cos(this.phase[i]);
      baseIm[i] = Math.sin(this.phase[i]);
      powRe[i] = 1;
      powIm[i] = 0;
    }
    let line = 0;
    const top = this.harmonics[this.harmonics.length - 1];
    for (let h = 1; h <= top; h++) {
      for (let i = from; i < to; i++) {
        const r = powRe[i] * baseRe[i] - powIm[i] * baseIm[i];
        powIm[i] = powRe[i] * baseIm[i] + powIm[i] * baseRe[i];
        powRe[i] = r;
      }
      if (this.harmonics[line] !== h) continue;
      this.cos[line].set(powRe.subarray(from, to), from);
      this.sin[line].set(powIm.subarray(from, to), from);
      line++;
    }
  }

  forEachLine(visit: (line: number, cos: Float64Array, sin: Float64Array) => void): void {
    for (let line = 0; line < this.harmonics.length; line++) {
      visit(line, this.cos[line], this.sin[line]);
    }
  }
}

/**
 * Whether a fitted amplitude sequence is steady: its spread about its median holds at most
 * UNSTEADY of its energy.
 */
function isSteady(re: Float64Array, im: Float64Array): boolean {
  const centreRe = median(Array.from(re));
  const centreIm = median(Array.from(im));
  let spread = 0;
  let total = 0;
  for (let k = 0; k < re.length; k++) {
    spread += (re[k] - centreRe) ** 2 + (im[k] - centreIm) ** 2;
    total += re[k] ** 2 + im[k] ** 2;
  }
  return spread <= UNSTEADY * total;
}

/**
 * Robust running average of a complex sequence over ±half: componentwise median, then one
 * Tukey-biweight step around it.
 */
function robustTrack(
  re: Float64Array,
  im: Float64Array,
  half: number,
  outRe: Float64Array,
  outIm: Float64Array,
): void {
  const n = re.length;
  const partRe: number[] = [];
  const partIm: number[] = [];
  const distance: number[] = [];
  for (let k = 0; k < n; k++) {
    const lo = Math.max(0, k - half);
    const hi = Math.min(n - 1, k + half);
    partRe.length = 0;
    partIm.length = 0;
    for (let j = lo; j <= hi; j++) {
      partRe.push(re[j]);
      partIm.push(im[j]);
    }
    const mRe = median(partRe);
    const mIm = median(partIm);
    distance.length = 0;
    for (let j = lo; j <= hi; j++) distance.push(Math.hypot(re[j] - mRe, im[j] - mIm));
    const scale = 1.4826 * median(distance.slice());
    if (!(scale > 0)) {
      outRe[k] = mRe;
      outIm[k] = mIm;
      continue;
    }
    let sumRe = 0;
    let sumIm = 0;
    let sumW = 0;
    for (let j = lo; j <= hi; j++) {
      const u = distance[j - lo] / (TUKEY_CUTOFF * scale);
      if (u >= 1) continue;
      const w = (1 - u * u) ** 2;
      sumRe += w * re[j];
      sumIm += w * im[j];
      sumW += w;
    }
    outRe[k] = sumW > 0 ? sumRe / sumW : mRe;
    outIm[k] = sumW > 0 ? sumIm / sumW : mIm;
  }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}
