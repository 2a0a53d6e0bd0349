import type { BiquadCoefficients } from '../biquad.js';
import { absorptionFilter } from './absorption.js';
import { DelayLine } from './delay-line.js';
import { flushTiny } from './flush.js';
import { hadamardEntry, walshHadamard } from './hadamard.js';

/** Lines in the network: 16 gives a dense, smooth tail at modest cost (Jot 1992). */
export const FDN_LINES = 16;
const NORM = 1 / Math.sqrt(FDN_LINES);
/** Hadamard rows used to feed and tap the network; distinct rows are orthogonal. */
const INPUT_ROWS = [3, 12] as const;
const OUTPUT_ROWS = [5, 10] as const;
/** Modulation rates spread over this range (Hz), one per line. */
const LFO_LOW_HZ = 0.23;
const LFO_HIGH_HZ = 1.1;

export interface FdnSettings {
  /** Delay of each line, in samples (FDN_LINES values). */
  readonly lengths: Int32Array;
  readonly t60LowSeconds: number;
  readonly t60HighSeconds: number;
  readonly crossoverHz: number;
  /** Peak deviation of each line's length, in samples (0 = no modulation). */
  readonly modulationSamples: number;
}

/**
 * A 16-line feedback delay network (Jot & Chaigne 1991; Stautner & Puckette 1982): each
 * line is read, filtered by its absorption filter (absorption.ts), mixed by the orthogonal
 * Hadamard matrix H/4 and written back with the input added. The matrix is lossless, so the
 * decay is set entirely by the absorption filters: the same T60 on every line, hence for
 * the whole network, low and high frequencies separately.
 *
 * Stereo: the left and right inputs enter along two different Hadamard rows, and the two
 * outputs tap the lines along two more; distinct rows are orthogonal, so the outputs are
 * decorrelated once the field is diffuse.
 *
 * Optional slow modulation moves every line's read point sinusoidally (rates spread over
 * 0.23…1.1 Hz, deterministic phases), which smears the network's resonant modes and
 * avoids metallic ringing in long tails (Dattorro 1997, "Effect Design Part 1", §2.4).
 * Modulated reads use first-order allpass (Thiran) interpolation, as Dattorro advises:
 * its magnitude is exactly 1, so modulation adds no loss. Lagrange interpolation inside
 * the loop would: at the default depth it shortened the broadband T60 by 5 % (its
 * high-frequency loss, up to 1 dB per pass at 12 kHz, compounds on every recirculation).
 */
export class FeedbackDelayNetwork {
  /** Output of the last `tick`. */
  left = 0;
  right = 0;
  private readonly lines: DelayLine[];
  private readonly lengths = new Float64Array(FDN_LINES);
  private modulationSamples = 0;
  private readonly filters: BiquadCoefficients[] = [];
  /** Filter state per line: [z1, z2]. */
  private readonly filterState = new Float64Array(2 * FDN_LINES);
  private readonly taps = new Float64Array(FDN_LINES);
  private readonly mixed = new Float64Array(FDN_LINES);
  private readonly inputLeft = new Float64Array(FDN_LINES);
  private readonly inputRight = new Float64Array(FDN_LINES);
  private readonly outputLeft = new Float64Array(FDN_LINES);
  private readonly outputRight = new Float64Array(FDN_LINES);
  /** Per line LFO as a rotating unit vector (cos, sin) and its per-sample rotation. */
  private readonly lfoCos = new Float64Array(FDN_LINES);
  private readonly lfoSin = new Float64Array(FDN_LINES);
  private readonly stepCos = new Float64Array(FDN_LINES);
  private readonly stepSin = new Float64Array(FDN_LINES);
  /** Previous output of each line's allpass interpolator. */
  private readonly allpassState = new Float64Array(FDN_LINES);

  constructor(
    maxLineSamples: number,
    private readonly sampleRate: number,
  ) {
    this.lines = Array.from({ length: FDN_LINES }, () => new DelayLine(maxLineSamples));
    for (let i = 0; i < FDN_LINES; i++) {
      this.inputLeft[i] = hadamardEntry(INPUT_ROWS[0], i) * NORM;
      this.inputRight[i] = hadamardEntry(INPUT_ROWS[1], i) * NORM;
      this.outputLeft[i] = hadamardEntry(OUTPUT_ROWS[0], i) * NORM;
      this.outputRight[i] = hadamardEntry(OUTPUT_ROWS[1], i) * NORM;
      const rateHz = LFO_LOW_HZ * (LFO_HIGH_HZ / LFO_LOW_HZ) ** (i / (FDN_LINES - 1));
      const step = (2 * Math.PI * rateHz) / sampleRate;
      this.stepCos[i] = Math.cos(step);
      this.stepSin[i] = Math.sin(step);
      this.filters.push({ b0: 0, b1: 0, b2: 0, a1: 0, a2: 0 });
    }
    this.clear();
  }

