import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { Crossover } from '../../dsp/eq/crossover.js';
import { num, type ParamValues } from '../../dsp/params.js';
import { defineProcessor, ProcessorBase } from '../../dsp/processor.js';
import { LinearRamp } from '../../dsp/ramp.js';
import { highestCrossoversHz } from './crossover-limits.js';

/**
 * Stereo tools for mastering, all in mid/side:
 *
 *   M = (L + R) / 2,  S = (L − R) / 2;  out: L = M′ + S′,  R = M′ − S′
 *
 * (the convention of the `width` processor: M and S at half level, so L and R come back at
 * unity and a mono signal is all M). M and S run together through one Linkwitz–Riley
 * crossover (src/dsp/eq/crossover.ts) at `monoBelowHz` (when on), `lowCrossoverHz` and
 * `highCrossoverHz`; then
 *
 *   M′ = midGain · Σ M_k            (the crossover's allpass of M: flat magnitude)
 *   S′ = sideGain · Σ w_k · S_k     (w_k: the width of the region band k lies in; 0 below monoBelowHz)
 *
 * M and S pass the same allpass, so at neutral settings (widths 100 %, gains 0 dB, mono
 * off) the output has the input's magnitude exactly, with the crossover's allpass phase.
 * Frequency ranges do not overlap, so the crossovers are always in order; `monoBelowHz`
 * may fall on or above a crossover, in which case every band below it is mono. A mono
 * input is all mid: only `midGainDb` applies.
 */

const RAMP_MS = 20;

const params = {
  lowCrossoverHz: num({
    name: 'Low crossover',
    unit: 'Hz',
    min: 40,
    max: 1000,
    default: 250,
    scale: 'log',
    smoothingMs: 0,
    automatable: false,
    description: 'where the low width band ends and the mid one begins',
  }),
  highCrossoverHz: num({
    name: 'High crossover',
    unit: 'Hz',
    min: 1000,
    max: 16000,
    default: 4000,
    scale: 'log',
    smoothingMs: 0,
    automatable: false,
    description: 'where the mid width band ends and the high one begins',
  }),
  lowWidthPercent: num({
    name: 'Low width',
    unit: '%',
    min: 0,
    max: 200,
    default: 100,
    smoothingMs: RAMP_MS,
    description: 'side level of the low band: 0 = mono, 100 = unchanged, 200 = side doubled',
  }),
  midWidthPercent: num({
    name: 'Mid width',
    unit: '%',
    min: 0,
    max: 200,
    default: 100,
    smoothingMs: RAMP_MS,
    description: 'side level of the mid band: 0 = mono, 100 = unchanged, 200 = side doubled',
  }),
  highWidthPercent: num({
    name: 'High width',
    unit: '%',
    min: 0,
    max: 200,
    default: 100,
    smoothingMs: RAMP_MS,
    description: 'side level of the high band: 0 = mono, 100 = unchanged, 200 = side doubled',
  }),
  monoBelowHz: num({
    name: 'Mono below',
    unit: 'Hz',
    min: 0,
    max: 500,
    default: 0,
    scale: 'linear',
    smoothingMs: 0,
    automatable: false,
    description:
      'everything below this frequency is summed to mono (side removed by an LR4 crossover, e.g. 120 Hz for vinyl and clubs); 0 = off',
  }),
  midGainDb: num({
    name: 'Mid gain',
    unit: 'dB',
    min: -24,
    max: 12,
    default: 0,
    smoothingMs: RAMP_MS,
    description: 'level of the mid signal M = (L + R) / 2',
  }),
  sideGainDb: num({
    name: 'Side gain',
    unit: 'dB',
    min: -24,
    max: 12,
    default: 0,
    smoothingMs: RAMP_MS,
    description: 'level of the side signal S = (L − R) / 2 (on top of the band widths)',
  }),
};

type StereoValues = ParamValues<typeof params>;

/** Below this `monoBelowHz` counts as off. */
const MONO_OFF_BELOW_HZ = 20;

interface MutableBlock {
  channels: Float32Array[];
  length: number;
}

/** The split points and, per resulting band, which width applies (-1: mono). */
interface Layout {
  readonly frequenciesHz: number[];
  /** Per band: 0 low, 1 mid, 2 high width; -1 below monoBelowHz (side removed). */
  readonly region: number[];
}

function layoutFor(v: StereoValues, sampleRate: number): Layout {
  const mono = v.monoBelowHz >= MONO_OFF_BELOW_HZ ? v.monoBelowHz : 0;
  const edges = [...new Set([...(mono > 0 ? [mono] : []), v.lowCrossoverHz, v.highCrossoverHz])];
  edges.sort((a, b) => a - b);
  const frequenciesHz = highestCrossoversHz(edges, sampleRate);
  // Band k spans (edges[k−1], edges[k]); a point inside it tells which region it is in.
  const region = Array.from({ length: edges.length + 1 }, (_, k) => {
    const inside = k === 0 ? edges[0] / 2 : k === edges.length ? edges[k - 1] * 2 : edges[k - 1];
    if (inside < mono) return -1;
    if (inside < v.lowCrossoverHz) return 0;
    return inside < v.highCrossoverHz ? 1 : 2;
  });
  return { frequenciesHz, region };
}

