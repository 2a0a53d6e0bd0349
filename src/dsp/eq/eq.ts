import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import {
  type BandDesign,
  BandDesigner,
  COMPLETE_DESIGN,
  MAX_STAGES_PER_BAND,
} from './band-design.js';
import { sectionsForSlope } from './butterworth.js';
import { type EqParams, eqParams } from './eq-params.js';
import { LinearPhaseConvolver, linearPhaseDesignSize } from './linear-phase.js';
import {
  COEFFICIENTS_PER_STAGE,
  DENORMAL_GUARD,
  isFourthOrder,
  keepDeepHistory,
  runFourthOrderMono,
  runFourthOrderStereo,
  runSecondOrderMono,
  runSecondOrderStereo,
  STATE_PER_STAGE,
  stageMagnitudeSquared,
} from './section-runner.js';

const MAX_BANDS = eqParams.bands.maxItems;
const MAX_STAGES = MAX_BANDS * MAX_STAGES_PER_BAND;
/**
 * While parameters move, coefficients are recomputed every CONTROL_PERIOD samples, at
 * multiples of it counted from the last reset, so the output does not depend on how the
 * host cuts blocks (the contract's bit-exact block-size test).
 */
export const CONTROL_PERIOD = 32;
/**
 * Fit iterations per band per control period while a band's correction is being fitted
 * (band-design.ts), so that designing for a parameter change is spread over control periods
 * (a tracking design costs ~10–40 µs on the test machine) rather than landing in one block
 * (a complete design: median 20 µs, up to ~1–2 ms for a 48 dB/oct lowpass). reset()
 * designs to completion at once; so does a change of a band's structure while it moves, a
 * rare event (band-design.ts).
 */
const ITERATIONS_PER_PERIOD = 2;
/** State is flushed of near-denormal values at multiples of this, for the same reason. */
const FLUSH_PERIOD = 4096;

/** The parametric EQ: up to 8 bands of matched IIR sections, or their linear-phase twin. */
export class EqProcessor extends ProcessorBase<EqParams> {
  /** One designer per band: each keeps its own scratch. */
  private readonly designers = Array.from({ length: MAX_BANDS }, () => new BandDesigner());
  private readonly coefficients = new Float64Array(MAX_STAGES * COEFFICIENTS_PER_STAGE);
  private readonly sectionCount = new Int32Array(MAX_BANDS);
  private readonly bandActive = new Uint8Array(MAX_BANDS);
  /** The stages in chain order, and per stage whether it is fourth-order. */
  private readonly active = new Int32Array(MAX_STAGES);
  private readonly fourthOrder = new Uint8Array(MAX_STAGES);
  private activeCount = 0;
  /** 1 for stages in the chain (their state is live). */
  private readonly live = new Uint8Array(MAX_STAGES);
  /** A band's first stage's history before a block (keepDeepHistory), per channel. */
  private readonly before = new Float64Array(2 * STATE_PER_STAGE);
  private state = new Float64Array(0);
  // Smoothed per band: frequency as log2(Hz), gain in dB, Q as log2(Q).
  private readonly logFreq = Array.from({ length: MAX_BANDS }, () => new LinearRamp(10));
  private readonly gainDb = Array.from({ length: MAX_BANDS }, () => new LinearRamp(0));
  private readonly logQ = Array.from({ length: MAX_BANDS }, () => new LinearRamp(-0.5));
  private readonly outputGain = new LinearRamp(1);
  private readonly band: BandDesign = {
    type: 'bell',
    freqHz: 1000,
    gainDb: 0,
    q: 1,
    butterworthSections: 1,
  };
  private counter = 0;
  private needsControl = false;
  private discreteChanged = false;
  private convolver: LinearPhaseConvolver | undefined;
  private magnitude = new Float64Array(0);
  private firDirty = false;

  protected allocate(spec: ProcessSpec): void {
    this.state = new Float64Array(spec.channels * MAX_STAGES * STATE_PER_STAGE);
    const size = linearPhaseDesignSize(spec.sampleRate);
    this.convolver = new LinearPhaseConvolver(size, spec.channels);
    this.magnitude = new Float64Array(size / 2 + 1);
    this.updateLatency();
  }

  private updateLatency(): void {
    const linear = this.values.phase === 'linear' && this.convolver !== undefined;
    this.latency = linear ? this.convolver!.latency : 0;
  }

