/**
 * A fixed whole-sample delay for delay compensation: what goes in comes out exactly
 * `length` frames later, bit for bit.
 */
export class FixedDelay {
  private readonly lines: Float32Array[];
  private position = 0;

  constructor(
    channels: number,
    readonly length: number,
  ) {
    this.lines = Array.from({ length: channels }, () => new Float32Array(Math.max(1, length)));
  }

  /** Delays `frames` frames of `data` in place. */
  process(data: readonly Float32Array[], frames: number): void {
    if (this.length === 0) return;
    let p = 0;
    for (let c = 0; c < data.length; c++) {
      const line = this.lines[c];
      const x = data[c];
      p = this.position;
      for (let i = 0; i < frames; i++) {
        const out = line[p];
        line[p] = x[i];
        x[i] = out;
        if (++p === this.length) p = 0;
      }
    }
    this.position = p;
  }

  reset(): void {
    for (const l of this.lines) l.fill(0);
    this.position = 0;
  }
}
