import type { AudioData } from '../../core/audio.js';
import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { nextPowerOfTwo } from '../../core/fft.js';
import { dbToGain } from '../../core/units.js';
import { bool, file, num, type ParamValues } from '../params.js';
import { type CreateContext, defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { DelayLine } from './delay-line.js';
import { flushTiny } from './flush.js';
import { resampleImpulseResponse } from './ir-resample.js';
import { PartitionedConvolver } from './partitioned-convolver.js';
import { TapCrossfade } from './tap-crossfade.js';

const MAX_PRE_DELAY_MS = 500;
const PRE_DELAY_FADE_MS = 20;
const GAIN_SMOOTHING_MS = 20;

const params = {
  impulseResponse: file({
    name: 'Impulse response',
    description:
      'audio file of the IR: 1 channel (the same IR on every channel), 2 (left, right) or 4 (true stereo: L→L, L→R, R→L, R→R); resampled if its rate differs from the session',
  }),
  mix: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'dry/wet balance: output = (1 − mix)·dry + mix·wet',
  }),
  wetDb: num({
    name: 'Wet level',
    unit: 'dB',
    min: -60,
    max: 12,
    default: 0,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'level of the convolved signal (the IR is used as recorded, not normalised)',
  }),
  preDelayMs: num({
    name: 'Pre-delay',
    unit: 'ms',
    min: 0,
    max: MAX_PRE_DELAY_MS,
    default: 0,
    smoothingMs: PRE_DELAY_FADE_MS,
    description: 'extra delay before the IR, rounded to the sample; changes crossfade over 20 ms',
  }),
  zeroLatency: bool({
    name: 'Zero latency',
    default: false,
    description:
      'convolve the first partition directly so nothing is late (for live monitoring; about 5× the CPU of a 2 s IR); off, FFT partitions of up to 2048 samples are late by their length, which is reported as latency for the mix to compensate. Read when the processor is prepared.',
  }),
};

type Values = ParamValues<typeof params>;

/**
 * Partition size B for an IR of `taps` samples. With the direct head, work per sample is
 * about B multiply-adds + 4·taps/B for the partitions (a complex multiply-add is four, and
 * streams memory); the sum is least near B = √(5·taps), measured: 512 for a 2 s IR at
 * 48 kHz. Without it, larger B only saves work, and 2048 caps the latency (43 ms at 48 kHz).
 */
export function partitionSizeFor(taps: number, zeroLatency: boolean): number {
  if (zeroLatency) {
    const ideal = Math.sqrt(5 * Math.max(1, taps));
    return Math.min(4096, Math.max(32, 2 ** Math.round(Math.log2(ideal))));
  }
  return Math.min(2048, Math.max(64, nextPowerOfTwo(Math.ceil(taps / 32))));
}

/** Why an IR cannot be used, in one sentence, or undefined when it can. */
export function impulseResponseProblem(
  path: string,
  audio: AudioData | undefined,
): string | undefined {
  if (path === '') return 'no impulse response is set: give "impulseResponse" an audio file';
  if (!audio) return `the impulse response "${path}" was not loaded (is the file in the project?)`;
  const count = audio.channels.length;
  if (count !== 1 && count !== 2 && count !== 4) {
    return `the impulse response "${path}" has ${count} channels; use 1 (mono), 2 (stereo) or 4 (true stereo: L→L, L→R, R→L, R→R)`;
  }
  if (audio.channels[0].length === 0) return `the impulse response "${path}" is empty`;
  return undefined;
}

/** One input channel's convolver and where each of its outputs is summed. */
interface Route {
  readonly input: number;
  readonly convolver: PartitionedConvolver;
  readonly targets: readonly number[];
  readonly outputs: Float64Array[];
}

/** The mean of the IR's channels: what a mono track hears of a stereo IR. */
function foldToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const mono = new Float32Array(channels[0].length);
  for (const ch of channels)
    for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / channels.length;
  return mono;
}

/**
 * Convolution reverb (or any FIR: cabinets, measured EQs): uniformly partitioned FFT
 * convolution (see PartitionedConvolver), per channel. By default the partitions are
 * large and their length is reported as latency (offline renders and a compensating mix
 * lose nothing, and a 2 s stereo IR costs a sixth of zero-latency mode); `zeroLatency`
 * adds the direct first partition. Layouts: a mono IR on every
 * channel; a stereo IR as left→left, right→right; a 4-channel IR as true stereo. A mono
 * track hears the mean of the IR's channels; channels beyond two use that mean too.
 *
 * The IR is resampled to the session rate (Kaiser-windowed sinc, ir-resample.ts) when its
 * rate differs, once per prepare. Without `zeroLatency` the dry signal is delayed with the
 * wet one, so the whole output is exactly `latency` samples late.
 */
class ConvolutionProcessor extends ProcessorBase<typeof params> {
  private readonly resampled = new Map<number, Float32Array[]>();
  private routes: Route[] = [];
  private preDelayLines: DelayLine[] = [];
  private dryDelayLines: DelayLine[] = [];
  private delayed: Float64Array[] = [];
  private wet: Float64Array[] = [];
  private preDelay = new TapCrossfade(0, 1);
  private readonly dryGain = new LinearRamp(0);
  private readonly wetGain = new LinearRamp(1);
  private irLength = 0;

  constructor(
    values: Values,
    private readonly ir: AudioData,
  ) {
    super(params, values);
  }