  protected onParamsChanged(): void {
    const rampSamples = (eqParams.bands.items.freqHz.smoothingMs / 1000) * this.sampleRate;
    const bands = this.values.bands;
    for (let b = 0; b < MAX_BANDS; b++) {
      const v = bands[b];
      if (!v) continue;
      this.logFreq[b].setTarget(Math.log2(v.freqHz), rampSamples);
      this.gainDb[b].setTarget(v.gainDb, rampSamples);
      this.logQ[b].setTarget(Math.log2(v.q), rampSamples);
    }
    this.outputGain.setTarget(dbToGain(this.values.outputGainDb), rampSamples);
    this.discreteChanged = true;
    this.needsControl = true;
    this.updateLatency();
  }

  reset(): void {
    const bands = this.values.bands;
    for (let b = 0; b < MAX_BANDS; b++) {
      const v = bands[b];
      if (!v) continue;
      this.logFreq[b].setImmediate(Math.log2(v.freqHz));
      this.gainDb[b].setImmediate(v.gainDb);
      this.logQ[b].setImmediate(Math.log2(v.q));
    }
    this.outputGain.setImmediate(dbToGain(this.values.outputGainDb));
    this.state.fill(0);
    this.live.fill(0);
    this.activeCount = 0;
    this.counter = 0;
    this.discreteChanged = true;
    for (const d of this.designers) d.reset();
    this.redesign(0, true);
    this.needsControl = false;
    if (this.convolver) {
      this.computeMagnitude();
      this.convolver.setMagnitude(this.magnitude, true);
      this.convolver.reset();
      this.firDirty = false;
    }
  }

  /**
   * Advances ramps by `step` samples and recomputes the sections of bands that moved, or
   * whose correction is still being fitted (all of it at once if `complete`).
   */
  private redesign(step: number, complete: boolean): void {
    const bands = this.values.bands;
    const budget = complete ? COMPLETE_DESIGN : ITERATIONS_PER_PERIOD;
    let moving = false;
    let changed = this.discreteChanged;
    for (let b = 0; b < MAX_BANDS; b++) {
      const v = bands[b];
      const wasActive = this.bandActive[b] === 1;
      if (!v?.enabled) {
        this.bandActive[b] = 0;
        if (wasActive) changed = true;
        continue;
      }
      const f = this.logFreq[b];
      const g = this.gainDb[b];
      const q = this.logQ[b];
      const ramping = f.isRamping || g.isRamping || q.isRamping;
      if (step > 0 && ramping) {
        f.skip(step);
        g.skip(step);
        q.skip(step);
      }
      moving ||= f.isRamping || g.isRamping || q.isRamping;
      const designer = this.designers[b];
      const offset = b * MAX_STAGES_PER_BAND * COEFFICIENTS_PER_STAGE;
      if (!ramping && !this.discreteChanged) {
        if (designer.refining && this.bandActive[b] === 1) {
          this.sectionCount[b] = designer.refine(this.coefficients, offset, budget);
          moving ||= designer.refining;
          changed = true;
        }
        continue;
      }
      const design = this.band;
      design.type = v.type;
      design.freqHz = 2 ** f.value;
      design.gainDb = g.value;
      design.q = 2 ** q.value;
      design.butterworthSections = sectionsForSlope(Number(v.slopeDbPerOct));
      // A bell or shelf at exactly 0 dB is the identity: skip it (costs nothing).
      const flat =
        (v.type === 'bell' || v.type === 'lowshelf' || v.type === 'highshelf') &&
        design.gainDb === 0;
      changed = true;
      if (flat) {
        this.bandActive[b] = 0;
        continue;
      }
      // Settings still moving are tracked; the last step of a ramp designs them as settled.
      const tracking = f.isRamping || g.isRamping || q.isRamping;
      this.sectionCount[b] = designer.design(
        design,
        this.sampleRate,
        this.coefficients,
        offset,
        budget,
        tracking,
      );
      moving ||= designer.refining;
      this.bandActive[b] = 1;
    }
    moving ||= this.outputGain.isRamping;
    this.discreteChanged = false;
    this.needsControl = moving;
    if (changed) {
      this.rebuildActiveList();
      this.firDirty = true;
    }
  }

