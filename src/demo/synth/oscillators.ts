/**
 * Band-limited oscillators by PolyBLEP (Välimäki & Huovilainen, "Antialiasing oscillators
 * in subtractive synthesis", IEEE SPM 2007): a naive waveform plus a two-sample polynomial
 * correction at each step, which removes most of the aliasing a naive saw folds back.
 */

/** The PolyBLEP residual at `phase` (0…1) for a phase increment `increment` per sample. */
export function polyBlep(phase: number, increment: number): number {
  if (phase < increment) {
    const x = phase / increment;
    return x + x - x * x - 1;
  }
  if (phase > 1 - increment) {
    const x = (phase - 1) / increment;
    return x * x + x + x + 1;
  }
  return 0;
}

/** One oscillator's phase; call one waveform method per sample. */
export class BlepOscillator {
  private phase: number;

  constructor(initialPhase = 0) {
    this.phase = initialPhase - Math.floor(initialPhase);
  }

  /** Next sample of a sawtooth in [−1, 1]; `increment` = frequencyHz / sampleRate. */
  saw(increment: number): number {
    const value = 2 * this.phase - 1 - polyBlep(this.phase, increment);
    this.advance(increment);
    return value;
  }

  /** Next sample of a pulse wave of duty cycle `width` (0…1) in [−1, 1]. */
  pulse(increment: number, width: number): number {
    const p = this.phase;
    let falling = p - width;
    if (falling < 0) falling += 1;
    const value = (p < width ? 1 : -1) + polyBlep(p, increment) - polyBlep(falling, increment);
    this.advance(increment);
    return value;
  }

  private advance(increment: number): void {
    this.phase += increment;
    if (this.phase >= 1) this.phase -= 1;
  }
}
