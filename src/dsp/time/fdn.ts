import { absorptionFilter } from './absorption.js';

/** Lines in the network: 16 gives a dense, smooth tail at modest cost (Jot 1992). */
export const FDN_LINES = 16;
const LINES = 16;
const NORM = 1 / Math.sqrt(LINES);
/** Modulation rates spread over this range (Hz), one per line. */
const LFO_LOW_HZ = 0.23;
const LFO_HIGH_HZ = 1.1;
/**
 * The modulation is planned every CONTROL_FRAMES frames (counted from `clear`, so the plan
 * does not depend on how the host splits blocks), and the network runs in pieces of at
 * most this many frames. Lines are never shorter than this (plus the modulation depth).
 */
export const CONTROL_FRAMES = 64;
const PIECE = CONTROL_FRAMES;
/** Coefficients per line in `filters`: b0, b1, b2, a1, a2. */
const FILTER_STRIDE = 5;
/** Below this magnitude a line write is stored as 0 (flush.ts: −600 dBFS)… */
const FLUSH = 1e-30;
/** …checked for a period's writes once every line's output is below this (−400 dBFS). */
const QUIET_LEVEL = 1e-20;

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
 * Stereo: the left and right inputs enter along Hadamard rows 3 and 12, and the two outputs
 * tap the lines along rows 5 and 10; distinct rows are orthogonal, so the outputs are
 * decorrelated once the field is diffuse. H is symmetric (H·e_r = row r), so adding an
 * input along row r after the mixing is adding it to element r before the transform.
 *
 * Optional slow modulation moves every line's read point sinusoidally (rates spread over
 * 0.23…1.1 Hz, deterministic phases), which smears the network's resonant modes and
 * avoids metallic ringing in long tails (Dattorro 1997, "Effect Design Part 1", §2.4).
 * Modulated reads use first-order allpass (Thiran) interpolation, as Dattorro advises:
 * its magnitude is exactly 1, so modulation adds no loss. Lagrange interpolation inside
 * the loop would: at the default depth it shortened the broadband T60 by 5 % (its
 * high-frequency loss, up to 1 dB per pass at 12 kHz, compounds on every recirculation).
 *
 * Block-wise, and exact. Every line is at least PIECE frames long, so a piece of up to
 * PIECE frames reads only samples written before the piece began. The network therefore
 * runs a piece in two passes — read and filter every line for the whole piece, then mix
 * and write back the whole piece — and computes exactly what frame-by-frame processing
 * computes. Pieces end at control-period boundaries, so the output does not depend on
 * the host's block size.
 *
 * Modulation at control rate: at the start of each period every line gets an integer read
 * age n (fixed for the period) and its allpass coefficient η = (1 − Δ)/(1 + Δ) along a
 * linear path of the delay n + Δ. The delay moves at most depth·2π·1.1 Hz per second,
 * 3.5e-3 samples a frame at the largest depth (0.5 ms), 0.22 samples a period; with n
 * chosen at the period's midpoint, Δ stays within [0.39, 1.61] and η within (−0.24, 0.44]:
 * a stable, exactly lossless allpass throughout. η is interpolated quadratically through
 * its exact values at the start, middle and end of the period; the error (a cubic term,
 * ≤ h³·max|η‴|/(9√3) with h half the travel) is at most 2.2e-4 in η, 2.5e-4 samples of
 * delay, at the largest depth and 2e-6 samples at the presets' depths (checked over every
 * line's sweep at 44.1, 48 and 96 kHz).
 *
 * Layout: the lines are interleaved frame by frame in one Float32Array (frame slot p holds
 * line i at 16·p + i), so one frame's writes fill one cache line and every index is a
 * shift and an add. Per line state lives in locals inside the loops; V8 re-validates every
 * typed array a loop touches on every iteration, so the loops touch as few as possible.
 */