  /** The IR's channels at `sampleRate`, resampled once per rate. */
  private channelsAt(sampleRate: number): Float32Array[] {
    let channels = this.resampled.get(sampleRate);
    if (!channels) {
      channels = this.ir.channels.map((h) =>
        resampleImpulseResponse(h, this.ir.sampleRate, sampleRate),
      );
      this.resampled.set(sampleRate, channels);
    }
    return channels;
  }

  protected allocate(spec: ProcessSpec): void {
    const ir = this.channelsAt(spec.sampleRate);
    this.irLength = ir[0].length;
    const zeroLatency = this.values.zeroLatency;
    const size = partitionSizeFor(this.irLength, zeroLatency);
    const make = (input: number, irs: Float32Array[], targets: number[]): Route => ({
      input,
      convolver: new PartitionedConvolver(irs, size, { zeroLatency }),
      targets,
      outputs: irs.map(() => new Float64Array(spec.maxBlockSize)),
    });
    const count = spec.channels;
    const routes: Route[] = [];
    for (let c = 0; c < count; c++) {
      if (count === 1 || c >= 2 || ir.length === 1) {
        routes.push(make(c, [count === 1 || c >= 2 ? foldToMono(ir) : ir[0]], [c]));
      } else if (ir.length === 2) {
        routes.push(make(c, [ir[c]], [c]));
      } else {
        // True stereo: input L feeds L→L and L→R; input R feeds R→L and R→R.
        routes.push(make(c, [ir[2 * c], ir[2 * c + 1]], [0, 1]));
      }
    }
    this.routes = routes;
    this.latency = routes[0].convolver.latencySamples;
    const maxPreDelay = Math.ceil((MAX_PRE_DELAY_MS / 1000) * spec.sampleRate) + 1;
    this.preDelayLines = Array.from({ length: count }, () => new DelayLine(maxPreDelay));
    this.dryDelayLines = Array.from({ length: count }, () => new DelayLine(this.latency + 1));
    this.delayed = Array.from({ length: count }, () => new Float64Array(spec.maxBlockSize));
    this.wet = Array.from({ length: count }, () => new Float64Array(spec.maxBlockSize));
    this.preDelay = new TapCrossfade(
      this.preDelaySamples(),
      (PRE_DELAY_FADE_MS / 1000) * spec.sampleRate,
    );
  }

  private preDelaySamples(): number {
    return Math.round((this.values.preDelayMs / 1000) * this.sampleRate);
  }

  protected onParamsChanged(): void {
    const ramp = (GAIN_SMOOTHING_MS / 1000) * this.sampleRate;
    const mix = this.values.mix / 100;
    this.dryGain.setTarget(1 - mix, ramp);
    this.wetGain.setTarget(mix * dbToGain(this.values.wetDb), ramp);
    this.preDelay.setTarget(this.preDelaySamples());
    this.tailSamples =
      this.irLength + Math.max(this.preDelay.target, this.preDelay.from) + this.latency;
  }

  reset(): void {
    for (const route of this.routes) route.convolver.reset();
    for (const line of this.preDelayLines) line.clear();
    for (const line of this.dryDelayLines) line.clear();
    this.preDelay.jumpTo(this.preDelaySamples());
    const mix = this.values.mix / 100;
    this.dryGain.setImmediate(1 - mix);
    this.wetGain.setImmediate(mix * dbToGain(this.values.wetDb));
  }

  process(block: AudioBlock): void {
    const { channels, length } = block;
    const count = channels.length;
    const lines = this.preDelayLines;
    const delayed = this.delayed;
    const tap = this.preDelay;
    // Pre-delay (read after write: age d + 1 is a delay of d samples).
    for (let i = 0; i < length; i++) {
      const w = tap.next();
      for (let c = 0; c < count; c++) {
        const line = lines[c];
        line.write(channels[c][i]);
        const a = line.read(tap.from + 1);
        delayed[c][i] = w === 0 ? a : a + w * (line.read(tap.to + 1) - a);
      }
    }
    const wet = this.wet;
    for (let c = 0; c < count; c++) wet[c].fill(0, 0, length);
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r];
      route.convolver.process(delayed[route.input], route.outputs, length);
      for (let o = 0; o < route.targets.length; o++) {
        const from = route.outputs[o];
        const to = wet[route.targets[o]];
        for (let i = 0; i < length; i++) to[i] += from[i];
      }
    }
    const latency = this.latency;
    const dryLines = this.dryDelayLines;
    for (let i = 0; i < length; i++) {
      const dryGain = this.dryGain.next();
      const wetGain = this.wetGain.next();
      for (let c = 0; c < count; c++) {
        let dry = channels[c][i];
        if (latency > 0) {
          dryLines[c].write(dry);
          dry = dryLines[c].read(latency + 1);
        }
        channels[c][i] = dryGain * dry + wetGain * flushTiny(wet[c][i]);
      }
    }
  }
}

export const convolutionProcessor = defineProcessor({
  type: 'convolution',
  name: 'Convolution reverb',
  description:
    'Convolve with a recorded impulse response (room, hall, plate, cabinet); optional zero latency.',
  params,
  create: (values, context?: CreateContext) => {
    const audio = context?.files.get(values.impulseResponse);
    const problem = impulseResponseProblem(values.impulseResponse, audio);
    if (problem !== undefined || !audio) throw new Error(`convolution: ${problem}`);
    return new ConvolutionProcessor(values, audio);
  },
});
