import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { MixdownError } from '../../core/errors.js';
import { CompressorEngine, type CompressorSettings } from '../../dsp/dynamics/index.js';
import { attackParam, releaseParam } from '../../dsp/dynamics/time-constant-params.js';
import { Crossover, type LinkwitzRileyOrder } from '../../dsp/eq/crossover.js';
import { choice, group, num, type ParamValues } from '../../dsp/params.js';
import { defineProcessor, ProcessorBase } from '../../dsp/processor.js';
import { highestCrossoversHz } from './crossover-limits.js';

/**
 * Multiband compressor for mastering: a Linkwitz–Riley crossover (src/dsp/eq/crossover.ts)
 * splits the signal into 2–4 bands, each band runs the shared feed-forward compressor engine
 * (src/dsp/dynamics/compressor-engine.ts) with its own threshold, ratio, knee, attack,
 * release and makeup, and the bands are summed.
 *
 * Parameters: one `bands` group item per band, lowest first. A band's `crossoverHz` is its
 * upper edge (where it crosses over to the next band); the last band reaches Nyquist, so its
 * `crossoverHz` is not used. Crossovers must rise from band to band (checked at creation).
 *
 * Idle (ratio 1, or no band over its knee, makeup 0, mix 100 %), every engine multiplies by
 * exactly 1 and the sum is the crossover's allpass: flat magnitude, phase of an LR allpass.
 * No latency.
 */

const GAIN_SMOOTHING_MS = 20;
const MAX_BANDS = 4;

const params = {
  bands: group({
    name: 'Bands',
    minItems: 2,
    maxItems: MAX_BANDS,
    description:
      'the bands from the lowest up; each reaches up to its crossoverHz (the last one to Nyquist)',
    items: {
      crossoverHz: num({
        name: 'Crossover',
        unit: 'Hz',
        min: 20,
        max: 20000,
        default: 200,
        scale: 'log',
        smoothingMs: 0,
        automatable: false,
        description:
          "upper edge of this band, where it crosses to the next (Linkwitz–Riley, each side −6.02 dB there); must rise from band to band; the last band's is not used",
      }),
      thresholdDb: num({
        name: 'Threshold',
        unit: 'dB',
        min: -60,
        max: 0,
        default: -18,
        smoothingMs: 0,
        description: "band detector level (dBFS) where this band's compression starts",
      }),
      ratio: num({
        name: 'Ratio',
        unit: 'ratio',
        min: 1,
        max: 20,
        default: 1,
        scale: 'log',
        smoothingMs: 0,
        description: 'dB in per dB out above threshold (1 = this band is not compressed)',
      }),
      kneeDb: num({
        name: 'Knee',
        unit: 'dB',
        min: 0,
        max: 24,
        default: 6,
        smoothingMs: 0,
        description: 'soft-knee width centred on the threshold; 0 = hard knee',
      }),
      attackMs: attackParam({ min: 0.1, max: 500, default: 10 }),
      releaseMs: releaseParam({ min: 5, max: 5000, default: 150 }),
      makeupDb: num({
        name: 'Makeup',
        unit: 'dB',
        min: -24,
        max: 24,
        default: 0,
        smoothingMs: GAIN_SMOOTHING_MS,
        description: 'gain added to this band after compression (also a static band level)',
      }),
    },
  }),
  slopeDbPerOct: choice({
    name: 'Crossover slope',
    choices: ['24', '48'],
    default: '24',
    description: 'Linkwitz–Riley order: 24 dB/octave (LR4) or 48 dB/octave (LR8)',
  }),
  detection: choice({
    name: 'Detection',
    choices: ['peak', 'rms'],
    default: 'rms',
    description: 'band level: sample magnitude, or an RMS with a 10 ms time constant',
  }),
  stereoLinkPercent: num({
    name: 'Stereo link',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: 0,
    description:
      "each channel's band detector blended with the loudest channel's: 100 = one gain per band for both channels",
  }),
  mixPercent: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'compressed share of every band; below 100 blends in the uncompressed band',
  }),
};

type MultibandValues = ParamValues<typeof params>;

