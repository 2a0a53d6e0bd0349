import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { nextPowerOfTwo } from '../../core/fft.js';
import { dbToGain } from '../../core/units.js';
import { choice, num, type ParamValues } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { DIFFUSER_STAGES, Diffuser } from './diffuser.js';
import { FDN_LINES, FeedbackDelayNetwork } from './fdn.js';
import { fdnDelayLengths } from './fdn-lengths.js';
import { FLUSH_FLOOR } from './flush.js';
import { PRESET_CHARACTER, REVERB_PRESETS, type ReverbCharacter } from './reverb-presets.js';
import { TapCrossfade } from './tap-crossfade.js';

const MAX_PRE_DELAY_MS = 250;
const PRE_DELAY_FADE_MS = 20;
const GAIN_SMOOTHING_MS = 20;
/** FDN line lengths: the shortest runs from 6 ms (size 0) to 48 ms (size 100)… */
const SHORTEST_LINE_MS = 6;
const SIZE_RANGE = 8;
/** …and the longest is this many times the shortest. */
const LINE_SPREAD = 3.2;
/** Line lengths may sit this far above their nominal value (jitter, prime rounding). */
const LINE_MARGIN = 1.15;
const LENGTH_SEED = 0x5eed;
const FLUSH = FLUSH_FLOOR;
/** Peak modulation depth at modulation 100 %. */
const MAX_MODULATION_MS = 0.5;
/** Input diffusers per channel: lengths in ms at size 50 (scaled by √(size factor)). */
const DIFFUSER_MS = [
  [4.77, 3.59, 2.63, 1.81],
  [4.41, 3.27, 2.39, 1.57],
] as const;
/** The longer chain's total delay at size 50, for the tail length. */
const DIFFUSER_CHAIN_MS = Math.max(...DIFFUSER_MS.map((row) => row.reduce((a, b) => a + b, 0)));
/** Allpass gains at diffusion 100 % (Dattorro 1997 uses 0.75 and 0.625). */
const DIFFUSER_GAIN = [0.75, 0.75, 0.625, 0.625] as const;
/**
 * High-pass corner of the DC blockers. On the input: a long low-frequency decay must not
 * pile up DC. On the output: the modulated lines make the network slightly time-varying,
 * which leaks a little DC (an impulse response summing to ±1e-4…1e-3 of its absolute sum,
 * depending on the LFO phases); the second blocker makes the wet sum exactly telescope to 0.
 */
const DC_BLOCK_HZ = 5;
/** Decay floor for `tailSamples`: −90 dB, i.e. 1.5 × T60. */
const TAIL_T60_MULTIPLE = 1.5;

const params = {
  preset: choice({
    name: 'Preset',
    choices: REVERB_PRESETS,
    default: 'custom',
    description:
      "room, plate or hall supply size, decay, damping, damping frequency, diffusion, pre-delay and modulation; any of those set to a value other than its default overrides the preset; 'custom' uses the values as given",
  }),
  decaySeconds: num({
    name: 'Decay',
    unit: 's',
    min: 0.1,
    max: 20,
    default: 1.5,
    scale: 'log',
    description: 'RT60 below the damping frequency: time for the tail to fall by 60 dB',
  }),
  size: num({
    name: 'Size',
    unit: '%',
    min: 0,
    max: 100,
    default: 60,
    smoothingMs: 0,
    automatable: false,
    description:
      'scales the network’s delay lengths (6–19 ms at 0 %, 48–154 ms at 100 %): echo spacing and density, not the decay time; changes apply at once',
  }),
  damping: num({
    name: 'Damping',
    unit: '%',
    min: 0,
    max: 100,
    default: 35,
    description:
      'high-frequency decay relative to decay: RT60 at high frequencies = decay × 10^(−damping/100) (0 % equal, 50 % ≈ ⅓, 100 % = ⅒)',
  }),
  dampingHz: num({
    name: 'Damping frequency',
    unit: 'Hz',
    min: 1000,
    max: 16000,
    default: 6000,
    scale: 'log',
    description: 'where high frequencies start to decay faster (2nd-order shelf in each line)',
  }),
  diffusion: num({
    name: 'Diffusion',
    unit: '%',
    min: 0,
    max: 100,
    default: 75,
    description: 'input allpass diffusion: low keeps early echoes distinct, high smears them',
  }),
  preDelayMs: num({
    name: 'Pre-delay',
    unit: 'ms',
    min: 0,
    max: MAX_PRE_DELAY_MS,
    default: 10,
    smoothingMs: PRE_DELAY_FADE_MS,
    description: 'gap before the reverb starts; changes crossfade over 20 ms',
  }),
  modulation: num({
    name: 'Modulation',
    unit: '%',
    min: 0,
    max: 100,
    default: 15,
    description:
      'slow movement of the delay lines (up to ±0.5 ms) that smooths metallic ringing; 0 = static',
  }),
  mix: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 30,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'dry/wet balance: output = (1 − mix)·dry + mix·reverb',
  }),
  wetDb: num({
    name: 'Wet level',
    unit: 'dB',
    min: -60,
    max: 12,
    default: 0,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'level of the reverb signal',
  }),
  widthPercent: num({
    name: 'Width',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'stereo width of the reverb: 0 = mono, 100 = fully decorrelated',
  }),
};