export class FeedbackDelayNetwork {
  private readonly buffer: Float32Array;
  /** Frame slots in `buffer` (a power of two), minus one. */
  private readonly mask: number;
  private readonly capacity: number;
  private writeIndex = 0;
  private readonly lengths = new Float64Array(LINES);
  private modulationSamples = 0;
  /** Absorption filters, FILTER_STRIDE values a line (b0, c1, c2, a1, a2; NORM folded in). */
  private readonly filters = new Float64Array(FILTER_STRIDE * LINES);
  /** Filter state per line: [z1, z2] (transposed direct form II). */
  private readonly filterState = new Float64Array(2 * LINES);
  /** One piece, frame-major: frame t's taps at 2·LINES·t + i, its filtered taps + LINES. */
  private readonly work = new Float64Array(2 * LINES * PIECE);
  /** Per line LFO at the end of the current period, as a unit vector (cos, sin). */
  private readonly lfoCos = new Float64Array(LINES);
  private readonly lfoSin = new Float64Array(LINES);
  /** Rotation of each LFO over one control period. */
  private readonly stepCos = new Float64Array(LINES);
  private readonly stepSin = new Float64Array(LINES);
  /** Read delay (samples) at the start of the next period. */
  private readonly delayAhead = new Float64Array(LINES);
  /** This period's integer read age, and η with its first and second differences. */
  private readonly readAge = new Int32Array(LINES);
  private readonly eta = new Float64Array(LINES);
  private readonly etaStep = new Float64Array(LINES);
  private readonly etaCurve = new Float64Array(LINES);
  /** Previous output of each line's allpass interpolator. */
  private readonly allpassState = new Float64Array(LINES);
  /** Frames into the current control period. */
  private phase = 0;

  constructor(
    maxLineSamples: number,
    private readonly sampleRate: number,
  ) {
    this.capacity = Math.ceil(maxLineSamples);
    let slots = 1;
    // +2: an allpass read touches the sample one older than its integer age.
    while (slots < this.capacity + 2) slots *= 2;
    this.mask = slots - 1;
    this.buffer = new Float32Array(slots * LINES);
    for (let i = 0; i < LINES; i++) {
      const rateHz = LFO_LOW_HZ * (LFO_HIGH_HZ / LFO_LOW_HZ) ** (i / (LINES - 1));
      const step = (2 * Math.PI * rateHz * CONTROL_FRAMES) / sampleRate;
      this.stepCos[i] = Math.cos(step);
      this.stepSin[i] = Math.sin(step);
    }
    this.clear();
  }

  /** Longest line length (plus modulation) this network can hold. */
  get maxLineSamples(): number {
    return this.capacity;
  }

  configure(settings: FdnSettings): void {
    // Every read must be older than a piece and fit the buffer: PIECE ≤ n, n + 1 ≤ capacity
    // (n ≥ length − depth − 1.61, see the class comment).
    const depth = settings.modulationSamples;
    const lowest = PIECE + Math.ceil(depth) + 3;
    const highest = this.capacity - Math.ceil(depth) - 2;
    const moved = depth !== this.modulationSamples;
    this.modulationSamples = depth;
    for (let i = 0; i < LINES; i++) {
      const length = Math.max(lowest, Math.min(settings.lengths[i], highest));
      const changed = moved || length !== this.lengths[i];
      this.lengths[i] = length;
      const f = absorptionFilter(
        length,
        this.sampleRate,
        settings.t60LowSeconds,
        settings.t60HighSeconds,
        settings.crossoverHz,
      );
      const k = FILTER_STRIDE * i;
      // Transposed direct form II with y substituted into the state updates (see
      // readLines): b0, b1 − a1·b0, b2 − a2·b0, a1, a2.
      const b0 = NORM * f.b0;
      this.filters[k] = b0;
      this.filters[k + 1] = NORM * f.b1 - f.a1 * b0;
      this.filters[k + 2] = NORM * f.b2 - f.a2 * b0;
      this.filters[k + 3] = f.a1;
      this.filters[k + 4] = f.a2;
      // A new length or depth jumps the read point: hold it still for the rest of the
      // period (a plan made for the old length could leave the allpass's stable range).
      if (changed) this.holdDelay(i, length + depth * this.lfoSin[i]);
    }
  }