  /**
   * Lists the stages in chain order. A stage joining the chain (a band switched on, a steeper
   * slope) starts with the history of the signal at its place in the chain as both its input
   * and output history, as if it had been running as an identity: nothing jumps. Stages
   * leaving the chain are cleared.
   */
  private rebuildActiveList(): void {
    let n = 0;
    const c = this.coefficients;
    for (let b = 0; b < MAX_BANDS; b++) {
      if (this.bandActive[b] !== 1) continue;
      for (let s = 0; s < this.sectionCount[b]; s++) {
        const stage = b * MAX_STAGES_PER_BAND + s;
        this.fourthOrder[n] = isFourthOrder(c, stage * COEFFICIENTS_PER_STAGE) ? 1 : 0;
        this.active[n++] = stage;
      }
    }
    this.activeCount = n;
    const channels = this.spec?.channels ?? 0;
    const state = this.state;
    // The EQ's input history: the input side of the first stage already running.
    let source = -1;
    for (let i = 0; i < n && source < 0; i++) if (this.live[this.active[i]] === 1) source = i;
    let upstream = -1; // stage whose output history feeds the next one
    for (let i = 0; i < n; i++) {
      const stage = this.active[i];
      if (this.live[stage] !== 1) {
        for (let ch = 0; ch < channels; ch++) {
          const o = (ch * MAX_STAGES + stage) * STATE_PER_STAGE;
          let from = -1;
          if (upstream >= 0) from = (ch * MAX_STAGES + upstream) * STATE_PER_STAGE + 4;
          else if (source >= 0) from = (ch * MAX_STAGES + this.active[source]) * STATE_PER_STAGE;
          for (let j = 0; j < 4; j++) {
            const h = from >= 0 ? state[from + j] : 0;
            state[o + j] = h;
            state[o + 4 + j] = h;
          }
        }
      }
      upstream = stage;
    }
    const live = this.live;
    for (let stage = 0; stage < MAX_STAGES; stage++) if (live[stage] === 1) live[stage] = 2;
    for (let i = 0; i < n; i++) live[this.active[i]] = 1;
    for (let stage = 0; stage < MAX_STAGES; stage++) {
      if (live[stage] !== 2) continue;
      live[stage] = 0;
      for (let ch = 0; ch < channels; ch++) {
        const o = (ch * MAX_STAGES + stage) * STATE_PER_STAGE;
        state.fill(0, o, o + STATE_PER_STAGE);
      }
    }
  }

  /**
   * The magnitude of the EQ's current response at `frequencyHz`, in dB, output gain included
   * (for drawing the curve; the linear-phase mode has the same magnitude). Reflects the
   * sections in use: while settings move, the ones designed for the latest control period.
   */
  responseDb(frequencyHz: number): number {
    const w = (2 * Math.PI * frequencyHz) / this.sampleRate;
    const cos1 = Math.cos(w);
    const sin1 = Math.sin(w);
    let g = this.outputGain.value ** 2;
    for (let s = 0; s < this.activeCount; s++) {
      g *= stageMagnitudeSquared(
        this.coefficients,
        this.active[s] * COEFFICIENTS_PER_STAGE,
        cos1,
        sin1,
      );
    }
    return 10 * Math.log10(g);
  }

  /** |H| of the minimum-phase stages at the linear-phase design bins. */
  private computeMagnitude(): void {
    const mag = this.magnitude;
    const bins = mag.length - 1;
    const c = this.coefficients;
    for (let k = 0; k <= bins; k++) {
      const w = (Math.PI * k) / bins;
      const cos1 = Math.cos(w);
      const sin1 = Math.sin(w);
      let g = 1;
      for (let s = 0; s < this.activeCount; s++) {
        g *= stageMagnitudeSquared(c, this.active[s] * COEFFICIENTS_PER_STAGE, cos1, sin1);
      }
      mag[k] = Math.sqrt(g);
    }
  }

  process(block: AudioBlock): void {
    const length = block.length;
    const channels = block.channels;
    let pos = 0;
    while (pos < length) {
      if (this.needsControl && this.counter % CONTROL_PERIOD === 0) {
        this.redesign(this.counter === 0 ? 0 : CONTROL_PERIOD, false);
      }
      const period = this.needsControl ? CONTROL_PERIOD : FLUSH_PERIOD;
      const n = Math.min(length - pos, period - (this.counter % period));
      if (this.values.phase === 'linear') this.runLinear(channels, pos, n);
      else this.runStages(channels, pos, pos + n);
      // The last second-order stage guards against denormals itself when the output gain is
      // plain 1; otherwise the gain pass does (section-runner.ts).
      if (!this.lastStageGuards()) this.finishOutput(channels, pos, pos + n);
      this.counter += n;
      pos += n;
      if (this.counter % FLUSH_PERIOD === 0) this.flushState();
    }
  }

  private runLinear(channels: readonly Float32Array[], start: number, n: number): void {
    const conv = this.convolver!;
    // At most one FIR design per hop: a new response waits for the hop boundary anyway.
    if (this.firDirty && !conv.pending) {
      this.computeMagnitude();
      conv.setMagnitude(this.magnitude, false);
      this.firDirty = false;
    }
    conv.process(channels, start, n);
  }

