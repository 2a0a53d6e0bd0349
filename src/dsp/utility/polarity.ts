import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { bool } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';

const params = {
  invertLeft: bool({
    name: 'Invert left',
    default: true,
    description: 'flip the polarity of the first channel',
  }),
  invertRight: bool({
    name: 'Invert right',
    default: true,
    description: 'flip the polarity of the second channel (and any further channels)',
  }),
};

/** Polarity inversion per side. Exact: negation loses nothing. */
class PolarityProcessor extends ProcessorBase<typeof params> {
  protected allocate(_spec: ProcessSpec): void {}
  protected onParamsChanged(): void {}
  reset(): void {}

  process(block: AudioBlock): void {
    const { channels, length } = block;
    channels.forEach((data, c) => {
      const invert = c === 0 ? this.values.invertLeft : this.values.invertRight;
      if (!invert) return;
      for (let i = 0; i < length; i++) data[i] = -data[i];
    });
  }
}

export const polarityProcessor = defineProcessor({
  type: 'polarity',
  name: 'Polarity',
  description: 'Invert the polarity of one or both channels.',
  params,
  create: (values) => new PolarityProcessor(params, values),
});