  clear(): void {
    this.buffer.fill(0);
    this.writeIndex = 0;
    this.filterState.fill(0);
    this.allpassState.fill(0);
    this.phase = 0;
    // Golden-angle phases: no two lines start their sweep together.
    for (let i = 0; i < LINES; i++) {
      const phase = i * 2.399963229728653;
      this.lfoCos[i] = Math.cos(phase);
      this.lfoSin[i] = Math.sin(phase);
      this.holdDelay(i, this.lengths[i] + this.modulationSamples * this.lfoSin[i]);
    }
  }

  /** Reads at a constant `delay` until the next period starts there. */
  private holdDelay(i: number, delay: number): void {
    const n = Math.floor(delay - 0.5);
    this.readAge[i] = n;
    this.eta[i] = allpassCoefficient(delay - n);
    this.etaStep[i] = 0;
    this.etaCurve[i] = 0;
    this.delayAhead[i] = delay;
  }

  /**
   * Plans the next control period: the LFO advances one period, and each line's read
   * moves linearly from where it is to there. n is chosen at the midpoint, so the
   * fraction stays near [0.5, 1.5) at both ends (see the class comment for the bounds).
   */
  private plan(): void {
    const depth = this.modulationSamples;
    const c = this.lfoCos;
    const s = this.lfoSin;
    for (let i = 0; i < LINES; i++) {
      const ci = c[i] * this.stepCos[i] - s[i] * this.stepSin[i];
      const si = s[i] * this.stepCos[i] + c[i] * this.stepSin[i];
      // One Newton step towards |(c, s)| = 1 keeps the rotation from drifting.
      const k = 1.5 - 0.5 * (ci * ci + si * si);
      c[i] = ci * k;
      s[i] = si * k;
      const from = this.delayAhead[i];
      const to = this.lengths[i] + depth * s[i];
      const middle = 0.5 * (from + to);
      const n = Math.floor(middle - 0.5);
      // η at frames 0, K/2 and K of the period (K = CONTROL_FRAMES), and the forward
      // differences of the parabola through them: η(k) = e0 + a·k + b·k².
      const e0 = allpassCoefficient(from - n);
      const em = allpassCoefficient(middle - n);
      const e1 = allpassCoefficient(to - n);
      const K = CONTROL_FRAMES;
      const b = (2 * (e1 - 2 * em + e0)) / (K * K);
      const a = (e1 - e0) / K - b * K;
      this.readAge[i] = n;
      this.eta[i] = e0;
      this.etaStep[i] = a + b;
      this.etaCurve[i] = 2 * b;
      this.delayAhead[i] = to;
    }
  }

  /**
   * Runs `length` frames: `left`/`right` hold the network's inputs and are replaced by its
   * outputs. Each frame reads every line (ages ≥ 1), then writes every line once.
   */
  process(left: Float64Array, right: Float64Array, length: number): void {
    for (let start = 0; start < length; ) {
      if (this.phase === 0) this.plan();
      const frames = Math.min(length - start, CONTROL_FRAMES - this.phase);
      this.readLines(frames);
      this.mixAndWrite(left, right, start, frames);
      this.phase = (this.phase + frames) % CONTROL_FRAMES;
      if (this.phase === 0) this.flushPeriod();
      start += frames;
    }
  }

  /**
   * Tails end in zeros, not subnormals (flush.ts), without a test on every write: once a
   * period has been written, if every line's filter state is below QUIET_LEVEL (the tail
   * has died away, or there is silence), the period's writes below FLUSH are set to 0.
   * They are not read before (every read is more than a period old), and the decision is
   * taken on the period grid, so the output does not depend on the host's blocks. Above
   * QUIET_LEVEL a write below FLUSH needs a near-exact cancellation (a chance of about
   * FLUSH/level per write: 1e-10 just above QUIET_LEVEL, far less when louder), and is
   * harmless if it happens.
   */
  private flushPeriod(): void {
    const state = this.filterState;
    let level = 0;
    for (let i = 0; i < LINES; i++) {
      const y = Math.abs(state[2 * i]);
      if (y > level) level = y;
    }
    if (level >= QUIET_LEVEL) return;
    const buffer = this.buffer;
    const mask = this.mask;
    for (let t = 1; t <= PIECE; t++) {
      const at = ((this.writeIndex - t) & mask) << 4;
      for (let i = at; i < at + LINES; i++) {
        if (Math.abs(buffer[i]) < FLUSH) buffer[i] = 0;
      }
    }
  }

