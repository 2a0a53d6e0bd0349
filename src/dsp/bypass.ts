import type { AudioBlock, ProcessSpec } from '../core/block.js';
import type { ParamValue } from './params.js';
import type { Processor } from './processor.js';
import { WholeSampleDelay } from './whole-sample-delay.js';

/**
 * A processor with a bypass switch. Bypassed, the input passes bit-exact, delayed by the
 * processor's latency so that switching never shifts the signal in time against parallel
 * paths (STYLE.md §7). The wrapped processor is not run while bypassed; it is reset when
 * bypass ends so stale state does not burst out.
 */
export class Bypassable implements Processor {
  private bypassed: boolean;
  private delay = new WholeSampleDelay(1, 0);

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
    this.delay = new WholeSampleDelay(spec.channels, this.inner.latency);
  }

  setParameter(path: string, value: ParamValue): void {
    this.inner.setParameter(path, value);
  }

  reset(): void {
    this.inner.reset();
    this.delay.reset();
  }

  process(block: AudioBlock, sidechain?: AudioBlock): void {
    if (!this.bypassed) {
      this.inner.process(block, sidechain);
      return;
    }
    this.delay.processInPlace(block.channels, block.length);
  }
}
