import {
  type AnalogSection,
  BAND_TYPES,
  type BandType,
  bandpassPrototype,
  bellPrototype,
  createAnalogSection,
  highpassPrototype,
  highShelfPrototype,
  lowpassPrototype,
  lowShelfPrototype,
  notchPrototype,
} from './analog-prototypes.js';
import { butterworthSectionQ, MAX_BUTTERWORTH_SECTIONS } from './butterworth.js';
import { FitGrid, MAX_GRID_POINTS, SPEC_TOP } from './fit-grid.js';
import { copyValues, LogMagnitudeFit } from './log-magnitude-fit.js';
import { matchedPoles, matchedZeros, NumeratorFit } from './matched-designs.js';
import { COEFFICIENTS_PER_STAGE } from './section-runner.js';
import {
  factorQuadratic,
  quadraticAt,
  quadraticMinimum,
  squaredMagnitudeQuadratic,
} from './squared-magnitude.js';

/**
 * Turns one band's settings into filter stages (section-runner.ts) whose magnitude follows
 * the analog prototype (analog-prototypes.ts) within 0.1 dB from DC to 0.45·fs wherever the
 * target is above −60 dB, at any sample rate, over the whole parameter range.
 *
 * 1. Each analog section becomes a matched section (matched-designs.ts): poles by z = e^{s};
 *    zeros the design knows exactly are placed exactly (a notch's on the unit circle, a
 *    highpass's or bandpass's at DC, and a sharp pair, Q ≥ 2, by z = e^{s} as well); the
 *    rest of the numerator is a least-squares fit on the band's grid (fit-grid.ts).
 * 2. The error is predicted on the grid. Where the sections cannot follow the analog curve
 *    closely enough (wide or high bells and shelves, bandpass and lowpass skirts near
 *    Nyquist: a second-order section must level off at Nyquist where the analog curve keeps
 *    going), a second-order correction is added, and the first section's free numerator
 *    and the correction's numerator and denominator are fitted jointly in dB
 *    (log-magnitude-fit.ts). The correction is merged with the first section into one
 *    fourth-order stage, so that however the fit shares the zeros out between the two, no
 *    signal between them can jump. Typical settings need no correction: one stage per band
 *    (two for 24 dB/oct).
 *
 * Bells and shelves are designed with the sharper (or, at equal Q, the lower) of the analog
 * pole and zero pairs as the poles, where z = e^{s} is exact: the analog bell and shelves
 * satisfy H(−g) = 1/H(+g), so a cut is the exact inverse of the boost and vice versa. A pair
 * above 0.95·Nyquist is never chosen (it would alias).
 *
 * Why not oversampling: measured, a single matched section designed at 2× still misses by
 * up to 0.8 dB (a Q 0.1 notch at 0.49·fs) and 0.18 dB (bandpass skirts), so the fit would be
 * needed anyway; at the base rate a correction costs one more second-order stage's worth of
 * work for the bands that need it, and adds no latency and no resampling phase to switch.
 *
 * Designing happens at control rate (eq.ts): a designer owns its scratch and never
 * allocates, and a correction's fit can be spread over control periods (`budget`).
 */

/** Most stages one band uses (section-runner.ts): one per Butterworth section. */
export const MAX_STAGES_PER_BAND = MAX_BUTTERWORTH_SECTIONS;
/** Highest centre frequency designed, as a fraction of the sample rate (just below Nyquist). */
export const MAX_DESIGN_FRACTION = 0.49;
/**
 * A design whose predicted error exceeds this gets a correction section. Half the 0.1 dB
 * specification: the grid is checked at ~100 points, the tests at thousands.
 */
export const CORRECTION_THRESHOLD_DB = 0.05;

/** φref: φ = sin²(ω/2) at the top of the specified band, the unit of u. */
const PHI_REF = Math.sin(SPEC_TOP / 2) ** 2;
/** u at Nyquist (φ = 1). */
const U_MAX = 1 / PHI_REF;
/**
 * Floor of a fitted factor that is or becomes a pair of poles (an inverted design's
 * numerators, the correction's denominator), relative to its value at DC: keeps the poles
 * off the unit circle (radius ≤ 0.99 for a double pole at Nyquist).
 */
