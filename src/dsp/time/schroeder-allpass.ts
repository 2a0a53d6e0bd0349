import { DelayLine } from './delay-line.js';
import { flushTiny } from './flush.js';

/**
 * Schroeder's allpass ("Natural sounding artificial reverberation", JAES 1962):
 * H(z) = (−g + z^−M) / (1 − g·z^−M), |H| = 1 at every frequency. It smears a click into a
 * dense burst without colouring its spectrum; chains of them diffuse a reverb's input
 * (Dattorro, "Effect Design Part 1", JAES 1997, fig. 1). Lattice form, one delay line:
 * w = x + g·w[n−M], y = w[n−M] − g·w.
 */
export class SchroederAllpass {
  private readonly line: DelayLine;
  private delaySamples: number;
  gain = 0;

  constructor(maxDelaySamples: number) {
    this.line = new DelayLine(maxDelaySamples);
    this.delaySamples = 1;
  }

  setDelay(delaySamples: number): void {
    this.delaySamples = Math.max(1, Math.min(this.line.maxDelaySamples, Math.round(delaySamples)));
  }

  clear(): void {
    this.line.clear();
  }

  process(x: number): number {
    const delayed = this.line.read(this.delaySamples);
    const w = flushTiny(x + this.gain * delayed);
    this.line.write(w);
    return delayed - this.gain * w;
  }
}
