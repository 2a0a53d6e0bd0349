import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { bool, num } from '../params.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { WholeSampleDelay } from '../whole-sample-delay.js';
import { LookaheadGain } from './lookahead-gain.js';
import { TruePeakDetector } from './true-peak-detector.js';

const MAX_LOOKAHEAD_MS = 10;

const params = {
  ceilingDbtp: num({
    name: 'Ceiling',
    unit: 'dB',
    min: -12,
    max: 0,
    default: -1,
    smoothingMs: 0,
    description: 'true-peak ceiling (dBTP) the output never exceeds',
  }),
  lookaheadMs: num({
    name: 'Look-ahead',
    unit: 'ms',
    min: 0.5,
    max: MAX_LOOKAHEAD_MS,
    default: 2,
    smoothingMs: 0,
    automatable: false,
    description: 'time the gain takes to come down before a peak (sets the latency)',
  }),
  releaseMs: num({
    name: 'Release',
    unit: 'ms',
    min: 1,
    max: 2000,
    default: 100,
    scale: 'log',
    smoothingMs: 0,
    description: 'time constant of the recovery after a peak (gain reduction in dB falls by 1/e)',
  }),
  adaptiveRelease: bool({
    name: 'Adaptive release',
    default: true,
    description:
      'release between half and twice the set time: shorter after isolated peaks, longer under sustained reduction',
  }),
  inputGainDb: num({
    name: 'Input gain',
    unit: 'dB',
    min: -12,
    max: 24,
    default: 0,
    description: 'gain into the limiter (how hard it is pushed)',
  }),
  stereoLink: bool({
    name: 'Stereo link',
    default: true,
    description: 'one gain for every channel (keeps the image); off: each channel limits alone',
  }),
};

/** Extra frames of full reduction on each side of the span a peak estimate covers. */
const PLATEAU_GUARD = 2;

/**
 * True-peak look-ahead limiter.
 *
 * Side chain: the (input-gained) signal is oversampled 8× and its inter-sample peaks estimated
 * (true-peak-detector.ts); each frame asks for the log gain ℓt = min(0, ln(c′/p)), with c′ the
 * ceiling lowered by the detector's worst-case under-read. The gain computer
 * (lookahead-gain.ts) holds, releases and smooths those targets so that the gain reaches each
 * peak's requirement before the peak and keeps it over the peak's neighbourhood.
 *
 * Audio path: the input is delayed by L = S − 1 + lowOffset + guard frames (S: look-ahead in
 * frames) and multiplied by the gain at the base rate, so nothing but the gain touches it: when
 * no reduction is needed, the output is the input delayed by L, bit for bit. With the delay and
 * hold chosen as below, the gain at every base sample from (peak span − guard) to
 * (peak span + guard) is at most what that peak needs.
 *
 * Changing the look-ahead or the stereo link clears the state (and the look-ahead changes the
 * latency). Lowering the ceiling while audio runs applies to peaks entering the look-ahead from
 * then on: the L frames already inside it were limited to the old ceiling.
 */
class LimiterProcessor extends ProcessorBase<typeof params> {
  private detector: TruePeakDetector | undefined;
  private delay: WholeSampleDelay | undefined;
  private envelopes: LookaheadGain[] = [];
  private readonly inputGain = new LinearRamp(1);
  private gainFrames = new Float64Array(0);
  private gained: Float64Array[] = [];
  private peaks: Float64Array[] = [];
  private logCeiling = 0;
  private ceiling = 1;
  private smoothing = 0;
  private linked: boolean | undefined;

  protected allocate(spec: ProcessSpec): void {
    const detector = new TruePeakDetector(spec.channels, spec.maxBlockSize);
    this.detector = detector;
    const maxSmoothing = Math.round((MAX_LOOKAHEAD_MS / 1000) * spec.sampleRate);
    const { maxHold, latency } = this.lengths(maxSmoothing);
    this.delay = new WholeSampleDelay(spec.channels, latency);
    this.envelopes = Array.from(
      { length: spec.channels },
      () => new LookaheadGain(maxSmoothing, maxHold),
    );
    this.gainFrames = new Float64Array(spec.maxBlockSize);
    this.gained = Array.from({ length: spec.channels }, () => new Float64Array(spec.maxBlockSize));
    this.peaks = Array.from({ length: spec.channels }, () => new Float64Array(spec.maxBlockSize));
    this.smoothing = 0;
    this.linked = undefined;
  }

