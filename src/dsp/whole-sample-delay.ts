/**
 * A whole-sample delay for several channels (double-precision storage, so Float32 input comes
 * back bit-exact): what goes in comes out exactly `samples` frames later. Keeps a dry path
 * aligned with an oversampled or look-ahead wet path, a bypassed processor aligned with its
 * latency, and the render graph's paths aligned with each other (delay compensation).
 */
export class WholeSampleDelay {
  private readonly lines: Float64Array[];
  private readonly writeIndex: number[];
  private delay: number;

  constructor(channels: number, maxDelay: number, delay = maxDelay) {
    this.lines = Array.from({ length: channels }, () => new Float64Array(Math.max(1, maxDelay)));
    this.writeIndex = new Array<number>(channels).fill(0);
    this.delay = 0;
    this.setDelay(delay);
  }

  get samples(): number {
    return this.delay;
  }

  /** Changes the delay (call between blocks; contents are cleared). */
  setDelay(delay: number): void {
    if (!(delay >= 0 && delay <= this.lines[0].length && Number.isInteger(delay))) {
      throw new RangeError(`delay must be a whole number from 0 to ${this.lines[0].length}`);
    }
    this.delay = delay;
    this.reset();
  }

  /** Delays `length` frames of every channel of `data` in place. */
  processInPlace(data: readonly Float32Array[], length: number): void {
    for (let c = 0; c < data.length; c++) this.process(c, data[c], length, data[c]);
  }

  reset(): void {
    for (const line of this.lines) line.fill(0);
    this.writeIndex.fill(0);
  }

  /** Stores `length` samples of `input` and writes the samples `delay` earlier to `output`. */
  process(
    channel: number,
    input: ArrayLike<number>,
    length: number,
    output: Float64Array | Float32Array,
  ): void {
    const d = this.delay;
    if (d === 0) {
      for (let i = 0; i < length; i++) output[i] = input[i];
      return;
    }
    const line = this.lines[channel];
    let w = this.writeIndex[channel];
    for (let i = 0; i < length; i++) {
      const x = input[i];
      output[i] = line[w];
      line[w] = x;
      if (++w === d) w = 0;
    }
    this.writeIndex[channel] = w;
  }
}
