/**
 * A state-variable filter in the trapezoidal ("topology-preserving") form described by
 * A. Simper, "Linear trapezoidal integrated state variable filter" (Cytomic, 2013). Unlike
 * a biquad, its cutoff can sweep every few samples without blowing up, which the bass and
 * keys need for their filter envelopes.
 */
export class StateVariableFilter {
  private ic1 = 0;
  private ic2 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 1;

  constructor(cutoffHz: number, q: number, sampleRate: number) {
    this.setCutoff(cutoffHz, q, sampleRate);
  }

  setCutoff(cutoffHz: number, q: number, sampleRate: number): void {
    const g = Math.tan((Math.PI * Math.min(cutoffHz, sampleRate * 0.45)) / sampleRate);
    this.k = 1 / q;
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }

  /** Filters one sample and returns the low-pass output. */
  lowpass(x: number): number {
    const v3 = x - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    return v2;
  }
}
