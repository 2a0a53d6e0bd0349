import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import { dbToGain } from '../../core/units.js';
import { defineProcessor, ProcessorBase } from '../processor.js';
import { LinearRamp } from '../ramp.js';
import { type BandDesign, BandDesigner, MAX_SECTIONS_PER_BAND } from './band-design.js';
import { sectionsForSlope } from './butterworth.js';
import { type EqParams, eqParams } from './eq-params.js';
import { LinearPhaseConvolver, linearPhaseDesignSize } from './linear-phase.js';
import { COEFFICIENTS_PER_SECTION } from './matched-designs.js';
import { runSectionMono, runSectionStereo, sectionMagnitudeSquared } from './section-runner.js';

const MAX_BANDS = eqParams.bands.maxItems;
const MAX_SECTIONS = MAX_BANDS * MAX_SECTIONS_PER_BAND;
/**
 * While parameters move, coefficients are recomputed every CONTROL_PERIOD samples, at
 * multiples of it counted from the last reset, so the output does not depend on how the
 * host cuts blocks (the contract's bit-exact block-size test).
 */
export const CONTROL_PERIOD = 32;
/** State is flushed of near-denormal values at multiples of this, for the same reason. */
const FLUSH_PERIOD = 4096;

/** The parametric EQ: up to 8 bands of matched IIR sections, or their linear-phase twin. */
export class EqProcessor extends ProcessorBase<EqParams> {
  private readonly designer = new BandDesigner();
  private readonly coefficients = new Float64Array(MAX_SECTIONS * COEFFICIENTS_PER_SECTION);
  private readonly sectionCount = new Int32Array(MAX_BANDS);
  private readonly bandActive = new Uint8Array(MAX_BANDS);
  private readonly active = new Int32Array(MAX_SECTIONS);
  private activeCount = 0;
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
    this.state = new Float64Array(spec.channels * MAX_SECTIONS * 2);
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
    this.counter = 0;
    this.discreteChanged = true;
    this.redesign(0);
    this.needsControl = false;
    if (this.convolver) {
      this.computeMagnitude();
      this.convolver.setMagnitude(this.magnitude, true);
      this.convolver.reset();
      this.firDirty = false;
    }
  }

  /** Advances ramps by `step` samples and recomputes the sections of bands that moved. */
  private redesign(step: number): void {
    const bands = this.values.bands;
    let moving = false;
    let changed = this.discreteChanged;
    for (let b = 0; b < MAX_BANDS; b++) {
      const v = bands[b];
      const wasActive = this.bandActive[b] === 1;
      if (!v?.enabled) {
        this.bandActive[b] = 0;
        if (wasActive) {
          this.clearBandState(b);
          changed = true;
        }
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
      if (!ramping && !this.discreteChanged) continue;
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
      if (flat) {
        this.bandActive[b] = 0;
        if (wasActive) this.clearBandState(b);
        changed = true;
        continue;
      }
      const offset = b * MAX_SECTIONS_PER_BAND * COEFFICIENTS_PER_SECTION;
      const count = this.designer.design(design, this.sampleRate, this.coefficients, offset);
      if (count !== this.sectionCount[b] || !wasActive) this.clearBandState(b);
      this.sectionCount[b] = count;
      this.bandActive[b] = 1;
      changed = true;
    }
    moving ||= this.outputGain.isRamping;
    this.discreteChanged = false;
    this.needsControl = moving;
    if (changed) {
      this.rebuildActiveList();
      this.firDirty = true;
    }
  }

  private clearBandState(b: number): void {
    const channels = this.spec?.channels ?? 0;
    for (let c = 0; c < channels; c++) {
      const base = (c * MAX_SECTIONS + b * MAX_SECTIONS_PER_BAND) * 2;
      this.state.fill(0, base, base + MAX_SECTIONS_PER_BAND * 2);
    }
  }

  private rebuildActiveList(): void {
    let n = 0;
    for (let b = 0; b < MAX_BANDS; b++) {
      if (this.bandActive[b] !== 1) continue;
      for (let s = 0; s < this.sectionCount[b]; s++)
        this.active[n++] = b * MAX_SECTIONS_PER_BAND + s;
    }
    this.activeCount = n;
  }

  /** |H| of the minimum-phase sections at the linear-phase design bins. */
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
        g *= sectionMagnitudeSquared(c, this.active[s] * COEFFICIENTS_PER_SECTION, cos1, sin1);
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
        this.redesign(this.counter === 0 ? 0 : CONTROL_PERIOD);
      }
      const period = this.needsControl ? CONTROL_PERIOD : FLUSH_PERIOD;
      const n = Math.min(length - pos, period - (this.counter % period));
      if (this.values.phase === 'linear') this.runLinear(channels, pos, n);
      else this.runSections(channels, pos, pos + n);
      this.applyOutputGain(channels, pos, pos + n);
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

  private runSections(channels: readonly Float32Array[], start: number, end: number): void {
    const c = this.coefficients;
    const state = this.state;
    const count = this.activeCount;
    const channelCount = channels.length;
    for (let s = 0; s < count; s++) {
      const section = this.active[s];
      const co = section * COEFFICIENTS_PER_SECTION;
      let ch = 0;
      for (; ch + 1 < channelCount; ch += 2) {
        runSectionStereo(
          channels[ch],
          channels[ch + 1],
          start,
          end,
          c,
          co,
          state,
          (ch * MAX_SECTIONS + section) * 2,
          ((ch + 1) * MAX_SECTIONS + section) * 2,
        );
      }
      if (ch < channelCount) {
        runSectionMono(channels[ch], start, end, c, co, state, (ch * MAX_SECTIONS + section) * 2);
      }
    }
  }

  private applyOutputGain(channels: readonly Float32Array[], start: number, end: number): void {
    const ramp = this.outputGain;
    if (!ramp.isRamping) {
      const g = ramp.value;
      if (g === 1) return;
      for (const data of channels) for (let i = start; i < end; i++) data[i] *= g;
      return;
    }
    for (let i = start; i < end; i++) {
      const g = ramp.next();
      for (const data of channels) data[i] *= g;
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
    'Up to 8 bands (bell, shelves, notch, bandpass, Butterworth high/low-pass) matched to their analog prototypes up to Nyquist; minimum or linear phase.',
  params: eqParams,
  create: (values) => new EqProcessor(eqParams, values),
});
