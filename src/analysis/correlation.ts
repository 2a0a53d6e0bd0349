/**
 * Streaming Pearson correlation of two channels (normally L and R): +1 mono-compatible and
 * identical, 0 unrelated, −1 polarity-inverted.
 *
 * Sums are taken of x − x₀ and y − y₀, where x₀, y₀ are each channel's first sample (the
 * "shifted data" method): shifting leaves the correlation unchanged but keeps a DC offset
 * from cancelling catastrophically in n·Σx² − (Σx)². They are accumulated sample by sample,
 * so any chunking gives bit-identical results.
 */
export class CorrelationMeter {
  private count = 0;
  private shiftX = 0;
  private shiftY = 0;
  private sumX = 0;
  private sumY = 0;
  private sumXX = 0;
  private sumYY = 0;
  private sumXY = 0;

  push(x: Float32Array, y: Float32Array, frames: number): void {
    if (frames <= 0) return;
    if (this.count === 0) {
      this.shiftX = x[0];
      this.shiftY = y[0];
    }
    const shiftX = this.shiftX;
    const shiftY = this.shiftY;
    let sumX = this.sumX;
    let sumY = this.sumY;
    let sumXX = this.sumXX;
    let sumYY = this.sumYY;
    let sumXY = this.sumXY;
    for (let i = 0; i < frames; i++) {
      const dx = x[i] - shiftX;
      const dy = y[i] - shiftY;
      sumX += dx;
      sumY += dy;
      sumXX += dx * dx;
      sumYY += dy * dy;
      sumXY += dx * dy;
    }
    this.sumX = sumX;
    this.sumY = sumY;
    this.sumXX = sumXX;
    this.sumYY = sumYY;
    this.sumXY = sumXY;
    this.count += frames;
  }

  /** Pearson's r in [−1, 1]; null when either channel has no variance (silence, pure DC). */
  result(): number | null {
    const n = this.count;
    if (n === 0) return null;
    const varianceX = this.sumXX - (this.sumX * this.sumX) / n;
    const varianceY = this.sumYY - (this.sumY * this.sumY) / n;
    if (!(varianceX > 0) || !(varianceY > 0)) return null;
    const covariance = this.sumXY - (this.sumX * this.sumY) / n;
    const r = covariance / Math.sqrt(varianceX * varianceY);
    return Math.max(-1, Math.min(1, r));
  }
}
