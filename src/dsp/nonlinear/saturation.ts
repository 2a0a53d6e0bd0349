import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { choice, num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { ADAA_DELAY, AntiderivativeShaper } from './adaa.js';
import { applySaturationCurve, type SaturationCurve } from './curves.js';
import { EmphasisPair } from './emphasis.js';
import {
  flushDenormal,
  OVERSAMPLING_CHOICES,
  OversampledPath,
  oversamplingFactor,
} from './oversampled-path.js';

const params = {
  driveDb: num({
    name: 'Drive',
    unit: 'dB',
    min: 0,
    max: 36,
    default: 6,
    description: 'gain into the curve; the curve bends from about 0 dBFS in',
  }),
  curve: choice({
    name: 'Curve',
    choices: ['soft', 'tape', 'hard'] as const,
    default: 'soft',
    description:
      'soft: tanh; tape: a slower-bending arctan with pre-/de-emphasis, so highs saturate first; hard: clip at ±1',
  }),
  outputDb: num({
    name: 'Output',
    unit: 'dB',
    min: -36,
    max: 12,
    default: 0,
    description: 'level of the saturated (wet) signal',
  }),
  mix: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    description: 'share of the saturated signal against the (latency-aligned) dry input',
  }),
  oversampling: choice({
    name: 'Oversampling',
    choices: OVERSAMPLING_CHOICES,
    default: '8x',
    description:
      'runs the curve at this multiple of the sample rate, anti-aliased by its antiderivative from 2x up (1x: the bare curve)',
  }),
};

/**
 * Saturation: y = (1 − mix)·x[n − L] + mix·out·D(f(U(drive·x))), with U/D the oversampler
 * (round-trip latency L) and f the chosen curve (curves.ts). From 2× up f is applied with
 * antiderivative anti-aliasing (adaa.ts), whose whole-sample delay at the top rate is part of L.
 * In tape mode f is wrapped in the emphasis pair (emphasis.ts), run at the oversampled rate.
 *
 * The default, 8× with ADAA, is the cheapest choice that keeps every curve's aliasing of a
 * −6 dBFS 5 kHz sine driven 24 dB at 48 kHz below −80 dB (the test of that is
 * test/dsp/nonlinear/saturation-aliasing-levels.test.ts); 4× with ADAA leaves hard and tape
 * near −63 and −68 dB.
 */
class SaturationProcessor extends ProcessorBase<typeof params> {
  private path: OversampledPath | undefined;
  private emphasis: EmphasisPair | undefined;
  private shaper: AntiderivativeShaper | undefined;
  private readonly drive = new LinearRamp(1);
  private readonly output = new LinearRamp(1);
  private readonly mix = new LinearRamp(1);
  private driveFrames = new Float64Array(0);
  private outputFrames = new Float64Array(0);
  private mixFrames = new Float64Array(0);
  private pre = new Float64Array(0);
  private curve: SaturationCurve | undefined;

  protected allocate(spec: ProcessSpec): void {
    this.path = new OversampledPath(spec.channels, spec.maxBlockSize, (factor) =>
      factor === 1 ? 0 : ADAA_DELAY,
    );
    this.emphasis = new EmphasisPair(spec.channels);
    this.shaper = new AntiderivativeShaper(spec.channels);
    this.driveFrames = new Float64Array(spec.maxBlockSize);
    this.outputFrames = new Float64Array(spec.maxBlockSize);
    this.mixFrames = new Float64Array(spec.maxBlockSize);
    this.pre = new Float64Array(spec.maxBlockSize);
  }

  protected onParamsChanged(): void {
    const path = this.path as OversampledPath;
    const factor = oversamplingFactor(this.values.oversampling);
    // The shaper's history belongs to the old rate, as the path's own does.
    if (factor !== path.factor) this.shaper?.reset();
    path.select(factor);
    this.latency = path.latency;
    // The linear-phase filters ring as long after the delayed input as they lead it.
    this.tailSamples = path.latency;
    this.emphasis?.setSampleRate(this.sampleRate * path.factor);
    // Entering tape mode must not release state left from an earlier stay in it.
    if (this.values.curve !== this.curve) {
      this.curve = this.values.curve;
      this.emphasis?.reset();
    }
    const ms = (id: 'driveDb' | 'outputDb' | 'mix') =>
      (params[id].smoothingMs / 1000) * this.sampleRate;
    this.drive.setTarget(dbToGain(this.values.driveDb), ms('driveDb'));
    this.output.setTarget(dbToGain(this.values.outputDb), ms('outputDb'));
    this.mix.setTarget(this.values.mix / 100, ms('mix'));
  }

  reset(): void {
    this.path?.reset();
    this.emphasis?.reset();
    this.shaper?.reset();
    this.drive.setImmediate(dbToGain(this.values.driveDb));
    this.output.setImmediate(dbToGain(this.values.outputDb));
    this.mix.setImmediate(this.values.mix / 100);
  }

  process(block: AudioBlock): void {
    const path = this.path as OversampledPath;
    const emphasis = this.emphasis as EmphasisPair;
    const shaper = this.shaper as AntiderivativeShaper;
    const n = block.length;
    const { driveFrames, outputFrames, mixFrames, pre } = this;
    for (let i = 0; i < n; i++) {
      driveFrames[i] = this.drive.next();
      outputFrames[i] = this.output.next();
      mixFrames[i] = this.mix.next();
    }
    const curve: SaturationCurve = this.values.curve;
    const topCount = n * path.factor;
    for (let c = 0; c < block.channels.length; c++) {
      const data = block.channels[c];
      for (let i = 0; i < n; i++) pre[i] = data[i] * driveFrames[i];
      const top = path.up(c, pre, n);
      if (curve === 'tape') emphasis.pre(c, top, topCount);
      if (path.factor === 1) applySaturationCurve(curve, top, topCount);
      else shaper.process(c, curve, top, topCount);
      if (curve === 'tape') emphasis.de(c, top, topCount);
      const wet = path.down(c, n);
      const dry = path.dry(c, data, n);
      for (let i = 0; i < n; i++) {
        const m = mixFrames[i];
        data[i] = flushDenormal((1 - m) * dry[i] + m * outputFrames[i] * wet[i]);
      }
    }
  }
}

export const saturationProcessor = defineProcessor({
  type: 'saturation',
  name: 'Saturation',
  description:
    'Oversampled waveshaping saturation (soft, tape or hard) with drive, output and mix.',
  params,
  create: (values) => new SaturationProcessor(params, values),
});
