import { nextPowerOfTwo } from '../../core/fft.js';
import { FLUSH_FLOOR } from './flush.js';

const FLUSH = FLUSH_FLOOR;
/** Stages in a diffuser (Dattorro 1997 uses four per input). */
export const DIFFUSER_STAGES = 4;

/**
 * Four Schroeder allpasses in series (schroeder-allpass.ts; Dattorro, "Effect Design
 * Part 1", JAES 1997, fig. 1), the input diffusion of a reverb. Each stage is the lattice
 * w = x + g·w[n−M], y = w[n−M] − g·w, |H| = 1 at every frequency.
 *
 * Computed exactly as four SchroederAllpass objects would, but in one loop: the stages'
 * lines are four equal power-of-two regions of one Float32Array, written at one shared
 * index (every stage writes once per sample), and the sample passes through all four
 * stages in local variables.
 */
export class Diffuser {
  private readonly buffer: Float32Array;
  private readonly size: number;
  private readonly mask: number;
  private readonly maxDelaySamples: number;
  private writeIndex = 0;
  private readonly delays = new Int32Array(DIFFUSER_STAGES).fill(1);
  private readonly gains = new Float64Array(DIFFUSER_STAGES);

  constructor(maxDelaySamples: number) {
    this.maxDelaySamples = Math.max(1, Math.ceil(maxDelaySamples));
    this.size = nextPowerOfTwo(this.maxDelaySamples + 1);
    this.mask = this.size - 1;
    this.buffer = new Float32Array(DIFFUSER_STAGES * this.size);
  }

  /** Stage `k`'s delay (rounded to whole samples, 1 … max) and gain. */
  setStage(k: number, delaySamples: number, gain: number): void {
    this.delays[k] = Math.max(1, Math.min(this.maxDelaySamples, Math.round(delaySamples)));
    this.gains[k] = gain;
  }

  clear(): void {
    this.buffer.fill(0);
    this.writeIndex = 0;
  }

  /** Diffuses the first `length` samples of `data` in place. */
  process(data: Float64Array, length: number): void {
    const buffer = this.buffer;
    const mask = this.mask;
    const size = this.size;
    const d0 = this.delays[0];
    const d1 = this.delays[1];
    const d2 = this.delays[2];
    const d3 = this.delays[3];
    const g0 = this.gains[0];
    const g1 = this.gains[1];
    const g2 = this.gains[2];
    const g3 = this.gains[3];
    let w = this.writeIndex;
    for (let i = 0; i < length; i++) {
      // Each stage: read M back, write the flushed w (flush.ts: the loop recirculates, and
      // its tail would end in subnormals), pass y on.
      let delayed = buffer[(w - d0) & mask];
      let v = data[i] + g0 * delayed;
      v = Math.abs(v) < FLUSH ? 0 : v;
      buffer[w] = v;
      let y = delayed - g0 * v;
      delayed = buffer[size + ((w - d1) & mask)];
      v = y + g1 * delayed;
      v = Math.abs(v) < FLUSH ? 0 : v;
      buffer[size + w] = v;
      y = delayed - g1 * v;
      delayed = buffer[2 * size + ((w - d2) & mask)];
      v = y + g2 * delayed;
      v = Math.abs(v) < FLUSH ? 0 : v;
      buffer[2 * size + w] = v;
      y = delayed - g2 * v;
      delayed = buffer[3 * size + ((w - d3) & mask)];
      v = y + g3 * delayed;
      v = Math.abs(v) < FLUSH ? 0 : v;
      buffer[3 * size + w] = v;
      data[i] = delayed - g3 * v;
      w = (w + 1) & mask;
    }
    this.writeIndex = w;
  }
}