  /** Hold and latency for a smoothing support of `smoothing` frames (see the class comment). */
  private lengths(smoothing: number): { maxHold: number; latency: number } {
    const d = this.detector as TruePeakDetector;
    const latency = smoothing - 1 + d.lowOffset + PLATEAU_GUARD;
    const maxHold = smoothing + d.lowOffset - d.highOffset + 2 * PLATEAU_GUARD;
    return { maxHold, latency };
  }

  protected onParamsChanged(): void {
    const detector = this.detector as TruePeakDetector;
    const v = this.values;
    const smoothing = Math.max(2, Math.round((v.lookaheadMs / 1000) * this.sampleRate));
    if (smoothing !== this.smoothing || v.stereoLink !== this.linked) {
      this.smoothing = smoothing;
      this.linked = v.stereoLink;
      const { maxHold, latency } = this.lengths(smoothing);
      for (const e of this.envelopes) e.setLengths(smoothing, maxHold);
      this.delay?.setDelay(latency);
      this.latency = latency;
    }
    for (const e of this.envelopes) e.setRelease(v.releaseMs, v.adaptiveRelease, this.sampleRate);
    this.ceiling = dbToGain(v.ceilingDbtp) / detector.underReadGain;
    this.logCeiling = Math.log(this.ceiling);
    this.inputGain.setTarget(
      dbToGain(v.inputGainDb),
      (params.inputGainDb.smoothingMs / 1000) * this.sampleRate,
    );
  }

  reset(): void {
    this.detector?.reset();
    this.delay?.reset();
    for (const e of this.envelopes) e.reset();
    this.inputGain.setImmediate(dbToGain(this.values.inputGainDb));
  }

  process(block: AudioBlock): void {
    const detector = this.detector as TruePeakDetector;
    const delay = this.delay as WholeSampleDelay;
    const n = block.length;
    const channels = block.channels.length;
    const { gainFrames, gained, peaks, logCeiling, ceiling } = this;
    for (let i = 0; i < n; i++) gainFrames[i] = this.inputGain.next();
    for (let c = 0; c < channels; c++) {
      const data = block.channels[c];
      const x = gained[c];
      for (let i = 0; i < n; i++) x[i] = data[i] * gainFrames[i];
      detector.detect(c, x, n, peaks[c]);
      delay.process(c, x, n, x);
    }
    if (this.linked) {
      const envelope = this.envelopes[0];
      for (let i = 0; i < n; i++) {
        let peak = 0;
        for (let c = 0; c < channels; c++) if (peaks[c][i] > peak) peak = peaks[c][i];
        const logGain = envelope.next(logTarget(peak, ceiling, logCeiling));
        const g = logGain === 0 ? 1 : Math.exp(logGain);
        for (let c = 0; c < channels; c++) block.channels[c][i] = g * gained[c][i];
      }
      return;
    }
    for (let c = 0; c < channels; c++) {
      const envelope = this.envelopes[c];
      const p = peaks[c];
      const x = gained[c];
      const data = block.channels[c];
      for (let i = 0; i < n; i++) {
        const logGain = envelope.next(logTarget(p[i], ceiling, logCeiling));
        data[i] = logGain === 0 ? x[i] : Math.exp(logGain) * x[i];
      }
    }
  }
}

/** ln of the gain that brings `peak` down to the ceiling; 0 when it is already below. */
function logTarget(peak: number, ceiling: number, logCeiling: number): number {
  return peak > ceiling ? logCeiling - Math.log(peak) : 0;
}

export const limiterProcessor = defineProcessor({
  type: 'limiter',
  name: 'True-peak limiter',
  description:
    'Look-ahead limiter whose output true peak (8× oversampled detection) stays under the ceiling.',
  params,
  create: (values) => new LimiterProcessor(params, values),
});