const POLE_FLOOR = 1e-9;
/**
 * Complex zero pairs at least this sharp are placed by z = e^{s} rather than fitted. (A
 * shelf's zero Q is its Q: compared with a tolerance, so that rounding cannot flip the choice
 * back and forth while other settings move.)
 */
const MATCHED_ZERO_Q = 2 * (1 - 1e-9);
/** A tracked fit worse than this is abandoned for a complete design from cold. */
const TRACKING_LIMIT_DB = 0.1;
/** Hysteresis: a corrected band drops its correction only below this (automation). */
const CORRECTION_RELEASE_DB = 0.04;
/**
 * The joint fit: rounds of up to ROUND_ITERATIONS Levenberg–Marquardt iterations, each after
 * the first reweighted towards the minimax error; it stops at FIT_GOAL_DB (half the
 * threshold), when it stalls, or after FIT_ROUNDS rounds.
 */
const FIT_ROUNDS = 3;
const ROUND_ITERATIONS = 40;
const FIT_GOAL_DB = 0.025;
/** Budget that runs a design to completion (reset, tests). */
export const COMPLETE_DESIGN = Number.POSITIVE_INFINITY;

export interface BandDesign {
  type: BandType;
  freqHz: number;
  gainDb: number;
  q: number;
  /** Second-order sections of a highpass/lowpass band (slope / 12 dB per octave). */
  butterworthSections: number;
}

/** How each section's numerator is made (see `design`). */
enum Zeros {
  /** Fitted: no zeros the design must place. */
  Fitted,
  /** One zero at DC, the other fitted (bandpass). */
  OneAtDc,
  /** Both at DC (highpass). */
  TwoAtDc,
  /** Fixed pair, scale fitted (notch: on the unit circle; sharp pairs: z = e^{s}). */
  Placed,
}

export class BandDesigner {
  /** Error of the current fit over its grid, in dB (after any correction). */
  predictedErrorDb = 0;
  /** Whether the current design has a correction section. */
  corrected = false;
  /**
   * True while a design for settled settings is still being fitted (`refine` continues
   * it); until it is done, `out` keeps the sections it had.
   */
  refining = false;

  private readonly sections: AnalogSection[] = Array.from(
    { length: MAX_BUTTERWORTH_SECTIONS },
    createAnalogSection,
  );
  private readonly zeros = new Uint8Array(MAX_BUTTERWORTH_SECTIONS);
  private readonly grid = new FitGrid();
  private readonly fit = new LogMagnitudeFit();
  private readonly numerator = new NumeratorFit();
  /** Per section: poles a1, a2; fixed numerator b (1, b1, b2); quadratics in u. */
  private readonly poles = new Float64Array(2 * MAX_BUTTERWORTH_SECTIONS);
  private readonly placed = new Float64Array(2 * MAX_BUTTERWORTH_SECTIONS);
  private readonly poleQuadratic = new Float64Array(3 * MAX_BUTTERWORTH_SECTIONS);
  private readonly fixedQuadratic = new Float64Array(3 * MAX_BUTTERWORTH_SECTIONS);
  private readonly freeQuadratic = new Float64Array(3 * MAX_BUTTERWORTH_SECTIONS);
  private readonly scratch = new Float64Array(9);
  /** The moving factors (first numerator, correction) of the last corrected fit. */
  private readonly previous = new Float64Array(9);
  private readonly coldStart = new Float64Array(3 * (MAX_BUTTERWORTH_SECTIONS + 2));
  /** Settings of the current design, to skip designing them again. */
  private readonly settings: BandDesign = {
    type: 'bell',
    freqHz: 0,
    gainDb: 0,
    q: 0,
    butterworthSections: 0,
  };
  private settingsRate = 0;
  /**
   * Shapes (type, section count, kind of zeros, orientation; −1: none) of the current fit,
   * of the fit in `previous`, and of the sections last written to `out`.
   */
  private shape = -1;
  private previousShape = -1;
  private writtenShape = -1;
  private writtenCount = 1;
  private count = 0;
  private invert = false;
  private rounds = 0;
  private roundLeft = 0;

  /** Forgets everything (a reset: the next design starts cold). */
  reset(): void {
    this.corrected = false;
    this.refining = false;
    this.settingsRate = 0;
    this.shape = -1;
    this.previousShape = -1;
    this.writtenShape = -1;
  }