type Values = ParamValues<typeof params>;
const CHARACTER_KEYS = [
  'size',
  'decaySeconds',
  'damping',
  'dampingHz',
  'diffusion',
  'preDelayMs',
  'modulation',
] as const satisfies readonly (keyof ReverbCharacter)[];

/**
 * The character values in effect: the preset's, except where a parameter differs from its
 * declared default (an explicit choice); 'custom' takes the parameters as they are.
 */
export function effectiveCharacter(values: Values): ReverbCharacter {
  const own = Object.fromEntries(
    CHARACTER_KEYS.map((k) => [k, values[k]]),
  ) as unknown as ReverbCharacter;
  if (values.preset === 'custom') return own;
  const preset = PRESET_CHARACTER[values.preset];
  const merged = { ...preset };
  for (const key of CHARACTER_KEYS) {
    if (values[key] !== params[key].default) merged[key] = values[key];
  }
  return merged;
}

/** Size 0…100 % → factor 1…8 on the line lengths. */
function sizeFactor(size: number): number {
  return SIZE_RANGE ** (size / 100);
}

/**
 * Algorithmic reverb: DC blocker → pre-delay → four Schroeder allpasses per channel
 * (input diffusion) → 16-line feedback delay network with per-line absorption filters
 * (fdn.ts) → stereo taps → DC blocker → width → dry/wet mix. Decay (RT60) is exact by
 * construction (Jot & Chaigne gains); size changes only the echo pattern. Each stage runs
 * over the whole block in its own loop (the stages are per-sample recursions, so the
 * output does not depend on how the host splits blocks).
 *
 * Mono tracks feed the one channel into both network inputs and hear the mean of the two
 * outputs. Channels beyond two pass dry. The wet level is normalised by √(mean line
 * length): a bigger room spreads the same energy over more delay memory, and without this
 * it would sound quieter than a small one at the same decay.
 */
class ReverbProcessor extends ProcessorBase<typeof params> {
  private network: FeedbackDelayNetwork | undefined;
  private diffusers: Diffuser[] = [];
  /** The two pre-delay lines: equal power-of-two regions of one buffer, one write index. */
  private preDelayBuffer = new Float32Array(0);
  private preDelayMask = 0;
  private preDelayWrite = 0;
  private preDelay = new TapCrossfade(0, 1);
  /** DC blocker states: [x1, y1] per input, then per network output. */
  private readonly dcState = new Float64Array(8);
  private dcPole = 0;
  private outputScale = 1;
  private readonly dryGain = new LinearRamp(0);
  private readonly wetGain = new LinearRamp(0);
  private readonly width = new LinearRamp(1);
  /** One block of the wet path, in double precision. */
  private wetLeft = new Float64Array(0);
  private wetRight = new Float64Array(0);