/** A block whose length is set per call, so no object is allocated in process(). */
interface MutableBlock {
  channels: Float32Array[];
  length: number;
}

/** Throws when the crossovers do not rise from band to band (a settings mistake). */
function checkCrossovers(values: MultibandValues): void {
  const bands = values.bands;
  for (let k = 1; k < bands.length - 1; k++) {
    if (!(bands[k].crossoverHz > bands[k - 1].crossoverHz)) {
      throw new MixdownError(
        'invalid-session',
        `bands[${k}].crossoverHz must be above bands[${k - 1}].crossoverHz (${bands[k - 1].crossoverHz} Hz), got ${bands[k].crossoverHz}.`,
      );
    }
  }
}

class MultibandProcessor extends ProcessorBase<typeof params> {
  private crossover: Crossover | undefined;
  private readonly engines: CompressorEngine[];
  private bandBlocks: MutableBlock[] = [];

  constructor(values: MultibandValues) {
    super(params, values);
    this.engines = values.bands.map(() => new CompressorEngine());
  }

  protected allocate(spec: ProcessSpec): void {
    const count = this.values.bands.length;
    this.crossover = new Crossover({
      sampleRate: spec.sampleRate,
      channels: spec.channels,
      frequenciesHz: this.crossoverFrequencies(spec.sampleRate),
      order: Number(this.values.slopeDbPerOct) as LinkwitzRileyOrder,
    });
    this.bandBlocks = Array.from({ length: count }, () => ({
      channels: Array.from({ length: spec.channels }, () => new Float32Array(spec.maxBlockSize)),
      length: 0,
    }));
    for (const engine of this.engines) engine.prepare(spec);
  }

  /** The bands' upper edges, kept below Nyquist (crossover-limits.ts). */
  private crossoverFrequencies(sampleRate: number): number[] {
    const wanted = this.values.bands.slice(0, -1).map((b) => b.crossoverHz);
    return highestCrossoversHz(wanted, sampleRate);
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const frequencies = this.crossoverFrequencies(this.sampleRate);
    // A change that breaks the order (only possible through setParameter) is not applied.
    if (frequencies.every((f, k) => k === 0 || f > frequencies[k - 1])) {
      this.crossover?.setFrequencies(frequencies);
    }
    v.bands.forEach((band, k) => {
      const settings: CompressorSettings = {
        thresholdDb: band.thresholdDb,
        ratio: band.ratio,
        kneeDb: band.kneeDb,
        attackMs: band.attackMs,
        releaseMs: band.releaseMs,
        autoRelease: false,
        makeupDb: band.makeupDb,
        autoMakeup: false,
        detection: v.detection,
        stereoLinkPercent: v.stereoLinkPercent,
        sidechainHpfHz: 0,
        mixPercent: v.mixPercent,
        smoothingMs: GAIN_SMOOTHING_MS,
      };
      this.engines[k].configure(settings, this.sampleRate);
    });
  }

  reset(): void {
    this.crossover?.reset();
    for (const engine of this.engines) engine.reset();
  }

  process(block: AudioBlock): void {
    const crossover = this.crossover as Crossover;
    const n = block.length;
    const bands = this.bandBlocks;
    for (const band of bands) band.length = n;
    crossover.split(block, bands);
    for (let k = 0; k < bands.length; k++) this.engines[k].process(bands[k]);
    for (let c = 0; c < block.channels.length; c++) {
      const out = block.channels[c];
      const first = bands[0].channels[c];
      for (let i = 0; i < n; i++) out[i] = first[i];
      for (let k = 1; k < bands.length; k++) {
        const data = bands[k].channels[c];
        for (let i = 0; i < n; i++) out[i] += data[i];
      }
    }
  }
}

export const multibandProcessor = defineProcessor({
  type: 'multiband',
  name: 'Multiband compressor',
  description:
    'Mastering multiband compressor: 2–4 Linkwitz–Riley bands (24 or 48 dB/oct), each with its own threshold, ratio, knee, attack, release and makeup; sums flat when idle.',
  params,
  create: (values) => {
    checkCrossovers(values);
    return new MultibandProcessor(values);
  },
});