  /**
   * Designs the band and writes its sections at `offset`; returns how many sections `out`
   * holds for the band. The correction's fit gets at most `budget` iterations now.
   *
   * `tracking` (settings in motion, once per control period): the fit starts from the
   * previous one when that is the better start, and whatever it reaches is written at once.
   * Otherwise (settled settings) the fit starts cold, as after a reset, so a setting always
   * ends with the same design whatever led to it; while it is still being fitted (`refine`
   * continues it), `out` keeps the previous sections if they have the same shape.
   */
  design(
    band: BandDesign,
    sampleRate: number,
    out: Float64Array,
    offset: number,
    budget: number,
    tracking: boolean,
  ): number {
    const s = this.settings;
    if (
      !tracking &&
      sampleRate === this.settingsRate &&
      band.type === s.type &&
      band.freqHz === s.freqHz &&
      band.gainDb === s.gainDb &&
      band.q === s.q &&
      band.butterworthSections === s.butterworthSections
    ) {
      return this.refining ? this.refine(out, offset, budget) : this.writtenCount;
    }
    s.type = band.type;
    s.freqHz = band.freqHz;
    s.gainDb = band.gainDb;
    s.q = band.q;
    s.butterworthSections = band.butterworthSections;
    this.settingsRate = tracking ? 0 : sampleRate;
    const freqHz = Math.min(band.freqHz, MAX_DESIGN_FRACTION * sampleRate);
    const w0 = (2 * Math.PI * freqHz) / sampleRate;
    const count = this.prototypes(band, w0);
    this.count = count;
    this.refining = false;
    if (count === 0) {
      this.corrected = false;
      this.predictedErrorDb = 0;
      this.shape = -1;
      writeStage(out, offset, 1, 0, 0, 0, 0, 0, 0, 0, 0);
      this.writtenShape = -1;
      this.writtenCount = 1;
      return 1;
    }
    this.grid.build(this.sections, count, tracking);
    for (let k = 0; k < count; k++) this.zeros[k] = this.placeZeros(this.sections[k], k);
    const shape =
      ((BAND_TYPES.indexOf(band.type) * 8 + count) * 4 + this.zeros[0]) * 2 + (this.invert ? 1 : 0);
    const sameShape = shape === this.shape;
    this.shape = shape;
    this.prepareFit(count);
    const fit = this.fit;
    const uncorrectedDb = fit.maxErrorDb();
    this.predictedErrorDb = uncorrectedDb;
    const wasCorrected = this.corrected && sameShape;
    this.corrected =
      uncorrectedDb > (wasCorrected ? CORRECTION_RELEASE_DB : CORRECTION_THRESHOLD_DB);
    if (!this.corrected) return this.writeSections(out, offset);
    const c = fit.coefficients;
    const o = 3 * count;
    fit.addFactor(1, 0, 0, false, true, true, 1, this.invert ? POLE_FLOOR : 0);
    fit.addFactor(1, 0, 0, false, true, true, -1, POLE_FLOOR);
    // Settings in motion start from the previous fit if it is the better start (it is unless
    // the settings jumped, or the correction has little left to do); the cold start is the
    // least-squares numerator and an identity correction. A settled design starts cold.
    let warm = false;
    if (tracking && shape === this.previousShape) {
      copyValues(c, 0, this.coldStart, 0, o + 6);
      copyValues(this.previous, 0, c, 0, 3);
      copyValues(this.previous, 3, c, o, 6);
      fit.coefficientsChanged();
      warm = fit.maxErrorDb() < uncorrectedDb;
      if (!warm) {
        copyValues(this.coldStart, 0, c, 0, o + 6);
        fit.coefficientsChanged();
      }
    }
    this.rounds = warm ? 1 : 0; // near the minimax already: reweight at once
    this.roundLeft = 0;
    this.refining = true;
    // A correction engaging while tracking starts as the identity (the same response as the
    // uncorrected design written before) and moves into place over the next periods. A change
    // of structure (kind of zeros, orientation) has no such continuous start: it is designed
    // to completion at once, so the response jumps only between two finished designs.
    this.advance(tracking && !sameShape && this.writtenShape >= 0 ? COMPLETE_DESIGN : budget);
    if (warm && this.predictedErrorDb > TRACKING_LIMIT_DB) {
      // The tracked fit has lost its way (stuck where a constraint holds it, say): start
      // again from cold and finish now.
      copyValues(this.coldStart, 0, c, 0, o + 6);
      fit.coefficientsChanged();
      this.rounds = 0;
      this.roundLeft = 0;
      this.refining = true;
      this.advance(COMPLETE_DESIGN);
    }
    if (tracking) this.refining = false;
    if (!this.refining || this.writtenShape !== shape) return this.writeSections(out, offset);
    return this.writtenCount;
  }