  protected allocate(spec: ProcessSpec): void {
    const fs = spec.sampleRate;
    this.wetLeft = new Float64Array(spec.maxBlockSize);
    this.wetRight = new Float64Array(spec.maxBlockSize);
    const longestMs = SHORTEST_LINE_MS * SIZE_RANGE * LINE_SPREAD * LINE_MARGIN;
    const lineSamples = Math.ceil(((longestMs + MAX_MODULATION_MS) / 1000) * fs) + 4;
    this.network = new FeedbackDelayNetwork(lineSamples, fs);
    const maxDiffuser = Math.ceil((DIFFUSER_MS[0][0] * Math.sqrt(SIZE_RANGE) * fs) / 1000) + 1;
    this.diffusers = DIFFUSER_MS.map(() => new Diffuser(maxDiffuser));
    const maxPreDelay = Math.ceil((MAX_PRE_DELAY_MS / 1000) * fs) + 1;
    const preDelaySize = nextPowerOfTwo(maxPreDelay + spec.maxBlockSize);
    this.preDelayBuffer = new Float32Array(2 * preDelaySize);
    this.preDelayMask = preDelaySize - 1;
    this.preDelay = new TapCrossfade(0, (PRE_DELAY_FADE_MS / 1000) * fs);
    this.dcPole = Math.exp((-2 * Math.PI * DC_BLOCK_HZ) / fs);
  }

  protected onParamsChanged(): void {
    const network = this.network;
    if (!network) return;
    const fs = this.sampleRate;
    const v = this.values;
    const c = effectiveCharacter(v);
    const factor = sizeFactor(c.size);
    const shortest = (SHORTEST_LINE_MS * factor * fs) / 1000;
    const lengths = fdnDelayLengths(FDN_LINES, shortest, shortest * LINE_SPREAD, LENGTH_SEED);
    network.configure({
      lengths,
      t60LowSeconds: c.decaySeconds,
      t60HighSeconds: c.decaySeconds * 10 ** (-c.damping / 100),
      crossoverHz: c.dampingHz,
      modulationSamples: ((c.modulation / 100) * MAX_MODULATION_MS * fs) / 1000,
    });
    let total = 0;
    for (const m of lengths) total += m;
    // Normalised to a mean line of 40 ms: bigger networks hold the same energy more thinly.
    this.outputScale = Math.sqrt(total / FDN_LINES / (0.04 * fs));
    const diffuserScale = Math.sqrt(factor / Math.sqrt(SIZE_RANGE));
    for (let channel = 0; channel < this.diffusers.length; channel++) {
      for (let k = 0; k < DIFFUSER_STAGES; k++) {
        this.diffusers[channel].setStage(
          k,
          (DIFFUSER_MS[channel][k] * diffuserScale * fs) / 1000,
          (DIFFUSER_GAIN[k] * c.diffusion) / 100,
        );
      }
    }
    const preDelaySamples = Math.round((c.preDelayMs / 1000) * fs);
    this.preDelay.setTarget(preDelaySamples);
    const ramp = (GAIN_SMOOTHING_MS / 1000) * fs;
    this.dryGain.setTarget(1 - v.mix / 100, ramp);
    this.wetGain.setTarget((v.mix / 100) * dbToGain(v.wetDb), ramp);
    this.width.setTarget(v.widthPercent / 100, ramp);
    let longest = 0;
    for (const m of lengths) longest = Math.max(longest, m);
    this.tailSamples = Math.ceil(
      TAIL_T60_MULTIPLE * c.decaySeconds * fs +
        Math.max(preDelaySamples, this.preDelay.from) +
        longest +
        (DIFFUSER_CHAIN_MS * diffuserScale * fs) / 1000,
    );
  }

  reset(): void {
    this.network?.clear();
    for (const diffuser of this.diffusers) diffuser.clear();
    this.preDelayBuffer.fill(0);
    this.preDelayWrite = 0;
    this.dcState.fill(0);
    const v = this.values;
    const c = effectiveCharacter(v);
    this.preDelay.jumpTo(Math.round((c.preDelayMs / 1000) * this.sampleRate));
    this.dryGain.setImmediate(1 - v.mix / 100);
    this.wetGain.setImmediate((v.mix / 100) * dbToGain(v.wetDb));
    this.width.setImmediate(v.widthPercent / 100);
  }

  process(block: AudioBlock): void {
    const network = this.network;
    if (!network) return;
    const { channels, length } = block;
    const stereo = channels.length >= 2;
    const left = channels[0];
    const right = stereo ? channels[1] : channels[0];
    // Stage by stage over the block; every stage is a per-sample recursion, so the result
    // does not depend on how the host splits blocks.
    const wetL = this.wetLeft;
    const wetR = this.wetRight;
    this.preDelayInto(left, right, wetL, wetR, length);
    this.diffusers[0].process(wetL, length);
    this.diffusers[1].process(wetR, length);
    network.process(wetL, wetR, length);
    this.mixOut(left, right, stereo, length);
  }