class StereoProcessor extends ProcessorBase<typeof params> {
  /** One crossover per possible number of split points (1–3), chosen by the layout. */
  private crossovers: Crossover[] = [];
  private crossover: Crossover | undefined;
  private layout: Layout = { frequenciesHz: [], region: [] };
  private midSide: MutableBlock = { channels: [], length: 0 };
  private bandBlocks: MutableBlock[] = [];
  private readonly widths = [new LinearRamp(1), new LinearRamp(1), new LinearRamp(1)];
  private readonly midGain = new LinearRamp(1);
  private readonly sideGain = new LinearRamp(1);
  /** Per band, its width this sample (0 for mono bands). */
  private readonly bandWidth = new Float64Array(4);

  protected allocate(spec: ProcessSpec): void {
    const frames = spec.maxBlockSize;
    const buffers = () => [new Float32Array(frames), new Float32Array(frames)];
    this.midSide = { channels: buffers(), length: 0 };
    this.bandBlocks = Array.from({ length: 4 }, () => ({ channels: buffers(), length: 0 }));
    this.crossovers = [1, 2, 3].map(
      (count) =>
        new Crossover({
          sampleRate: spec.sampleRate,
          channels: 2,
          frequenciesHz: Array.from({ length: count }, (_, k) => 100 * 2 ** k),
        }),
    );
    this.crossover = undefined;
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const layout = layoutFor(v, this.sampleRate);
    const next = this.crossovers[layout.frequenciesHz.length - 1];
    next.setFrequencies(layout.frequenciesHz);
    // A different number of split points is a different filter: start it from rest.
    if (next !== this.crossover) next.reset();
    this.crossover = next;
    this.layout = layout;
    const ramp = (RAMP_MS / 1000) * this.sampleRate;
    this.widths[0].setTarget(v.lowWidthPercent / 100, ramp);
    this.widths[1].setTarget(v.midWidthPercent / 100, ramp);
    this.widths[2].setTarget(v.highWidthPercent / 100, ramp);
    this.midGain.setTarget(dbToGain(v.midGainDb), ramp);
    this.sideGain.setTarget(dbToGain(v.sideGainDb), ramp);
  }

  reset(): void {
    const v = this.values;
    for (const c of this.crossovers) c.reset();
    this.widths[0].setImmediate(v.lowWidthPercent / 100);
    this.widths[1].setImmediate(v.midWidthPercent / 100);
    this.widths[2].setImmediate(v.highWidthPercent / 100);
    this.midGain.setImmediate(dbToGain(v.midGainDb));
    this.sideGain.setImmediate(dbToGain(v.sideGainDb));
  }

  process(block: AudioBlock): void {
    const n = block.length;
    if (block.channels.length < 2) {
      this.processMono(block.channels[0], n);
      return;
    }
    const [left, right] = block.channels;
    const [mid, side] = this.midSide.channels;
    for (let i = 0; i < n; i++) {
      mid[i] = (left[i] + right[i]) * 0.5;
      side[i] = (left[i] - right[i]) * 0.5;
    }
    this.midSide.length = n;
    const bands = this.bandBlocks;
    const count = this.layout.region.length;
    for (let k = 0; k < count; k++) bands[k].length = n;
    (this.crossover as Crossover).split(this.midSide, bands);

    const { region } = this.layout;
    const bandWidth = this.bandWidth;
    for (let i = 0; i < n; i++) {
      const w0 = this.widths[0].next();
      const w1 = this.widths[1].next();
      const w2 = this.widths[2].next();
      let m = 0;
      let s = 0;
      for (let k = 0; k < count; k++) {
        const r = region[k];
        bandWidth[k] = r === 0 ? w0 : r === 1 ? w1 : r === 2 ? w2 : 0;
        m += bands[k].channels[0][i];
        s += bandWidth[k] * bands[k].channels[1][i];
      }
      m *= this.midGain.next();
      s *= this.sideGain.next();
      left[i] = m + s;
      right[i] = m - s;
    }
  }

  /** A mono signal is all mid. */
  private processMono(data: Float32Array, n: number): void {
    for (const w of this.widths) w.skip(n);
    this.sideGain.skip(n);
    if (!this.midGain.isRamping && this.midGain.value === 1) return;
    for (let i = 0; i < n; i++) data[i] *= this.midGain.next();
  }
}

export const stereoProcessor = defineProcessor({
  type: 'stereo',
  name: 'Stereo tools',
  description:
    'Mid/side mastering tools: width for low, mid and high bands (Linkwitz–Riley crossovers), mono below a frequency, and mid and side gains.',
  params,
  create: (values) => new StereoProcessor(params, values),
});
