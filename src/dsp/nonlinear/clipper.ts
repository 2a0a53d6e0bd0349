import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { choice, num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { applyKneeClip } from './curves.js';
import {
  flushDenormal,
  OVERSAMPLING_CHOICES,
  OversampledPath,
  oversamplingFactor,
} from './oversampled-path.js';

const params = {
  ceilingDb: num({
    name: 'Ceiling',
    unit: 'dB',
    min: -24,
    max: 0,
    default: -0.5,
    description: 'level the curve approaches and never passes (at the oversampled rate)',
  }),
  softness: num({
    name: 'Softness',
    unit: '%',
    min: 0,
    max: 100,
    default: 50,
    description:
      'width of the knee below the ceiling: 0 clips hard, 100 bends from silence (c·tanh(x/c))',
  }),
  inputGainDb: num({
    name: 'Input gain',
    unit: 'dB',
    min: -12,
    max: 24,
    default: 0,
    description: 'drive into the clipper',
  }),
  oversampling: choice({
    name: 'Oversampling',
    choices: OVERSAMPLING_CHOICES,
    default: '4x',
    description: 'runs the curve at this multiple of the sample rate to keep aliasing down',
  }),
};

/**
 * Mastering soft clipper: y = D(k_c,s(U(gain·x))), with the knee curve of curves.ts
 * (`applyKneeClip`) run at the oversampled rate. The curve bounds the oversampled signal by the
 * ceiling; the way back down removes the harmonics above the audio band, so the output can
 * ring slightly past the ceiling (Gibbs): a clipper shapes peaks, a true-peak limiter after it
 * guarantees them.
 */
class ClipperProcessor extends ProcessorBase<typeof params> {
  private path: OversampledPath | undefined;
  private readonly inputGain = new LinearRamp(1);
  private readonly ceiling = new LinearRamp(1);
  private readonly softness = new LinearRamp(0.5);
  private gainFrames = new Float64Array(0);
  private ceilingFrames = new Float64Array(0);
  private softnessFrames = new Float64Array(0);
  private pre = new Float64Array(0);

  protected allocate(spec: ProcessSpec): void {
    this.path = new OversampledPath(spec.channels, spec.maxBlockSize);
    this.gainFrames = new Float64Array(spec.maxBlockSize);
    this.ceilingFrames = new Float64Array(spec.maxBlockSize);
    this.softnessFrames = new Float64Array(spec.maxBlockSize);
    this.pre = new Float64Array(spec.maxBlockSize);
  }

  protected onParamsChanged(): void {
    const path = this.path as OversampledPath;
    path.select(oversamplingFactor(this.values.oversampling));
    this.latency = path.latency;
    // The linear-phase filters ring as long after the delayed input as they lead it.
    this.tailSamples = path.latency;
    const ms = (id: keyof typeof params) => {
      const p = params[id];
      return p.kind === 'number' ? (p.smoothingMs / 1000) * this.sampleRate : 0;
    };
    this.inputGain.setTarget(dbToGain(this.values.inputGainDb), ms('inputGainDb'));
    this.ceiling.setTarget(dbToGain(this.values.ceilingDb), ms('ceilingDb'));
    this.softness.setTarget(this.values.softness / 100, ms('softness'));
  }

  reset(): void {
    this.path?.reset();
    this.inputGain.setImmediate(dbToGain(this.values.inputGainDb));
    this.ceiling.setImmediate(dbToGain(this.values.ceilingDb));
    this.softness.setImmediate(this.values.softness / 100);
  }

  process(block: AudioBlock): void {
    const path = this.path as OversampledPath;
    const n = block.length;
    const { gainFrames, ceilingFrames, softnessFrames, pre } = this;
    for (let i = 0; i < n; i++) {
      gainFrames[i] = this.inputGain.next();
      ceilingFrames[i] = this.ceiling.next();
      softnessFrames[i] = this.softness.next();
    }
    for (let c = 0; c < block.channels.length; c++) {
      const data = block.channels[c];
      for (let i = 0; i < n; i++) pre[i] = data[i] * gainFrames[i];
      const top = path.up(c, pre, n);
      applyKneeClip(top, n * path.factor, ceilingFrames, softnessFrames, path.shift);
      const wet = path.down(c, n);
      for (let i = 0; i < n; i++) data[i] = flushDenormal(wet[i]);
    }
  }
}

export const clipperProcessor = defineProcessor({
  type: 'clipper',
  name: 'Soft clipper',
  description: 'Oversampled soft clipper for mastering: a ceiling and an adjustable knee.',
  params,
  create: (values) => new ClipperProcessor(params, values),
});