  /** Continues a settled design's fit by up to `budget` iterations; as `design`. */
  refine(out: Float64Array, offset: number, budget: number): number {
    this.advance(budget);
    if (!this.refining || this.writtenShape !== this.shape) return this.writeSections(out, offset);
    return this.writtenCount;
  }

  private advance(budget: number): void {
    const fit = this.fit;
    while (budget > 0 && this.refining) {
      if (this.roundLeft === 0) {
        if (this.rounds === FIT_ROUNDS) {
          this.refining = false;
          break;
        }
        fit.startRound(this.rounds > 0);
        this.rounds++;
        this.roundLeft = ROUND_ITERATIONS;
      }
      const taken = fit.iterate(Math.min(budget, this.roundLeft), FIT_GOAL_DB);
      budget -= taken;
      this.roundLeft = fit.stalled ? 0 : this.roundLeft - taken;
      if (fit.reachedGoal) this.refining = false;
    }
    this.predictedErrorDb = fit.maxErrorDb();
  }

  /** Fills `sections` with the analog prototype(s); returns their count (0: identity). */
  private prototypes(band: BandDesign, w0: number): number {
    const { q, gainDb } = band;
    const h = this.sections[0];
    this.invert = false;
    switch (band.type) {
      case 'bell':
      case 'lowshelf':
      case 'highshelf': {
        if (gainDb === 0) return 0;
        const boost = Math.abs(gainDb);
        shelfOrBell(band.type, w0, q, boost, h);
        // Design the boost directly if its poles are the pair to match, else the cut.
        const designed = boostPolesPreferred(h) ? boost : -boost;
        if (designed < 0) shelfOrBell(band.type, w0, q, designed, h);
        this.invert = designed > 0 !== gainDb > 0;
        return 1;
      }
      case 'notch':
        notchPrototype(w0, q, h);
        return 1;
      case 'bandpass':
        bandpassPrototype(w0, q, h);
        return 1;
      case 'lowpass':
      case 'highpass': {
        const n = band.butterworthSections;
        for (let k = 0; k < n; k++) {
          const qk = butterworthSectionQ(k, n);
          if (band.type === 'lowpass') lowpassPrototype(w0, qk, this.sections[k]);
          else highpassPrototype(w0, qk, this.sections[k]);
        }
        return n;
      }
    }
  }

