/**
 * An append-only list of doubles in one growing Float64Array (amortised O(1) append). Holds
 * the gating-block and short-term energies: 36 000 values, 288 kB, per hour of audio at 10 Hz.
 */
export class Float64List {
  private data: Float64Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = value;
  }

  /** A view of the values so far (shares memory; valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.count);
  }

  /** A copy of the values so far. */
  toArray(): Float64Array {
    return this.data.slice(0, this.count);
  }

  clear(): void {
    this.count = 0;
  }
}
