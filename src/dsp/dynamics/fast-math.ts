/**
 * Fast base-2 logarithm and exponential for per-sample level ↔ dB conversion in dynamics
 * processors. V8's `Math.log10` and `10 ** x` cost 10–60 ns each; a compressor running on
 * every frame of 16 stereo tracks cannot afford two of them per sample. These cost ~3 ns.
 *
 * Error bounds (checked over dense sweeps in test/dsp/dynamics/fast-math.test.ts):
 * - `fastLog2(x)`: |error| ≤ 3.0e-8 (in log2 units, i.e. ≤ 1.8e-7 dB) for normal positive x;
 * - `fastExp2(x)`: relative error ≤ 9.2e-8 (≤ 8.0e-7 dB) for |x| ≤ EXP2_LIMIT, and exact
 *   at integers (so 0 dB is a gain of exactly 1 and an idle compressor is transparent).
 * Both are far inside the 0.1 dB static-curve budget and below Float32 resolution for audio
 * gains. They use only IEEE arithmetic and a fixed table, so results are the same on every
 * machine (DESIGN.md, "Deterministic").
 *
 * Coefficients are near-minimax fits (iteratively reweighted least squares on Chebyshev
 * nodes), computed for this file:
 * - log2: x = 2^e · m with m ∈ [1, 2); log2 m = ½ + log2(m/√2), and with t = (m−√2)/(m+√2)
 *   ∈ [−0.1716, 0.1716], log2(m/√2) = (2/ln 2)·atanh(t), an odd series in t fitted with
 *   three terms (the plain Taylor terms would be 2/ln2·(1, 1/3, 1/5)).
 * - exp2: x = n + f with n = round(x), f ∈ [−½, ½]; 2^f = 1 + f·q(f), q of degree 4 fitted
 *   for relative error (the constant term is held at exactly 1); 2^n from a table.
 */

// Module-private constants: V8 folds these into optimised code, whereas exported bindings
// are read through a checked cell on every use, even in hot loops. Hot loops elsewhere
// copy the exported values into locals first.
const DB_PER_LOG2_VALUE = 20 * Math.log10(2);
const LOG2_PER_DB_VALUE = 1 / DB_PER_LOG2_VALUE;
const LIMIT = 64;

/** dB of amplitude per unit of log2: 20·log10(2). */
export const DB_PER_LOG2 = DB_PER_LOG2_VALUE;
/** log2 units per dB of amplitude. */
export const LOG2_PER_DB = LOG2_PER_DB_VALUE;

// One shared scratch word to read a double's exponent bits (no allocation per call).
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);
/** Index of the 32-bit word holding sign and exponent (1 on little-endian hosts). */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** 2^(1023 − k) for every biased exponent k, so that x · table[k] lies in [1, 2). */
const MANTISSA_SCALE = new Float64Array(2048);
for (let k = 0; k < 2048; k++) MANTISSA_SCALE[k] = 2 ** (1023 - k);

const SQRT2 = Math.SQRT2;
const L1 = 2.8853912893661806;
const L3 = 0.9614708093264054;
const L5 = 0.5989738755740373;

/**
 * log2(x) for positive finite x. Zero and subnormals return a large negative number
 * (about −1023), never −Infinity or NaN, so callers need no special case for silence.
 */
export function fastLog2(x: number): number {
  scratch[0] = x;
  const biased = (scratchWords[HIGH_WORD] >> 20) & 0x7ff;
  const m = x * MANTISSA_SCALE[biased];
  const t = (m - SQRT2) / (m + SQRT2);
  const t2 = t * t;
  return biased - 1022.5 + t * (L1 + t2 * (L3 + t2 * L5));
}

/** Inputs to `fastExp2` are clamped to ±EXP2_LIMIT (±385 dB), far beyond any audio gain. */
export const EXP2_LIMIT = LIMIT;
const POWERS_OF_TWO = new Float64Array(2 * LIMIT + 1);
for (let k = 0; k <= 2 * LIMIT; k++) POWERS_OF_TWO[k] = 2 ** (k - LIMIT);

const E1 = 0.6931469775948399;
const E2 = 0.24022242082542244;
const E3 = 0.05550733749450894;
const E4 = 0.00967151276960664;
const E5 = 0.001326472533464147;

/** 2^x, with x clamped to [−EXP2_LIMIT, EXP2_LIMIT]. */
export function fastExp2(x: number): number {
  // Math.max/min rather than ternaries with integer literals, which V8 would box; the index
  // is round(x) + EXP2_LIMIT as a non-negative int32 (Math.round can return −0, which
  // would push V8 onto slow float indexing).
  const clamped = Math.max(-LIMIT, Math.min(LIMIT, x));
  const index = (clamped + LIMIT + 0.5) | 0;
  const f = clamped - (index - LIMIT);
  const p = 1 + f * (E1 + f * (E2 + f * (E3 + f * (E4 + f * E5))));
  return p * POWERS_OF_TWO[index];
}

/** Level in dB of a linear amplitude (fast; see the error bound above). */
export function fastGainToDb(gain: number): number {
  return DB_PER_LOG2_VALUE * fastLog2(gain);
}

/** Linear amplitude of a level in dB (fast; see the error bound above). */
export function fastDbToGain(db: number): number {
  return fastExp2(db * LOG2_PER_DB_VALUE);
}