  /**
   * Matched poles and least-squares numerators for each section; loads the joint fit with
   * the free numerator factors and the target they must meet. The zeros are placed
   * beforehand.
   */
  private prepareFit(count: number): void {
    const grid = this.grid;
    const fit = this.fit;
    const n = grid.count;
    fit.pointCount = n;
    fit.uMax = U_MAX;
    // fit.target holds the ratio |H|²·ΠD/ΠF until its logarithm is taken below.
    for (let i = 0; i < n; i++) {
      fit.u[i] = Math.sin(grid.omega[i] / 2) ** 2 / PHI_REF;
      fit.target[i] = grid.target[i];
      fit.baseWeight[i] = grid.weight[i];
      fit.checked[i] = grid.checked[i];
    }
    fit.clearFactors();
    for (let k = 0; k < count; k++) {
      const h = this.sections[k];
      matchedPoles(h, this.poles, 2 * k);
      squaredMagnitudeQuadratic(
        1,
        this.poles[2 * k],
        this.poles[2 * k + 1],
        PHI_REF,
        this.poleQuadratic,
        3 * k,
      );
      const zeros = this.zeros[k];
      const free = zeros === Zeros.Fitted ? 3 : zeros === Zeros.OneAtDc ? 2 : 1;
      this.numerator.fit(
        grid.sectionTarget,
        k * MAX_GRID_POINTS,
        fit.u,
        grid.weight,
        n,
        this.fixedQuadratic,
        3 * k,
        this.poleQuadratic,
        3 * k,
        free,
        this.freeQuadratic,
        3 * k,
      );
      // The fixed parts go into the target: the model times D/F must equal |H|².
      for (let i = 0; i < n; i++) {
        const u = fit.u[i];
        fit.target[i] *=
          quadraticAt(this.poleQuadratic, 3 * k, u) / quadraticAt(this.fixedQuadratic, 3 * k, u);
      }
      // Only the first section's numerator (and the correction) move in the joint fit: it
      // carries the overall gain, and freeing every section's numerator makes the problem
      // nearly degenerate (many zeros competing for one job). Measured on a 48 dB/oct lowpass
      // at 0.49·fs, 48 kHz: 0.12 dB after the full budget with every numerator free, 0.03 dB
      // with only the first.
      const v = this.freeQuadratic;
      const moves = k === 0;
      // The fit of a sharp dip at Nyquist can put the zeros on the unit circle, where the
      // joint fit cannot start (ln 0), and an inverted design's numerators become its poles:
      // lift the quadratic just clear of zero (so the zeros are just inside the circle).
      const floor = this.invert ? POLE_FLOOR : 0;
      const clearance = Math.max(2 * floor, 1e-12) * v[3 * k];
      const least = quadraticMinimum(v[3 * k], v[3 * k + 1], v[3 * k + 2], U_MAX);
      if (least < clearance) v[3 * k] += clearance - least;
      fit.addFactor(
        v[3 * k],
        v[3 * k + 1],
        v[3 * k + 2],
        moves,
        moves && free > 1,
        moves && free > 2,
        1,
        floor,
      );
    }
    for (let i = 0; i < n; i++) {
      const r = fit.target[i];
      // Exact zeros (a notch's null, DC of a highpass) carry no information in dB.
      if (r > 0 && r < Number.POSITIVE_INFINITY) fit.target[i] = Math.log(r);
      else {
        fit.target[i] = 0;
        fit.baseWeight[i] = 0;
        fit.checked[i] = 0;
      }
    }
  }

  /** Fixed numerator of section k as a quadratic in u; returns how the zeros are made. */
  private placeZeros(h: AnalogSection, k: number): Zeros {
    const fixed = this.fixedQuadratic;
    const o = 3 * k;
    if (h.n0 === 0) {
      // Zeros at DC: |1 − z⁻¹|² = 4φ ∝ u (bandpass), its square for the highpass.
      fixed[o] = 0;
      fixed[o + 1] = h.n1 === 0 ? 0 : 1;
      fixed[o + 2] = h.n1 === 0 ? 1 : 0;
      return h.n1 === 0 ? Zeros.TwoAtDc : Zeros.OneAtDc;
    }
    if (h.n2 > 0 && h.n1 === 0) {
      // Notch: exactly on the unit circle at the analog zero frequency, or the null is lost.
      const c = Math.cos(Math.sqrt(h.n0 / h.n2));
      this.placed[2 * k] = -2 * c;
      this.placed[2 * k + 1] = 1;
      squaredMagnitudeQuadratic(1, -2 * c, 1, PHI_REF, fixed, o);
      return Zeros.Placed;
    }
    const sharp = h.n2 > 0 && h.n1 * h.n1 < 4 * h.n0 * h.n2;
    if (sharp && Math.sqrt(h.n0 * h.n2) / h.n1 >= MATCHED_ZERO_Q) {
      const damped = h.n0 / h.n2 - (h.n1 / (2 * h.n2)) ** 2;
      if (Math.sqrt(damped) < Math.PI) {
        matchedZeros(h, this.placed, 2 * k);
        squaredMagnitudeQuadratic(1, this.placed[2 * k], this.placed[2 * k + 1], PHI_REF, fixed, o);
        return Zeros.Placed;
      }
    }
    fixed[o] = 1;
    fixed[o + 1] = 0;
    fixed[o + 2] = 0;
    return Zeros.Fitted;
  }