  /** Longest line length (plus modulation) this network can hold. */
  get maxLineSamples(): number {
    return this.lines[0].maxDelaySamples;
  }

  configure(settings: FdnSettings): void {
    const limit = this.maxLineSamples - Math.ceil(settings.modulationSamples) - 2;
    this.modulationSamples = settings.modulationSamples;
    for (let i = 0; i < FDN_LINES; i++) {
      const length = Math.min(settings.lengths[i], limit);
      this.lengths[i] = length;
      this.filters[i] = absorptionFilter(
        length,
        this.sampleRate,
        settings.t60LowSeconds,
        settings.t60HighSeconds,
        settings.crossoverHz,
      );
    }
  }

  clear(): void {
    for (const line of this.lines) line.clear();
    this.filterState.fill(0);
    this.allpassState.fill(0);
    this.left = 0;
    this.right = 0;
    // Golden-angle phases: no two lines start their sweep together.
    for (let i = 0; i < FDN_LINES; i++) {
      const phase = i * 2.399963229728653;
      this.lfoCos[i] = Math.cos(phase);
      this.lfoSin[i] = Math.sin(phase);
    }
  }

  /** One frame: feed `inLeft`/`inRight`, leave the outputs in `left`/`right`. */
  tick(inLeft: number, inRight: number): void {
    const taps = this.taps;
    const lines = this.lines;
    const lengths = this.lengths;
    const depth = this.modulationSamples;
    if (depth > 0) {
      const c = this.lfoCos;
      const s = this.lfoSin;
      for (let i = 0; i < FDN_LINES; i++) {
        const ci = c[i] * this.stepCos[i] - s[i] * this.stepSin[i];
        const si = s[i] * this.stepCos[i] + c[i] * this.stepSin[i];
        // One Newton step towards |(c, s)| = 1 keeps the rotation from drifting.
        const k = 1.5 - 0.5 * (ci * ci + si * si);
        c[i] = ci * k;
        s[i] = si * k;
        // Allpass interpolation (Välimäki, "Discrete-time modeling of acoustic tubes",
        // 1995, §3.3): integer delay n plus a fraction Δ in [0.5, 1.5), where the
        // coefficient η = (1 − Δ)/(1 + Δ) stays within (−0.2, 0.34]: y = η·(u − y₋₁) + u₋₁.
        const delay = lengths[i] + depth * s[i];
        const n = Math.floor(delay - 0.5);
        const fraction = delay - n;
        const eta = (1 - fraction) / (1 + fraction);
        const line = lines[i];
        const y = eta * (line.read(n) - this.allpassState[i]) + line.read(n + 1);
        this.allpassState[i] = y;
        taps[i] = y;
      }
    } else {
      for (let i = 0; i < FDN_LINES; i++) taps[i] = lines[i].read(lengths[i]);
    }
    let left = 0;
    let right = 0;
    const mixed = this.mixed;
    const state = this.filterState;
    for (let i = 0; i < FDN_LINES; i++) {
      const x = taps[i];
      left += this.outputLeft[i] * x;
      right += this.outputRight[i] * x;
      const f = this.filters[i];
      const k = 2 * i;
      // The double-precision state is not flushed: it only feeds the (flushed) Float32
      // line writes, and a per-sample test here mispredicts on quiet tails (measured: a
      // third of the reverb's time with damping 0). When a tail ends, the state passes
      // through the subnormal range for a few hundred samples and underflows to zero.
      const y = f.b0 * x + state[k];
      state[k] = f.b1 * x - f.a1 * y + state[k + 1];
      state[k + 1] = f.b2 * x - f.a2 * y;
      mixed[i] = y;
    }
    walshHadamard(mixed);
    for (let i = 0; i < FDN_LINES; i++) {
      const v = NORM * mixed[i] + this.inputLeft[i] * inLeft + this.inputRight[i] * inRight;
      lines[i].write(flushTiny(v));
    }
    this.left = left;
    this.right = right;
  }
}