  /**
   * Pass 1, line by line: the next `frames` taps of every line (allpass-interpolated) and
   * their absorption-filtered values. Within a period n is fixed, so the sample one older
   * than this frame's read is the previous frame's read: one new read per frame.
   */
  private readLines(frames: number): void {
    const buffer = this.buffer;
    const mask = this.mask;
    const filters = this.filters;
    const state = this.filterState;
    const work = this.work;
    const w = this.writeIndex;
    for (let i = 0; i < LINES; i++) {
      const start = w - this.readAge[i];
      let older = buffer[(((start - 1) & mask) << 4) + i];
      let e = this.eta[i];
      let de = this.etaStep[i];
      const dde = this.etaCurve[i];
      let previous = this.allpassState[i];
      const k = FILTER_STRIDE * i;
      const b0 = filters[k];
      const c1 = filters[k + 1];
      const c2 = filters[k + 2];
      const a1 = filters[k + 3];
      const a2 = filters[k + 4];
      let z1 = state[2 * i];
      let z2 = state[2 * i + 1];
      for (let t = 0, o = i; t < frames; t++, o += 2 * LINES) {
        const u = buffer[(((start + t) & mask) << 4) + i];
        // The allpass interpolator y = η·(u − y₋₁) + u₋₁, grouped so that only one
        // multiply and one subtraction wait for the previous output. With no modulation
        // η = 0 exactly and x = older, the plain read at the line's length.
        const x = older + e * u - e * previous;
        e += de;
        de += dde;
        previous = x;
        older = u;
        work[o] = x;
        // Absorption filter, transposed direct form II: y = b0·x + z1, z1 ← b1·x − a1·y + z2,
        // z2 ← b2·x − a2·y, with y substituted into the updates (c1 = b1 − a1·b0,
        // c2 = b2 − a2·b0) so the recursion waits for one multiply and one subtraction,
        // not three operations. The states are TDF II's, which matters when coefficients
        // change under a running tail (decay automation): direct form I, as fast, blew up
        // there. The double-precision state is not flushed: it only feeds the (flushed)
        // Float32 line writes, and a per-sample test here would mispredict on quiet tails.
        // When a tail ends, the state passes through the subnormal range for a few
        // hundred samples and underflows to zero.
        const y = b0 * x + z1;
        const next = c1 * x + z2 - a1 * z1;
        z2 = c2 * x - a2 * z1;
        z1 = next;
        work[o + LINES] = y;
      }
      this.eta[i] = e;
      this.etaStep[i] = de;
      this.allpassState[i] = previous;
      state[2 * i] = z1;
      state[2 * i + 1] = z2;
    }
  }

