/**
 * Click-free changes of an integer delay: instead of jumping (a click) or gliding the read
 * position (a pitch sweep, "tape" style), the output crossfades linearly from the old tap
 * to the new one. A target that changes during a fade waits until that fade ends, so at
 * most two taps are read at any time. Everything advances per sample, so the result does
 * not depend on how the host splits blocks.
 *
 * Per frame: `const w = tap.next()`, then output = (1 − w)·line(tap.from) + w·line(tap.to).
 */
export class TapCrossfade {
  /** The tap being faded out (or the only tap when `next()` returned 0). */
  from: number;
  /** The tap being faded in. */
  to: number;
  private pending: number;
  private position = 0;
  private fading = false;

  constructor(
    delaySamples: number,
    private readonly fadeSamples: number,
  ) {
    this.from = delaySamples;
    this.to = delaySamples;
    this.pending = delaySamples;
  }

  /** Where the tap should go (starts a fade on the next frame). */
  setTarget(delaySamples: number): void {
    this.pending = delaySamples;
  }

  /** Jump to a delay at once (reset, prepare). */
  jumpTo(delaySamples: number): void {
    this.from = delaySamples;
    this.to = delaySamples;
    this.pending = delaySamples;
    this.position = 0;
    this.fading = false;
  }

  /** True when `next()` will return 0 and change nothing until the next `setTarget`. */
  get steady(): boolean {
    return !this.fading && this.pending === this.from;
  }

  /** The delay the tap is heading for (for tail lengths). */
  get target(): number {
    return this.pending;
  }

  /** Advance one frame; returns the weight of `to` (0 when not fading). */
  next(): number {
    if (!this.fading) {
      if (this.pending === this.from) return 0;
      if (this.fadeSamples < 1) {
        this.jumpTo(this.pending);
        return 0;
      }
      this.to = this.pending;
      this.position = 0;
      this.fading = true;
    }
    this.position++;
    if (this.position >= this.fadeSamples) {
      this.from = this.to;
      this.fading = false;
      return 0;
    }
    return this.position / this.fadeSamples;
  }
}
