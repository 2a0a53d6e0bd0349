/**
 * Where an encoder's bytes go: a temporary file renamed into place (`atomic.ts`), or memory
 * (`encodeAudio`). Encoders write their header first with placeholder sizes and patch it
 * with `writeAt` when they know the totals, so one encoder serves both.
 */
export interface ByteSink {
  /** Bytes appended so far. */
  readonly length: number;
  append(bytes: Uint8Array): Promise<void>;
  /** Overwrite bytes already appended (header patching); never extends the sink. */
  writeAt(position: number, bytes: Uint8Array): Promise<void>;
  /** Complete the output (rename into place, for files). */
  finish(): Promise<void>;
  /** Give up: nothing is left behind. Safe to call more than once, and after `finish`. */
  discard(): Promise<void>;
}

/** A sink that grows a buffer in memory; `bytes()` returns the result after `finish`. */
export class MemorySink implements ByteSink {
  private buffer = new Uint8Array(64 * 1024);
  private used = 0;

  get length(): number {
    return this.used;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.used + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.used + bytes.length));
      grown.set(this.buffer.subarray(0, this.used));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  async writeAt(position: number, bytes: Uint8Array): Promise<void> {
    if (position + bytes.length > this.used)
      throw new RangeError('writeAt past the end of the sink');
    this.buffer.set(bytes, position);
  }

  async finish(): Promise<void> {}

  async discard(): Promise<void> {
    this.buffer = new Uint8Array(0);
    this.used = 0;
  }

  /** The bytes written, trimmed to length. */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.used);
  }
}
