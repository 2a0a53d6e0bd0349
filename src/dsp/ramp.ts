/**
 * A value that moves linearly to a new target over a set time, so parameter changes do
 * not click (STYLE.md §8). Advance it per sample in the inner loop (`next()`), or per block
 * (`skip(n)`) where a block-rate value is enough.
 */
export class LinearRamp {
  private current: number;
  private target: number;
  private step = 0;
  private remaining = 0;

  constructor(initial: number) {
    this.current = initial;
    this.target = initial;
  }

  /** Head for `target` over `samples` samples (0 jumps at once). */
  setTarget(target: number, samples: number): void {
    // The same target again (automation re-sends values) continues the ramp under way.
    if (target === this.target) return;
    this.target = target;
    if (samples <= 0) {
      this.current = target;
      this.remaining = 0;
      return;
    }
    this.remaining = Math.round(samples);
    this.step = (target - this.current) / this.remaining;
  }

  /** Jump to a value at once (used by reset). */
  setImmediate(value: number): void {
    this.current = value;
    this.target = value;
    this.remaining = 0;
  }

  get value(): number {
    return this.current;
  }

  get isRamping(): boolean {
    return this.remaining > 0;
  }

  next(): number {
    if (this.remaining > 0) {
      this.remaining--;
      this.current = this.remaining === 0 ? this.target : this.current + this.step;
    }
    return this.current;
  }

  skip(samples: number): number {
    if (this.remaining > 0) {
      if (samples >= this.remaining) {
        this.remaining = 0;
        this.current = this.target;
      } else {
        this.remaining -= samples;
        this.current += this.step * samples;
      }
    }
    return this.current;
  }
}
