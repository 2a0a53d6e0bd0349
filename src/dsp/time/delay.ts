import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { nextPowerOfTwo } from '../../core/fft.js';
import { bool, choice, num, type ParamValues } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { FeedbackFilter } from './feedback-filter.js';
import { FLUSH_FLOOR } from './flush.js';
import { NOTE_VALUES, noteDurationMs } from './note-values.js';
import { TapCrossfade } from './tap-crossfade.js';

/** Longest delay, also for slow tempos with long synced notes (clamped to it). */
export const MAX_DELAY_MS = 10000;
/** Time changes crossfade between two taps over this long (no click, no pitch glide). */
const TIME_FADE_MS = 50;
const GAIN_SMOOTHING_MS = 20;
const FILTER_GLIDE_MS = 50;
/** Repeats below this (relative to the first) count as ended, for `tailSamples`. */
const TAIL_FLOOR_DB = -90;
const FLUSH = FLUSH_FLOOR;

const params = {
  timeMs: num({
    name: 'Time',
    unit: 'ms',
    min: 1,
    max: 5000,
    default: 375,
    scale: 'log',
    smoothingMs: TIME_FADE_MS,
    description:
      'delay time when note is off, rounded to the nearest sample; changes crossfade over 50 ms',
  }),
  note: choice({
    name: 'Tempo sync',
    choices: NOTE_VALUES,
    default: 'off',
    description:
      "note value at the session tempo (quarter note = 60000/tempo ms; '.' dotted ×1.5, 'T' triplet ×2/3), at most 10 s; 'off' uses timeMs",
  }),
  feedbackPercent: num({
    name: 'Feedback',
    unit: '%',
    min: 0,
    max: 98,
    default: 35,
    smoothingMs: GAIN_SMOOTHING_MS,
    description:
      'each repeat relative to the one before: 20·log10(feedback/100) dB per repeat where the tone filters pass',
  }),
  pingPong: bool({
    name: 'Ping-pong',
    default: false,
    description:
      'stereo: the mono sum enters on the left and each repeat crosses to the other side (L, R, L …)',
  }),
  lowCutHz: num({
    name: 'Low cut',
    unit: 'Hz',
    min: 20,
    max: 2000,
    default: 80,
    scale: 'log',
    smoothingMs: FILTER_GLIDE_MS,
    description: '12 dB/oct high-pass inside the feedback loop: each repeat loses more bass',
  }),
  highCutHz: num({
    name: 'High cut',
    unit: 'Hz',
    min: 1000,
    max: 20000,
    default: 12000,
    scale: 'log',
    smoothingMs: FILTER_GLIDE_MS,
    description: '12 dB/oct low-pass inside the feedback loop: each repeat gets darker',
  }),
  mix: num({
    name: 'Mix',
    unit: '%',
    min: 0,
    max: 100,
    default: 30,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'dry/wet balance: output = (1 − mix)·dry + mix·echoes',
  }),
  widthPercent: num({
    name: 'Width',
    unit: '%',
    min: 0,
    max: 100,
    default: 100,
    smoothingMs: GAIN_SMOOTHING_MS,
    description: 'stereo width of the echoes (side level): 0 = mono echoes, 100 = as produced',
  }),
};

type Values = ParamValues<typeof params>;

/** Delay time in ms for the values at a tempo: the synced note, or `timeMs`. */
export function delayTimeMs(values: Pick<Values, 'note' | 'timeMs'>, tempoBpm: number): number {
  if (values.note === 'off') return values.timeMs;
  return Math.min(MAX_DELAY_MS, noteDurationMs(values.note, tempoBpm));
}

/**
 * Feedback delay. Per channel, one delay line; per frame: read the echo, feed back
 * input + feedback·tone(echo). The first echo is the input, unfiltered, exactly
 * round(time·fs/1000) samples late; every later repeat passes the tone filters once more.
 * Ping-pong (stereo) writes the mono sum into the left line only and crosses the feedback,
 * so repeats alternate L, R, L … Channels beyond the first two run their own loops.
 */
