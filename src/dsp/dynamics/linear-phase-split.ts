/**
 * A two-band split whose bands add back to the input exactly: a linear-phase FIR low-pass
 * L, and the high band taken as the delayed input minus it, H = z^(−D) − L. With no
 * processing, low + high is the input delayed by D samples to within one rounding of a
 * double (and exactly, the way the de-esser recombines them). Because L is linear-phase,
 * scaling the high band by g gives z^(−D)·(1 − (1 − g)·A(ω)) with A the (real, 0…1)
 * amplitude response of H: a gain between g and 1 at every frequency — no bump near the
 * split, which subtractive minimum-phase splits cannot avoid.
 *
 * Design: windowed sinc (Kaiser window, β for 60 dB stopband: Oppenheim & Schafer,
 * "Discrete-Time Signal Processing", §7.6), length 2D + 1 with D = 2 ms, normalised to
 * unity at DC. The cutoff is the −6 dB point (where both bands are at half amplitude);
 * the transition band is about 1 kHz wide at every sample rate (Kaiser's estimate
 * Δf = (A − 8)·fs / (2.285 · 2π · 2D)).
 */

/** Half-length of the filter (its latency) in ms. */
export const SPLIT_HALF_LENGTH_MS = 2;
/** Stopband attenuation the window is designed for. */
export const SPLIT_STOPBAND_DB = 60;
/** Kaiser's β for SPLIT_STOPBAND_DB (A > 50: β = 0.1102 (A − 8.7)). */
const KAISER_BETA = 0.1102 * (SPLIT_STOPBAND_DB - 8.7);

/** Zeroth-order modified Bessel function of the first kind (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

export class LinearPhaseSplit {
  /** D: the delay of both bands, in samples. */
  readonly latency: number;
  private readonly length: number;
  /** Low-pass taps h[0 … D]; the filter is symmetric, h[2D − k] = h[k]. */
  private readonly taps: Float64Array;
  private readonly window: Float64Array;
  /** Per channel, the last N inputs (exact copies, in doubles) written twice, so a window never wraps. */
  private readonly history: Float64Array[];
  private readonly writeIndex: Int32Array;

  constructor(channels: number, sampleRate: number) {
    this.latency = Math.max(1, Math.round((SPLIT_HALF_LENGTH_MS / 1000) * sampleRate));
    this.length = 2 * this.latency + 1;
    this.taps = new Float64Array(this.latency + 1);
    this.window = new Float64Array(this.latency + 1);
    const d = this.latency;
    const norm = besselI0(KAISER_BETA);
    for (let k = 0; k <= d; k++) {
      const r = (k - d) / d;
      this.window[k] = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
    }
    this.history = Array.from({ length: channels }, () => new Float64Array(2 * this.length));
    this.writeIndex = new Int32Array(channels);
  }

  /** Places the split (the low-pass's −6 dB point) at `frequencyHz`. */
  design(frequencyHz: number, sampleRate: number): void {
    const d = this.latency;
    const cutoff = Math.min(frequencyHz, 0.49 * sampleRate) / sampleRate; // cycles/sample
    let sum = 0;
    for (let k = 0; k <= d; k++) {
      const t = k - d;
      const sinc = t === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
      this.taps[k] = sinc * this.window[k];
      sum += k === d ? this.taps[k] : 2 * this.taps[k];
    }
    for (let k = 0; k <= d; k++) this.taps[k] /= sum;
  }

  /** Amplitude (linear) of the high band at `frequencyHz`, from the taps (for tests). */
  highBandAmplitude(frequencyHz: number, sampleRate: number): number {
    const d = this.latency;
    const w = (2 * Math.PI * frequencyHz) / sampleRate;
    let low = this.taps[d];
    for (let k = 0; k < d; k++) low += 2 * this.taps[k] * Math.cos(w * (d - k));
    return 1 - low;
  }

  reset(): void {
    for (const h of this.history) h.fill(0);
    this.writeIndex.fill(0);
  }

  /**
   * Only the delay for `length` samples of channel `c` (the history is kept, so the high
   * band can be computed for any later block). `delayed` may be `input` itself.
   */
  delayChannel(c: number, input: Float32Array, delayed: Float32Array, length: number): void {
    const buffer = this.history[c];
    const n = this.length;
    const d = this.latency;
    let w = this.writeIndex[c];
    for (let i = 0; i < length; i++) {
      const x = input[i];
      buffer[w] = x;
      buffer[w + n] = x;
      delayed[i] = buffer[w + n - d];
      w = w + 1 === n ? 0 : w + 1;
    }
    this.writeIndex[c] = w;
  }

  /**
   * Runs `length` samples of channel `c`: `delayed` receives the input delayed by D and
   * `high` the high band (delayed − low). `delayed` may be `input` itself.
   */
  processChannel(
    c: number,
    input: Float32Array,
    delayed: Float32Array,
    high: Float64Array,
    length: number,
  ): void {
    const buffer = this.history[c];
    const taps = this.taps;
    const n = this.length;
    const d = this.latency;
    const unrolled = d - (d % 4);
    const centre = taps[d];
    let w = this.writeIndex[c];
    for (let i = 0; i < length; i++) {
      const x = input[i];
      buffer[w] = x;
      buffer[w + n] = x;
      // buffer[newest − k] = x[i − k]; newest = w + n, oldest (k = 2D) = w + 1.
      const newest = w + n;
      const oldest = w + 1;
      const mid = buffer[newest - d];
      // Four partial sums: one running sum would make every tap wait for the previous add.
      let s0 = centre * mid;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k < unrolled; k += 4) {
        s0 += taps[k] * (buffer[newest - k] + buffer[oldest + k]);
        s1 += taps[k + 1] * (buffer[newest - k - 1] + buffer[oldest + k + 1]);
        s2 += taps[k + 2] * (buffer[newest - k - 2] + buffer[oldest + k + 2]);
        s3 += taps[k + 3] * (buffer[newest - k - 3] + buffer[oldest + k + 3]);
      }
      for (; k < d; k++) s0 += taps[k] * (buffer[newest - k] + buffer[oldest + k]);
      const low = s0 + s1 + (s2 + s3);
      delayed[i] = mid;
      high[i] = mid - low;
      w = w + 1 === n ? 0 : w + 1;
    }
    this.writeIndex[c] = w;
  }
}