  /**
   * Pass 2, frame by frame: the outputs (taps along rows 5 and 10), then the mixing
   * H₁₆ = H₄ ⊗ H₄ written out (a 4-point transform within each group of four lines, then
   * across the groups: 64 additions instead of 256 multiply-adds), with the inputs added
   * along rows 3 and 12, and the writes back into the lines (flushed by flushPeriod).
   */
  private mixAndWrite(left: Float64Array, right: Float64Array, from: number, frames: number): void {
    const buffer = this.buffer;
    const mask = this.mask;
    const v = this.work;
    let w = this.writeIndex;
    for (let t = 0, o = 0; t < frames; t++, o += 2 * LINES) {
      // The outputs: rows 5 and 10 of H₄ ⊗ H₄ applied to the taps, i.e. h₁ = (+ − + −)
      // within each group of four lines and across the groups (row 5), h₂ = (+ + − −)
      // likewise (row 10).
      let a = v[o];
      let b = v[o + 1];
      let c = v[o + 2];
      let d = v[o + 3];
      const g0 = a - b + (c - d);
      const k0 = a + b - (c + d);
      a = v[o + 4];
      b = v[o + 5];
      c = v[o + 6];
      d = v[o + 7];
      const g1 = a - b + (c - d);
      const k1 = a + b - (c + d);
      a = v[o + 8];
      b = v[o + 9];
      c = v[o + 10];
      d = v[o + 11];
      const g2 = a - b + (c - d);
      const k2 = a + b - (c + d);
      a = v[o + 12];
      b = v[o + 13];
      c = v[o + 14];
      d = v[o + 15];
      const g3 = a - b + (c - d);
      const k3 = a + b - (c + d);
      const inLeft = NORM * left[from + t];
      const inRight = NORM * right[from + t];
      left[from + t] = NORM * (g0 - g1 + (g2 - g3));
      right[from + t] = NORM * (k0 + k1 - (k2 + k3));
      // Mixing, first stage: H₄ within each group of four filtered taps (NORM is folded
      // into the filters); the inputs join lines 3 and 12.
      a = v[o + 16];
      b = v[o + 17];
      c = v[o + 18];
      d = v[o + 19] + inLeft;
      const p0 = a + b + (c + d);
      const p1 = a - b + (c - d);
      const p2 = a + b - (c + d);
      const p3 = a - b - (c - d);
      a = v[o + 20];
      b = v[o + 21];
      c = v[o + 22];
      d = v[o + 23];
      const q0 = a + b + (c + d);
      const q1 = a - b + (c - d);
      const q2 = a + b - (c + d);
      const q3 = a - b - (c - d);
      a = v[o + 24];
      b = v[o + 25];
      c = v[o + 26];
      d = v[o + 27];
      const r0 = a + b + (c + d);
      const r1 = a - b + (c - d);
      const r2 = a + b - (c + d);
      const r3 = a - b - (c - d);
      a = v[o + 28] + inRight;
      b = v[o + 29];
      c = v[o + 30];
      d = v[o + 31];
      const s0 = a + b + (c + d);
      const s1 = a - b + (c - d);
      const s2 = a + b - (c + d);
      const s3 = a - b - (c - d);
      // Second stage: H₄ across the groups (element j of each group gives lines j, j + 4,
      // j + 8, j + 12); then the writes into this frame's slot.
      const at = w << 4;
      buffer[at] = p0 + q0 + (r0 + s0);
      buffer[at + 4] = p0 - q0 + (r0 - s0);
      buffer[at + 8] = p0 + q0 - (r0 + s0);
      buffer[at + 12] = p0 - q0 - (r0 - s0);
      buffer[at + 1] = p1 + q1 + (r1 + s1);
      buffer[at + 5] = p1 - q1 + (r1 - s1);
      buffer[at + 9] = p1 + q1 - (r1 + s1);
      buffer[at + 13] = p1 - q1 - (r1 - s1);
      buffer[at + 2] = p2 + q2 + (r2 + s2);
      buffer[at + 6] = p2 - q2 + (r2 - s2);
      buffer[at + 10] = p2 + q2 - (r2 + s2);
      buffer[at + 14] = p2 - q2 - (r2 - s2);
      buffer[at + 3] = p3 + q3 + (r3 + s3);
      buffer[at + 7] = p3 - q3 + (r3 - s3);
      buffer[at + 11] = p3 + q3 - (r3 + s3);
      buffer[at + 15] = p3 - q3 - (r3 - s3);
      w = (w + 1) & mask;
    }
    this.writeIndex = w;
  }
}

/**
 * Allpass interpolation (Välimäki, "Discrete-time modeling of acoustic tubes", 1995,
 * §3.3): for a delay of n + Δ, y = η·(u − y₋₁) + u₋₁ with η = (1 − Δ)/(1 + Δ).
 */
function allpassCoefficient(fraction: number): number {
  return (1 - fraction) / (1 + fraction);
}