  /**
   * Writes the stages (section-runner.ts): the first section, merged with the correction into
   * one fourth-order stage if there is one, then the other sections.
   */
  private writeSections(out: Float64Array, offset: number): number {
    const count = this.count;
    this.writtenShape = this.shape;
    this.writtenCount = count;
    const c = this.fit.coefficients;
    // The warm start of the next tracking design is the fit written, never one in progress.
    this.previousShape = this.corrected ? this.shape : -1;
    copyValues(c, 0, this.previous, 0, 3);
    copyValues(c, 3 * count, this.previous, 3, 6);
    const b = this.scratch; // numerator b0…b2, then the correction's b and a
    for (let k = 0; k < count; k++) {
      const o = offset + k * COEFFICIENTS_PER_STAGE;
      const v0 = c[3 * k];
      const v1 = c[3 * k + 1];
      const v2 = c[3 * k + 2];
      switch (this.zeros[k]) {
        case Zeros.Fitted:
          factorQuadratic(v0, v1, v2, PHI_REF, b, 0);
          break;
        case Zeros.OneAtDc:
          factorQuadratic(0, v0, v1, PHI_REF, b, 0);
          break;
        case Zeros.TwoAtDc:
          factorQuadratic(0, 0, v0, PHI_REF, b, 0);
          break;
        case Zeros.Placed: {
          const s = Math.sqrt(v0);
          b[0] = s;
          b[1] = s * this.placed[2 * k];
          b[2] = s * this.placed[2 * k + 1];
          break;
        }
      }
      const a1 = this.poles[2 * k];
      const a2 = this.poles[2 * k + 1];
      if (k > 0 || !this.corrected) {
        writeStage(out, o, b[0], b[1], b[2], 0, 0, a1, a2, 0, 0);
      } else {
        // Correction: numerator factor `count`, denominator factor `count + 1`; the stage is
        // the product of the two sections' polynomials.
        const n = 3 * count;
        factorQuadratic(c[n], c[n + 1], c[n + 2], PHI_REF, b, 3);
        factorQuadratic(c[n + 3], c[n + 4], c[n + 5], PHI_REF, b, 6);
        const g = 1 / b[6];
        const n0 = b[3] * g;
        const n1 = b[4] * g;
        const n2 = b[5] * g;
        const d1 = b[7] * g;
        const d2 = b[8] * g;
        writeStage(
          out,
          o,
          b[0] * n0,
          b[0] * n1 + b[1] * n0,
          b[0] * n2 + b[1] * n1 + b[2] * n0,
          b[1] * n2 + b[2] * n1,
          b[2] * n2,
          a1 + d1,
          a2 + a1 * d1 + d2,
          a2 * d1 + a1 * d2,
          a2 * d2,
        );
      }
      if (this.invert) invertStage(out, o);
    }
    return count;
  }
}

function shelfOrBell(
  type: 'bell' | 'lowshelf' | 'highshelf',
  w0: number,
  q: number,
  gainDb: number,
  h: AnalogSection,
): void {
  if (type === 'bell') bellPrototype(w0, q, gainDb, h);
  else if (type === 'lowshelf') lowShelfPrototype(w0, q, gainDb, h);
  else highShelfPrototype(w0, q, gainDb, h);
}

/**
 * Whether a boost's own poles are the pair to map by z = e^{s} (else its zeros, by designing
 * the cut): the pair below 0.95·Nyquist if only one is; else the sharper; at equal Q (shelves)
 * the lower in frequency.
 */
function boostPolesPreferred(h: AnalogSection): boolean {
  const poleW = Math.sqrt(h.d0);
  const zeroW = Math.sqrt(h.n0 / h.n2);
  const limit = 0.95 * Math.PI;
  if (poleW > limit !== zeroW > limit) return zeroW > limit;
  const poleQ = poleW / h.d1;
  const zeroQ = Math.sqrt(h.n0 * h.n2) / h.n1;
  if (Math.abs(poleQ - zeroQ) > 1e-9 * poleQ) return poleQ > zeroQ;
  return poleW <= zeroW;
}

function writeStage(
  out: Float64Array,
  o: number,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  a1: number,
  a2: number,
  a3: number,
  a4: number,
): void {
  out[o] = b0;
  out[o + 1] = b1;
  out[o + 2] = b2;
  out[o + 3] = b3;
  out[o + 4] = b4;
  out[o + 5] = a1;
  out[o + 6] = a2;
  out[o + 7] = a3;
  out[o + 8] = a4;
}

/** Replaces the stage by 1/H(z); its zeros (minimum phase) become the poles. */
function invertStage(c: Float64Array, o: number): void {
  const k = 1 / c[o];
  for (let j = 1; j <= 4; j++) {
    const b = c[o + j];
    c[o + j] = c[o + 4 + j] * k;
    c[o + 4 + j] = b * k;
  }
  c[o] = k;
}