class DelayProcessor extends ProcessorBase<typeof params> {
  /** One circular Float32 line per channel (power-of-two size), one shared write index. */
  private lines: Float32Array[] = [];
  private mask = 0;
  private writeIndex = 0;
  private echoes = new Float64Array(0);
  /** One block of echoes per channel, for the width mix of the steady path. */
  private echoBlock: Float64Array[] = [];
  private filter: FeedbackFilter | undefined;
  private tap = new TapCrossfade(1, 1);
  private readonly feedback = new LinearRamp(0);
  private readonly wet = new LinearRamp(0);
  private readonly width = new LinearRamp(1);

  protected allocate(spec: ProcessSpec): void {
    const maxSamples = Math.ceil((MAX_DELAY_MS / 1000) * spec.sampleRate) + 1;
    const size = nextPowerOfTwo(maxSamples + 1);
    this.lines = Array.from({ length: spec.channels }, () => new Float32Array(size));
    this.mask = size - 1;
    this.writeIndex = 0;
    this.echoes = new Float64Array(spec.channels);
    this.echoBlock = Array.from(
      { length: Math.min(spec.channels, 2) },
      () => new Float64Array(spec.maxBlockSize),
    );
    this.filter = new FeedbackFilter(spec.channels, spec.sampleRate, FILTER_GLIDE_MS);
    this.filter.setCutoffs(this.values.lowCutHz, this.values.highCutHz, false);
    this.tap = new TapCrossfade(this.delaySamples(), (TIME_FADE_MS / 1000) * spec.sampleRate);
  }

  /** The delay in whole samples (at least 1, as a feedback loop needs). */
  private delaySamples(): number {
    const ms = delayTimeMs(this.values, this.spec?.tempoBpm ?? 120);
    return Math.max(1, Math.round((ms / 1000) * this.sampleRate));
  }

  protected onParamsChanged(): void {
    const v = this.values;
    const ramp = (GAIN_SMOOTHING_MS / 1000) * this.sampleRate;
    this.tap.setTarget(this.delaySamples());
    this.feedback.setTarget(v.feedbackPercent / 100, ramp);
    this.wet.setTarget(v.mix / 100, ramp);
    this.width.setTarget(v.widthPercent / 100, ramp);
    this.filter?.setCutoffs(v.lowCutHz, v.highCutHz, true);
    // Repeats fall by 20·log10(g) dB each: count them down to the floor (≥ one echo).
    const g = v.feedbackPercent / 100;
    const repeats = g > 0 ? Math.ceil(TAIL_FLOOR_DB / (20 * Math.log10(g))) : 0;
    this.tailSamples = (repeats + 1) * Math.max(this.tap.target, this.tap.from);
  }

  reset(): void {
    const v = this.values;
    for (const line of this.lines) line.fill(0);
    this.writeIndex = 0;
    this.filter?.reset();
    this.filter?.setCutoffs(v.lowCutHz, v.highCutHz, false);
    this.tap.jumpTo(this.delaySamples());
    this.feedback.setImmediate(v.feedbackPercent / 100);
    this.wet.setImmediate(v.mix / 100);
    this.width.setImmediate(v.widthPercent / 100);
  }

  process(block: AudioBlock): void {
    const filter = this.filter;
    if (!filter) return;
    const pingPong = this.values.pingPong && block.channels.length >= 2;
    const steady =
      this.tap.steady &&
      !this.feedback.isRamping &&
      !this.wet.isRamping &&
      !this.width.isRamping &&
      !filter.gliding;
    if (steady && !pingPong) this.processSteady(block, filter);
    else this.processFrames(block, filter, pingPong);
  }

