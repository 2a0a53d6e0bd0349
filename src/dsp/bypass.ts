import type { AudioBlock, ProcessSpec } from '../core/block.js';
import type { ParamValue } from './params.js';
import type { Processor } from './processor.js';

/**
 * A processor with a bypass switch. Bypassed, the input passes bit-exact, delayed by the
 * processor's latency so that switching never shifts the signal in time against parallel
 * paths (STYLE.md §7). The wrapped processor is not run while bypassed; it is reset when
 * bypass ends so stale state does not burst out.
 */
export class Bypassable implements Processor {
  private bypassed: boolean;
  private delay: Float32Array[] = [];
  private writeIndex = 0;

  constructor(
    readonly inner: Processor,
    bypassed = false,
  ) {
    this.bypassed = bypassed;
  }

  get latency(): number {
    return this.inner.latency;
  }

  get tailSamples(): number {
    return this.bypassed ? 0 : this.inner.tailSamples;
  }

  get isBypassed(): boolean {
    return this.bypassed;
  }

  setBypassed(bypassed: boolean): void {
    if (bypassed === this.bypassed) return;
    this.bypassed = bypassed;
    if (!bypassed) this.inner.reset();
  }

  prepare(spec: ProcessSpec): void {
    this.inner.prepare(spec);
    const length = this.inner.latency;
    this.delay = Array.from({ length: spec.channels }, () => new Float32Array(length));
    this.writeIndex = 0;
  }

  setParameter(path: string, value: ParamValue): void {
    this.inner.setParameter(path, value);
  }

  reset(): void {
    this.inner.reset();
    for (const d of this.delay) d.fill(0);
    this.writeIndex = 0;
  }

  process(block: AudioBlock, sidechain?: AudioBlock): void {
    if (!this.bypassed) {
      this.inner.process(block, sidechain);
      return;
    }
    const length = this.inner.latency;
    if (length === 0) return;
    let w = 0;
    block.channels.forEach((data, c) => {
      const line = this.delay[c];
      w = this.writeIndex;
      for (let i = 0; i < block.length; i++) {
        const out = line[w];
        line[w] = data[i];
        data[i] = out;
        if (++w === length) w = 0;
      }
    });
    this.writeIndex = w;
  }
}
