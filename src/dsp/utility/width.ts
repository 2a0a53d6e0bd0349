import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';

const params = {
  widthPercent: num({
    name: 'Width',
    unit: '%',
    min: 0,
    max: 200,
    default: 100,
    description: 'side level relative to mid: 0 = mono, 100 = unchanged, 200 = side doubled',
  }),
};

/**
 * Stereo width by mid/side: M = (L+R)/2, S = (L−R)/2, S scaled by width, back to L/R.
 * At 100 % it is exactly transparent; at 0 % both sides carry the mono sum.
 */
class WidthProcessor extends ProcessorBase<typeof params> {
  private readonly width = new LinearRamp(1);

  protected allocate(_spec: ProcessSpec): void {}

  protected onParamsChanged(): void {
    this.width.setTarget(this.values.widthPercent / 100, 0.02 * this.sampleRate);
  }

  reset(): void {
    this.width.setImmediate(this.values.widthPercent / 100);
  }

  process(block: AudioBlock): void {
    if (block.channels.length < 2) return;
    if (!this.width.isRamping && this.width.value === 1) return;
    const [left, right] = block.channels;
    for (let i = 0; i < block.length; i++) {
      const w = this.width.next();
      const mid = (left[i] + right[i]) * 0.5;
      const side = (left[i] - right[i]) * 0.5 * w;
      left[i] = mid + side;
      right[i] = mid - side;
    }
  }
}

export const widthProcessor = defineProcessor({
  type: 'width',
  name: 'Stereo width',
  description: 'Narrow or widen a stereo signal by scaling its side (L−R) component.',
  params,
  create: (values) => new WidthProcessor(params, values),
});
