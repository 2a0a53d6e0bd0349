import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { choice, num, type ParamValues } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { DelayLine } from './delay-line.js';
import { FDN_LINES, FeedbackDelayNetwork } from './fdn.js';
import { fdnDelayLengths } from './fdn-lengths.js';
import { flushTiny } from './flush.js';
import { PRESET_CHARACTER, REVERB_PRESETS, type ReverbCharacter } from './reverb-presets.js';
import { SchroederAllpass } from './schroeder-allpass.js';
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
/** High-pass corner of the input DC blocker: a long low-frequency decay must not pile up DC. */
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
 * (fdn.ts) → stereo taps → width → dry/wet mix. Decay (RT60) is exact by construction
 * (Jot & Chaigne gains); size changes only the echo pattern.
 *
 * Mono tracks feed the one channel into both network inputs and hear the mean of the two
 * outputs. Channels beyond two pass dry. The wet level is normalised by √(mean line
 * length): a bigger room spreads the same energy over more delay memory, and without this
 * it would sound quieter than a small one at the same decay.
 */
class ReverbProcessor extends ProcessorBase<typeof params> {
  private network: FeedbackDelayNetwork | undefined;
  private diffusers: SchroederAllpass[][] = [];
  private preDelayLines: DelayLine[] = [];
  private preDelay = new TapCrossfade(0, 1);
  /** DC blocker state per input: [x1, y1]. */
  private readonly dcState = new Float64Array(4);
  private dcPole = 0;
  private outputScale = 1;
  private readonly dryGain = new LinearRamp(0);
  private readonly wetGain = new LinearRamp(0);
  private readonly width = new LinearRamp(1);

  protected allocate(spec: ProcessSpec): void {
    const fs = spec.sampleRate;
    const longestMs = SHORTEST_LINE_MS * SIZE_RANGE * LINE_SPREAD * LINE_MARGIN;
    const lineSamples = Math.ceil(((longestMs + MAX_MODULATION_MS) / 1000) * fs) + 4;
    this.network = new FeedbackDelayNetwork(lineSamples, fs);
    const maxDiffuser = Math.ceil((DIFFUSER_MS[0][0] * Math.sqrt(SIZE_RANGE) * fs) / 1000) + 1;
    this.diffusers = DIFFUSER_MS.map((row) => row.map(() => new SchroederAllpass(maxDiffuser)));
    const maxPreDelay = Math.ceil((MAX_PRE_DELAY_MS / 1000) * fs) + 1;
    this.preDelayLines = [new DelayLine(maxPreDelay), new DelayLine(maxPreDelay)];
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
      this.diffusers[channel].forEach((allpass, k) => {
        allpass.setDelay((DIFFUSER_MS[channel][k] * diffuserScale * fs) / 1000);
        allpass.gain = (DIFFUSER_GAIN[k] * c.diffusion) / 100;
      });
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
    for (const row of this.diffusers) for (const allpass of row) allpass.clear();
    for (const line of this.preDelayLines) line.clear();
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
    const dc = this.dcState;
    const pole = this.dcPole;
    const lineL = this.preDelayLines[0];
    const lineR = this.preDelayLines[1];
    const diffL = this.diffusers[0];
    const diffR = this.diffusers[1];
    const tap = this.preDelay;
    const scale = this.outputScale;
    for (let i = 0; i < length; i++) {
      const xL = left[i];
      const xR = right[i];
      // DC blocker y = x − x[n−1] + p·y[n−1] (a zero at DC, a pole just inside).
      const yL = flushTiny(xL - dc[0] + pole * dc[1]);
      dc[0] = xL;
      dc[1] = yL;
      const yR = flushTiny(xR - dc[2] + pole * dc[3]);
      dc[2] = xR;
      dc[3] = yR;
      // Pre-delay (age d + 1 after writing = a delay of d samples).
      lineL.write(yL);
      lineR.write(yR);
      const w = tap.next();
      let pL = lineL.read(tap.from + 1);
      let pR = lineR.read(tap.from + 1);
      if (w !== 0) {
        pL += w * (lineL.read(tap.to + 1) - pL);
        pR += w * (lineR.read(tap.to + 1) - pR);
      }
      for (let k = 0; k < diffL.length; k++) {
        pL = diffL[k].process(pL);
        pR = diffR[k].process(pR);
      }
      network.tick(pL, pR);
      const width = this.width.next();
      const mid = 0.5 * (network.left + network.right);
      const side = 0.5 * width * (network.left - network.right);
      const wet = this.wetGain.next() * scale;
      const dry = this.dryGain.next();
      if (stereo) {
        left[i] = dry * xL + wet * flushTiny(mid + side);
        right[i] = dry * xR + wet * flushTiny(mid - side);
      } else {
        left[i] = dry * xL + wet * flushTiny(mid);
      }
    }
  }
}

export const reverbProcessor = defineProcessor({
  type: 'reverb',
  name: 'Reverb',
  description:
    'Algorithmic reverb (16-line feedback delay network): room, plate and hall presets, RT60 set exactly.',
  params,
  create: (values) => new ReverbProcessor(params, values),
});