  /**
   * Nothing moving and no ping-pong: every channel is its own loop, run channel by
   * channel with the delay, gains and filter state in local variables (the same
   * arithmetic, sample for sample, as processFrames). Only the width mix couples the
   * channels; it runs afterwards on the echoes kept for the block.
   */
  private processSteady(block: AudioBlock, filter: FeedbackFilter): void {
    const { channels, length } = block;
    const count = channels.length;
    const mask = this.mask;
    const delay = this.tap.from;
    const g = this.feedback.value;
    const wet = this.wet.value;
    const dry = 1 - wet;
    const width = this.width.value;
    const mixWidth = count >= 2 && width !== 1;
    const [hp, lp] = filter.sections;
    const state = filter.state;
    const w0 = this.writeIndex;
    for (let c = 0; c < count; c++) {
      const line = this.lines[c];
      const data = channels[c];
      const echoes = mixWidth && c < 2 ? this.echoBlock[c] : undefined;
      const k = 4 * c;
      let h1 = state[k];
      let h2 = state[k + 1];
      let l1 = state[k + 2];
      let l2 = state[k + 3];
      let w = w0;
      for (let i = 0; i < length; i++) {
        const echo = line[(w - delay) & mask];
        // FeedbackFilter.process written out: high-pass, then low-pass (TDF II).
        const a = hp.b0 * echo + h1;
        h1 = hp.b1 * echo - hp.a1 * a + h2;
        h2 = hp.b2 * echo - hp.a2 * a;
        const y = lp.b0 * a + l1;
        l1 = lp.b1 * a - lp.a1 * y + l2;
        l2 = lp.b2 * a - lp.a2 * y;
        const x = data[i];
        line[w] = flush(x + g * y);
        w = (w + 1) & mask;
        if (echoes) echoes[i] = echo;
        else data[i] = dry * x + wet * echo;
      }
      state[k] = h1;
      state[k + 1] = h2;
      state[k + 2] = l1;
      state[k + 3] = l2;
    }
    this.writeIndex = (w0 + length) & mask;
    if (!mixWidth) return;
    const [left, right] = channels;
    const [echoL, echoR] = this.echoBlock;
    for (let i = 0; i < length; i++) {
      const mid = 0.5 * (echoL[i] + echoR[i]);
      const side = 0.5 * width * (echoL[i] - echoR[i]);
      left[i] = dry * left[i] + wet * flush(mid + side);
      right[i] = dry * right[i] + wet * flush(mid - side);
    }
  }

  /** Frame by frame: time crossfades, gain ramps, filter glides, ping-pong. */
  private processFrames(block: AudioBlock, filter: FeedbackFilter, pingPong: boolean): void {
    const { channels, length } = block;
    const lines = this.lines;
    const mask = this.mask;
    const echoes = this.echoes;
    const count = channels.length;
    const tap = this.tap;
    let w = this.writeIndex;
    for (let i = 0; i < length; i++) {
      const fade = tap.next();
      const g = this.feedback.next();
      const wet = this.wet.next();
      const width = this.width.next();
      filter.tick();
      for (let c = 0; c < count; c++) {
        const line = lines[c];
        const a = line[(w - tap.from) & mask];
        echoes[c] = fade === 0 ? a : flush(a + fade * (line[(w - tap.to) & mask] - a));
      }
      let first = 0;
      if (pingPong) {
        const left = channels[0][i];
        const right = channels[1][i];
        lines[0][w] = flush(0.5 * (left + right) + g * filter.process(0, echoes[1]));
        lines[1][w] = flush(g * filter.process(1, echoes[0]));
        first = 2;
      }
      for (let c = first; c < count; c++) {
        lines[c][w] = flush(channels[c][i] + g * filter.process(c, echoes[c]));
      }
      w = (w + 1) & mask;
      if (count >= 2 && width !== 1) {
        const mid = 0.5 * (echoes[0] + echoes[1]);
        const side = 0.5 * width * (echoes[0] - echoes[1]);
        // Flushed: near-cancelling sides of a dying tail could leave a subnormal.
        echoes[0] = flush(mid + side);
        echoes[1] = flush(mid - side);
      }
      const dry = 1 - wet;
      for (let c = 0; c < count; c++) channels[c][i] = dry * channels[c][i] + wet * echoes[c];
    }
    this.writeIndex = w;
  }
}

/** flushTiny with one comparison on |v| (V8 compiles the two-sided test to slower code). */
function flush(v: number): number {
  return Math.abs(v) < FLUSH ? 0 : v;
}

export const delayProcessor = defineProcessor({
  type: 'delay',
  name: 'Delay',
  description:
    'Feedback echo, free or tempo-synced, with ping-pong and tone filters in the feedback loop.',
  params,
  create: (values) => new DelayProcessor(params, values),
});
