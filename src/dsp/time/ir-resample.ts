/**
 * Sample-rate conversion of an impulse response, done once when a convolution processor
 * is prepared at a rate the IR was not recorded at. Band-limited interpolation with a
 * Kaiser-windowed sinc (Smith, "Digital Audio Resampling", ccrma.stanford.edu/~jos/resample;
 * Kaiser & Schafer 1980 for the window): β = 10 gives ≈ −99 dB stopband, 128 zero
 * crossings per side of the lower rate's sinc give a transition of ≈ 2.5 % of that rate,
 * and the cutoff sits at 97.5 % of the lower Nyquist frequency, so the passband reaches
 * ≈ 95 % of it (21 kHz at 44.1 kHz) with nothing aliased back.
 *
 * An IR is a system, not a signal: to keep its frequency response H(f) the same at the
 * new rate, the resampled taps are scaled by fromRate/toRate (a unit impulse at 44.1 kHz
 * becomes a band-limited pulse whose 48 kHz samples sum to 48000/44100, scaled back to 1).
 */
const ZERO_CROSSINGS = 128;
const KAISER_BETA = 10;
const CUTOFF = 0.975;
/** Above this many distinct phases, kernels are computed per output sample instead. */
const MAX_TABLE_PHASES = 4096;

/** Modified Bessel function of the first kind, order 0 (power series; converges fast). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function resampleImpulseResponse(
  h: ArrayLike<number>,
  fromRate: number,
  toRate: number,
): Float32Array {
  if (fromRate === toRate) return Float32Array.from(h);
  if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate))) {
    throw new RangeError(`sample rates must be positive whole numbers: ${fromRate}, ${toRate}`);
  }
  // Output m sits at input position m·p/q (p/q = fromRate/toRate in lowest terms).
  const g = gcd(fromRate, toRate);
  const p = fromRate / g;
  const q = toRate / g;
  // Bandwidth as a fraction of the input's Nyquist: the lower rate decides.
  const band = Math.min(1, toRate / fromRate) * CUTOFF;
  const halfWidth = ZERO_CROSSINGS / band; // in input samples
  const reach = Math.ceil(halfWidth);
  const taps = 2 * reach;
  const i0Beta = besselI0(KAISER_BETA);
  const scale = fromRate / toRate;
  const kernel = (tau: number): number => {
    const x = tau / halfWidth;
    if (x <= -1 || x >= 1) return 0;
    const window = besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
    const arg = Math.PI * band * tau;
    const sinc = arg === 0 ? 1 : Math.sin(arg) / arg;
    return scale * band * sinc * window;
  };
  // Taps for phase φ (fraction φ/q): input n = ⌊m·p/q⌋ − reach + 1 + j, τ = fraction + reach − 1 − j.
  const fill = (phase: number, out: Float64Array, offset: number): void => {
    const fraction = phase / q;
    for (let j = 0; j < taps; j++) out[offset + j] = kernel(fraction + reach - 1 - j);
  };
  const tabled = q <= MAX_TABLE_PHASES;
  const table = new Float64Array(tabled ? q * taps : taps);
  if (tabled) for (let phase = 0; phase < q; phase++) fill(phase, table, phase * taps);

  const outLength = Math.ceil(((h.length + reach) * q) / p);
  const out = new Float32Array(outLength);
  for (let m = 0; m < outLength; m++) {
    const whole = Math.floor((m * p) / q);
    const phase = m * p - whole * q;
    let offset = 0;
    if (tabled) offset = phase * taps;
    else fill(phase, table, 0);
    const first = whole - reach + 1;
    let sum = 0;
    for (let j = Math.max(0, -first); j < taps; j++) {
      const n = first + j;
      if (n >= h.length) break;
      sum += h[n] * table[offset + j];
    }
    out[m] = sum;
  }
  return out;
}
