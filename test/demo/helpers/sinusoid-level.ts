/**
 * Amplitude and phase of the sinusoid at `frequencyHz` in x[start, start + length), by a
 * single-bin DFT: exact when the excerpt holds a whole number of its cycles, as one second
 * does for 50 Hz mains hum and its harmonics. Phase is that of sin(2π·f·n/fs + φ) at n = 0
 * of the whole signal.
 */
export function sinusoidAt(
  x: Float32Array,
  frequencyHz: number,
  sampleRate: number,
  start: number,
  length: number,
): { amplitude: number; phaseRadians: number } {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  let re = 0;
  let im = 0;
  for (let j = 0; j < length; j++) {
    const n = start + j;
    re += x[n] * Math.cos(w * n);
    im -= x[n] * Math.sin(w * n);
  }
  // A·sin(wn + φ) correlates to (A·N/2)·(sin φ, −cos φ)… so φ = atan2(re, −im).
  const amplitude = (2 * Math.hypot(re, im)) / length;
  const phaseRadians = Math.atan2(re, -im);
  return { amplitude, phaseRadians };
}
