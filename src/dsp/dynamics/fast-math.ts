/**
 * Fast base-2 logarithm and exponential for per-sample level ↔ dB conversion in dynamics
 * processors. V8's `Math.log10` and `10 ** x` cost 10–60 ns each; a compressor running on
 * every frame of 16 stereo tracks cannot afford two of them per sample. These cost 2–3 ns.
 *
 * Both split the argument into an integer part (exact, through the IEEE exponent or a
 * table of powers of two) and a fraction in [0, 1), and interpolate the fraction linearly
 * in a table of 1024 segments. Linear interpolation of f over a segment of width h errs by
 * at most h²·max|f''|/8, which gives the bounds (checked over dense sweeps in
 * test/dsp/dynamics/fast-math.test.ts):
 * - `fastLog2(x)`: f(m) = log2(1 + m), |f''| ≤ 1/ln 2, so |error| ≤ 1.72e-7 (≤ 1.04e-6 dB),
 *   exact at powers of two;
 * - `fastExp2(x)`: f(u) = 2^u, |f''/f| = (ln 2)², so relative error ≤ 5.73e-8
 *   (≤ 5.0e-7 dB), exact at integers — 0 dB is a gain of exactly 1, so an idle compressor is
 *   transparent.
 * Both are continuous and monotonic, far inside the 0.1 dB static-curve budget, and use
 * only IEEE arithmetic on fixed tables, so results are the same on every machine (DESIGN.md,
 * "Deterministic").
 */

// Module-private constants: V8 folds these into optimised code, whereas exported bindings
// are read through a checked cell on every use, even in hot loops. Hot loops elsewhere
// copy the exported values into module-private constants for the same reason.
const DB_PER_LOG2_VALUE = 20 * Math.log10(2);
const LOG2_PER_DB_VALUE = 1 / DB_PER_LOG2_VALUE;
const LIMIT = 64;
const SEGMENTS = 1024;
const SEGMENT_BITS = 10;

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

/** log2(1 + k/1024), k = 0 … 1024. */
const LOG2_TABLE = new Float64Array(SEGMENTS + 1);
for (let k = 0; k <= SEGMENTS; k++) LOG2_TABLE[k] = Math.log2(1 + k / SEGMENTS);

/** 2^(k/1024), k = 0 … 1024 (exported for loops that write fastExp2 out, see compressor-engine.ts). */
export const EXP2_TABLE = new Float64Array(SEGMENTS + 1);
for (let k = 0; k <= SEGMENTS; k++) EXP2_TABLE[k] = 2 ** (k / SEGMENTS);

/** 2^(n − 64), n = 0 … 128 (exported like EXP2_TABLE). */
export const POWERS_OF_TWO = new Float64Array(2 * LIMIT + 1);
for (let k = 0; k <= 2 * LIMIT; k++) POWERS_OF_TWO[k] = 2 ** (k - LIMIT);

/**
 * log2(x) for x ≥ 0. Silence (and subnormals) give about −997, never −Infinity or NaN,
 * so callers need no special case.
 */
export function fastLog2(x: number): number {
  // + 1e-300 lifts 0 and subnormals into the normal range and leaves any x above 1e-284
  // (a level of −5680 dB) unchanged.
  const v = x + 1e-300;
  scratch[0] = v;
  const biased = (scratchWords[HIGH_WORD] >> 20) & 0x7ff;
  const position = (v * MANTISSA_SCALE[biased] - 1) * SEGMENTS;
  const k = position | 0;
  const below = LOG2_TABLE[k];
  return biased - 1023 + below + (position - k) * (LOG2_TABLE[k + 1] - below);
}

/**
 * fastLog2 of a positive Float32 given by its bit pattern (read through an Int32Array view),
 * without converting it: exponent and table index come straight from the bits. For every
 * normal Float32 it returns exactly what fastLog2 returns for the same value; zero and
 * subnormals give values at or below −126 (too quiet for any threshold).
 */
export function fastLog2OfFloat32Bits(bits: number): number {
  const k = (bits >>> 13) & (SEGMENTS - 1);
  const below = LOG2_TABLE[k];
  return (bits >>> 23) - 127 + below + (bits & 8191) * (1 / 8192) * (LOG2_TABLE[k + 1] - below);
}

/** Inputs to `fastExp2` are clamped to ±EXP2_LIMIT (±385 dB), far beyond any audio gain. */
export const EXP2_LIMIT = LIMIT;

/** 2^x, with x clamped to [−EXP2_LIMIT, EXP2_LIMIT]. */
export function fastExp2(x: number): number {
  // Comparisons rather than Math.max/min, which V8 compiles to a chain of branches for
  // their NaN and −0 rules (and an if/else on a `let` here measured slower still); the
  // result is the same for every x (NaN stays NaN).
  // biome-ignore lint/complexity/useMathMinMax: Math.min/max cost a third of the compressor's time
  const clamped = x < -LIMIT ? -LIMIT : x > LIMIT ? LIMIT : x;
  // Non-negative, so `| 0` is a floor and the indices stay int32.
  const position = (clamped + LIMIT) * SEGMENTS;
  const k = position | 0;
  const segment = k & (SEGMENTS - 1);
  const below = EXP2_TABLE[segment];
  const fraction = below + (position - k) * (EXP2_TABLE[segment + 1] - below);
  return fraction * POWERS_OF_TWO[k >> SEGMENT_BITS];
}

/** Level in dB of a linear amplitude (fast; see the error bound above). */
export function fastGainToDb(gain: number): number {
  return DB_PER_LOG2_VALUE * fastLog2(gain);
}

/** Linear amplitude of a level in dB (fast; see the error bound above). */
export function fastDbToGain(db: number): number {
  return fastExp2(db * LOG2_PER_DB_VALUE);
}