  private runStages(channels: readonly Float32Array[], start: number, end: number): void {
    const c = this.coefficients;
    const state = this.state;
    const channelCount = channels.length;
    for (let s = 0; s < this.activeCount; s++) {
      const stage = this.active[s];
      const co = stage * COEFFICIENTS_PER_STAGE;
      if (this.fourthOrder[s] === 1) {
        let ch = 0;
        for (; ch + 1 < channelCount; ch += 2) {
          const lo = (ch * MAX_STAGES + stage) * STATE_PER_STAGE;
          const ro = ((ch + 1) * MAX_STAGES + stage) * STATE_PER_STAGE;
          runFourthOrderStereo(channels[ch], channels[ch + 1], start, end, c, co, state, lo, ro);
        }
        if (ch < channelCount) {
          const o = (ch * MAX_STAGES + stage) * STATE_PER_STAGE;
          runFourthOrderMono(channels[ch], start, end, c, co, state, o);
        }
        continue;
      }
      // A band's first stage may become fourth-order (a correction engaging): keep its
      // history four samples deep.
      const first = stage % MAX_STAGES_PER_BAND === 0;
      const guard = s === this.activeCount - 1 && this.lastStageGuards();
      for (let ch = 0; ch < channelCount; ) {
        const pair = ch + 1 < channelCount;
        const lo = (ch * MAX_STAGES + stage) * STATE_PER_STAGE;
        const ro = ((ch + 1) * MAX_STAGES + stage) * STATE_PER_STAGE;
        if (first) this.saveHistory(channels, ch, pair, start, end, lo, ro);
        const left = channels[ch];
        if (pair) {
          const right = channels[ch + 1];
          runSecondOrderStereo(left, right, start, end, c, co, state, lo, ro, guard);
        } else runSecondOrderMono(left, start, end, c, co, state, lo, guard);
        if (first) {
          keepDeepHistory(channels[ch], start, end, state, lo + 4, this.before, 4);
          if (pair) keepDeepHistory(channels[ch + 1], start, end, state, ro + 4, this.before, 12);
        }
        ch += pair ? 2 : 1;
      }
    }
  }

  /** Before a second-order loop: copies the histories and brings x3, x4 up to date. */
  private saveHistory(
    channels: readonly Float32Array[],
    ch: number,
    pair: boolean,
    start: number,
    end: number,
    lo: number,
    ro: number,
  ): void {
    const state = this.state;
    const before = this.before;
    for (let j = 0; j < STATE_PER_STAGE; j++) before[j] = state[lo + j];
    keepDeepHistory(channels[ch], start, end, state, lo, before, 0);
    if (!pair) return;
    for (let j = 0; j < STATE_PER_STAGE; j++) before[8 + j] = state[ro + j];
    keepDeepHistory(channels[ch + 1], start, end, state, ro, before, 8);
  }

  /** Whether the chain ends in a second-order stage and the output gain is exactly 1. */
  private lastStageGuards(): boolean {
    const ramp = this.outputGain;
    const n = this.activeCount;
    return n > 0 && this.fourthOrder[n - 1] === 0 && !ramp.isRamping && ramp.value === 1;
  }

  /** Output gain (ramped while it moves) and the denormal guard, in one pass. */
  private finishOutput(channels: readonly Float32Array[], start: number, end: number): void {
    const ramp = this.outputGain;
    const guard = DENORMAL_GUARD;
    if (!ramp.isRamping) {
      const g = ramp.value;
      for (let ch = 0; ch < channels.length; ch++) {
        const data = channels[ch];
        for (let i = start; i < end; i++) data[i] = data[i] * g + guard - guard;
      }
      return;
    }
    for (let i = start; i < end; i++) {
      const g = ramp.next();
      for (let ch = 0; ch < channels.length; ch++) {
        const data = channels[ch];
        data[i] = data[i] * g + guard - guard;
      }
    }
  }

  private flushState(): void {
    const s = this.state;
    for (let i = 0; i < s.length; i++) if (Math.abs(s[i]) < 1e-30) s[i] = 0;
  }
}

export const eqProcessor = defineProcessor({
  type: 'eq',
  name: 'Parametric EQ',
  description:
    'Up to 8 bands (bell, shelves, notch, bandpass, Butterworth high/low-pass), each within 0.1 dB of its analog prototype up to 0.45·fs at any sample rate (no cramping near Nyquist); minimum or linear phase.',
  params: eqParams,
  create: (values) => new EqProcessor(eqParams, values),
});
