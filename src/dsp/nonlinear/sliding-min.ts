/**
 * Minimum over the last `window` values of a stream, in O(1) amortised per value: a deque of
 * candidates whose values increase from front to back (a value that is larger than a newer one
 * can never be the minimum again). Lemire, "Streaming maximum-minimum filter using no more
 * than three comparisons per element", Nordic J. Computing 13 (2006).
 */
export class SlidingMin {
  private readonly values: Float64Array;
  private readonly stamps: Float64Array;
  private readonly capacity: number;
  private head = 0;
  private size = 0;
  private count = 0;
  private window: number;

  constructor(maxWindow: number, window = maxWindow) {
    // One spare slot: the newcomer is stored before the expired front is dropped.
    this.capacity = maxWindow + 1;
    this.values = new Float64Array(this.capacity);
    this.stamps = new Float64Array(this.capacity);
    this.window = Math.min(window, maxWindow);
  }

  /** Sets the window length (≤ the capacity) and clears. */
  setWindow(window: number): void {
    if (!(window >= 1 && window < this.capacity)) {
      throw new RangeError(`window must be from 1 to ${this.capacity - 1}, got ${window}`);
    }
    this.window = window;
    this.reset();
  }

  /** Forgets every value. */
  reset(): void {
    this.head = 0;
    this.size = 0;
    this.count = 0;
  }

  /** Adds a value and returns the minimum of the last `window` values (fewer at the start). */
  push(value: number): number {
    const { values, stamps, capacity } = this;
    const now = this.count++;
    // Drop candidates that are no smaller than the newcomer (from the back).
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % capacity;
      if (values[back] < value) break;
      this.size--;
    }
    const slot = (this.head + this.size) % capacity;
    values[slot] = value;
    stamps[slot] = now;
    this.size++;
    // Drop the front once it has left the window.
    if (stamps[this.head] <= now - this.window) {
      this.head = (this.head + 1) % capacity;
      this.size--;
    }
    return values[this.head];
  }
}
