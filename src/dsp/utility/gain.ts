import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';

const params = {
  gainDb: num({
    name: 'Gain',
    unit: 'dB',
    min: -96,
    max: 36,
    default: 0,
    smoothingMs: 20,
    description: 'level change (trim)',
  }),
};

/** Gain / trim: one smoothed level change for every channel. */
class GainProcessor extends ProcessorBase<typeof params> {
  private readonly gain = new LinearRamp(1);

  protected allocate(_spec: ProcessSpec): void {}

  protected onParamsChanged(): void {
    this.gain.setTarget(
      dbToGain(this.values.gainDb),
      (params.gainDb.smoothingMs / 1000) * this.sampleRate,
    );
  }

  reset(): void {
    this.gain.setImmediate(dbToGain(this.values.gainDb));
  }

  process(block: AudioBlock): void {
    applyRampedGain(block, this.gain);
  }
}

/** Multiplies every channel by a ramped gain (the ramp advances once per frame). */
export function applyRampedGain(block: AudioBlock, ramp: LinearRamp): void {
  const { channels, length } = block;
  if (!ramp.isRamping) {
    const g = ramp.value;
    if (g === 1) return;
    for (const data of channels) for (let i = 0; i < length; i++) data[i] *= g;
    return;
  }
  for (let i = 0; i < length; i++) {
    const g = ramp.next();
    for (const data of channels) data[i] *= g;
  }
}

export const gainProcessor = defineProcessor({
  type: 'gain',
  name: 'Gain',
  description: 'Trim the level up or down.',
  params,
  create: (values) => new GainProcessor(params, values),
});
