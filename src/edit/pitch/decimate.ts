/**
 * Integer-factor decimation for analysis. Pitch tracking does not need 48 kHz: the lag
 * search runs at about 16 kHz (a third of the FFT work per frame at 48 kHz) and the chosen
 * period is then refined on the full-rate signal (refine-period.ts). A linear-phase,
 * Hann-windowed sinc low-pass (cut-off at 90 % of the new Nyquist) keeps the result aligned
 * with the input sample for sample: output k is the filtered input at frame k·factor.
 * Aliasing above the cut-off folds into the top of the band, where the voice has little
 * energy and YIN's difference function little weight.
 */

/** Taps on each side of the centre, per unit of decimation factor. */
const HALF_TAPS_PER_FACTOR = 8;

/** The factor that brings `sampleRate` down to at least `minimumRateHz` (1 = none). */
export function decimationFactor(sampleRate: number, minimumRateHz = 16000): number {
  return Math.max(1, Math.floor(sampleRate / minimumRateHz));
}

export function decimate(signal: Float32Array, factor: number): Float32Array {
  if (factor <= 1) return signal;
  const half = HALF_TAPS_PER_FACTOR * factor;
  const cutoff = 0.9 / factor; // fraction of the input Nyquist
  const taps = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let j = -half; j <= half; j++) {
    const x = Math.PI * cutoff * j;
    const sinc = j === 0 ? 1 : Math.sin(x) / x;
    const window = 0.5 + 0.5 * Math.cos((Math.PI * j) / (half + 1));
    taps[j + half] = sinc * window;
    sum += taps[j + half];
  }
  for (let j = 0; j < taps.length; j++) taps[j] /= sum; // unity gain at DC

  const n = signal.length;
  const out = new Float32Array(Math.ceil(n / factor));
  for (let k = 0; k < out.length; k++) {
    const centre = k * factor;
    let acc = 0;
    const lo = Math.max(-half, -centre);
    const hi = Math.min(half, n - 1 - centre);
    for (let j = lo; j <= hi; j++) acc += taps[j + half] * signal[centre + j];
    out[k] = acc;
  }
  return out;
}