  /** Width, wet and dry gains (smoothed), mixed into the block. */
  private mixOut(left: Float32Array, right: Float32Array, stereo: boolean, length: number): void {
    const wetL = this.wetLeft;
    const wetR = this.wetRight;
    const scale = this.outputScale;
    const widthRamp = this.width;
    const wetRamp = this.wetGain;
    const dryRamp = this.dryGain;
    const ramping = widthRamp.isRamping || wetRamp.isRamping || dryRamp.isRamping;
    let width = widthRamp.value;
    let wet = wetRamp.value * scale;
    let dry = dryRamp.value;
    const dc = this.dcState;
    const pole = this.dcPole;
    let xL1 = dc[4];
    let yL1 = dc[5];
    let xR1 = dc[6];
    let yR1 = dc[7];
    for (let i = 0; i < length; i++) {
      if (ramping) {
        width = widthRamp.next();
        wet = wetRamp.next() * scale;
        dry = dryRamp.next();
      }
      const xL = wetL[i];
      const xR = wetR[i];
      const nL = flush(xL - xL1 + pole * yL1);
      const nR = flush(xR - xR1 + pole * yR1);
      xL1 = xL;
      yL1 = nL;
      xR1 = xR;
      yR1 = nR;
      const mid = 0.5 * (nL + nR);
      const side = 0.5 * width * (nL - nR);
      if (stereo) {
        left[i] = dry * left[i] + wet * flush(mid + side);
        right[i] = dry * right[i] + wet * flush(mid - side);
      } else {
        left[i] = dry * left[i] + wet * flush(mid);
      }
    }
    dc[4] = xL1;
    dc[5] = yL1;
    dc[6] = xR1;
    dc[7] = yR1;
  }

  /**
   * DC blocker and pre-delay: the dry input → the diffusers' input. The whole block is
   * written into the pre-delay lines before any of it is read; the lines hold the longest
   * pre-delay plus a block (allocate), so no read finds a slot already overwritten.
   */
  private preDelayInto(
    left: Float32Array,
    right: Float32Array,
    outL: Float64Array,
    outR: Float64Array,
    length: number,
  ): void {
    const lines = this.preDelayBuffer;
    const mask = this.preDelayMask;
    const size = mask + 1;
    const w0 = this.preDelayWrite;
    const dc = this.dcState;
    const pole = this.dcPole;
    let xL1 = dc[0];
    let yL1 = dc[1];
    let xR1 = dc[2];
    let yR1 = dc[3];
    for (let i = 0; i < length; i++) {
      const xL = left[i];
      const xR = right[i];
      // DC blocker y = x − x[n−1] + p·y[n−1] (a zero at DC, a pole just inside).
      const yL = flush(xL - xL1 + pole * yL1);
      const yR = flush(xR - xR1 + pole * yR1);
      xL1 = xL;
      yL1 = yL;
      xR1 = xR;
      yR1 = yR;
      const at = (w0 + i) & mask;
      lines[at] = yL;
      lines[size + at] = yR;
    }
    dc[0] = xL1;
    dc[1] = yL1;
    dc[2] = xR1;
    dc[3] = yR1;
    this.preDelayWrite = (w0 + length) & mask;
    // Frame i was written at w0 + i; a delay of d samples reads w0 + i − d.
    const tap = this.preDelay;
    if (tap.steady) {
      const start = w0 - tap.from;
      for (let i = 0; i < length; i++) {
        const at = (start + i) & mask;
        outL[i] = lines[at];
        outR[i] = lines[size + at];
      }
      return;
    }
    for (let i = 0; i < length; i++) {
      const w = tap.next();
      const from = (w0 + i - tap.from) & mask;
      let pL = lines[from];
      let pR = lines[size + from];
      if (w !== 0) {
        const to = (w0 + i - tap.to) & mask;
        pL += w * (lines[to] - pL);
        pR += w * (lines[size + to] - pR);
      }
      outL[i] = pL;
      outR[i] = pR;
    }
  }
}

/** flushTiny with one comparison on |v| (V8 compiles the two-sided test to slower code). */
function flush(v: number): number {
  return Math.abs(v) < FLUSH ? 0 : v;
}

export const reverbProcessor = defineProcessor({
  type: 'reverb',
  name: 'Reverb',
  description:
    'Algorithmic reverb (16-line feedback delay network): room, plate and hall presets, RT60 set exactly.',
  params,
  create: (values) => new ReverbProcessor(params, values),
});
