import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { choice, num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { balanceGains, PAN_LAWS, panGains, type StereoGains } from './pan-law.js';

export const panParams = {
  pan: num({
    name: 'Pan',
    unit: 'none',
    min: -1,
    max: 1,
    default: 0,
    description: '−1 hard left, 0 centre, +1 hard right',
  }),
  law: choice({
    name: 'Pan law',
    choices: PAN_LAWS,
    default: '-3dB',
    description:
      'centre attenuation of a mono source: −3 dB constant power (default), −4.5, −6 dB or linear',
  }),
  mode: choice({
    name: 'Mode',
    choices: ['pan', 'balance'],
    default: 'pan',
    description:
      '"pan" places a mono signal (both sides carry it); "balance" fades one side of a stereo signal',
  }),
};

/**
 * Pan or balance on a two-channel block. The channel strip duplicates a mono source onto
 * both sides first, so "pan" mode applies the law's two gains; "balance" keeps a stereo
 * image and fades the far side.
 */
export class PanProcessor extends ProcessorBase<typeof panParams> {
  private readonly left = new LinearRamp(1);
  private readonly right = new LinearRamp(1);
  private readonly gains: StereoGains = { left: 1, right: 1 };

  protected allocate(_spec: ProcessSpec): void {}

  private targetGains(): StereoGains {
    const { pan, law, mode } = this.values;
    return mode === 'balance' ? balanceGains(pan, law, this.gains) : panGains(pan, law, this.gains);
  }

  protected onParamsChanged(): void {
    const g = this.targetGains();
    const ramp = 0.02 * this.sampleRate;
    this.left.setTarget(g.left, ramp);
    this.right.setTarget(g.right, ramp);
  }

  reset(): void {
    const g = this.targetGains();
    this.left.setImmediate(g.left);
    this.right.setImmediate(g.right);
  }

  process(block: AudioBlock): void {
    if (block.channels.length < 2) return;
    const [l, r] = block.channels;
    for (let i = 0; i < block.length; i++) {
      l[i] *= this.left.next();
      r[i] *= this.right.next();
    }
  }
}

export const panProcessor = defineProcessor({
  type: 'pan',
  name: 'Pan / balance',
  description: 'Place a signal between the speakers with a selectable pan law.',
  params: panParams,
  create: (values) => new PanProcessor(panParams, values),
});
