import type { AudioBlock, ProcessSpec } from '../core/block.js';
import { dbToGain } from '../core/units.js';
import type { Bypassable } from '../dsp/bypass.js';
import { balanceGains, type PanLaw, panGains, type StereoGains } from '../dsp/utility/pan-law.js';
import { WholeSampleDelay } from '../dsp/whole-sample-delay.js';
import type { ResolvedStrip } from '../session/resolved.js';
import { AutomationCurve } from './automation.js';
import { addStereoScaled, faderPanMix, MixTargets } from './mix-kernels.js';

/**
 * Automation is applied to insert parameters on a fixed grid of this many frames, counted
 * from the start of the timeline, so a render never depends on its block size. Processors
 * smooth between grid points.
 */
export const AUTOMATION_GRID = 32;

interface InsertAutomation {
  readonly insert: number;
  readonly param: string;
  readonly curve: AutomationCurve;
}

/** A strip-level value (fader, pan, send level) that may be automated per sample. */
class StripValue {
  constructor(
    readonly constant: number,
    readonly curve: AutomationCurve | undefined,
  ) {}

  /**
   * Fills `out` with per-frame values and returns true; or, when the value holds over the
   * block, fills nothing and returns false (read it with `at(start)`).
   */
  fill(start: number, length: number, out: Float64Array): boolean {
    if (!this.curve || this.curve.isConstantOver(start, start + length)) return false;
    this.curve.fill(start, length, out);
    return true;
  }

  at(frame: number): number {
    return this.curve ? this.curve.valueAt(frame) : this.constant;
  }

  /** Whether the value holds over frames [start, start + length). */
  holds(start: number, length: number): boolean {
    return !this.curve || this.curve.isConstantOver(start, start + length);
  }
}

/** A sidechain key as one insert hears it: the key strip's signal, delayed when compensation needs it. */
interface KeyInput {
  readonly source: StripRuntime;
  delay: WholeSampleDelay | undefined;
  /** The delayed key for the current block (only with a delay). */
  delayed: Float32Array[] | undefined;
}

export interface SendRuntime {
  readonly to: string;
  readonly preFader: boolean;
  readonly level: StripValue;
  /** Undefined: follow the strip's pan (post-fader) or centre (pre-fader). */
  readonly pan: StripValue | undefined;
}

/**
 * One channel strip at render time: input → polarity → inserts → fader → pan. Holds the
 * buffers for its input (pre-fader after the inserts: the sidechain and pre-fader send tap)
 * and its stereo output (post-fader, post-pan).
 */
export class StripRuntime {
  readonly input: Float32Array[];
  readonly output: Float32Array[];
  readonly inserts: Bypassable[];
  readonly sends: SendRuntime[];
  private readonly insertAutomation: InsertAutomation[] = [];
  private readonly fader: StripValue;
  private readonly pan: StripValue;
  private readonly perFrameA: Float64Array;
  private readonly perFrameB: Float64Array;
  private readonly gains: StereoGains = { left: 1, right: 1 };
  /** Fader × pan gains per side, set by `holdFaderPan`. */
  private readonly faderPanGains: StereoGains = { left: 1, right: 1 };
  private readonly noTargets = new MixTargets();
  /** The inserts' block over the whole input buffers; `length` is set per block. */
  private readonly block: { readonly channels: Float32Array[]; length: number };
  private readonly keys: (KeyInput | undefined)[];
  private readonly maxBlockSize: number;

  constructor(
    readonly strip: ResolvedStrip,
    /** 1 for a mono track until its pan, else 2. */
    readonly channels: number,
    inserts: Bypassable[],
    /** Each insert's sidechain key strip, if it has one. */
    sidechainOf: readonly (StripRuntime | undefined)[],
    sampleRate: number,
    maxBlockSize: number,
  ) {
    this.inserts = inserts;
    this.maxBlockSize = maxBlockSize;
    this.keys = sidechainOf.map((source) =>
      source ? { source, delay: undefined, delayed: undefined } : undefined,
    );
    this.input = Array.from({ length: channels }, () => new Float32Array(maxBlockSize));
    this.block = { channels: this.input, length: 0 };
    this.output = [new Float32Array(maxBlockSize), new Float32Array(maxBlockSize)];
    this.perFrameA = new Float64Array(maxBlockSize);
    this.perFrameB = new Float64Array(maxBlockSize);
    const lane = (param: string): AutomationCurve | undefined => {
      const found = strip.automation.find((a) => a.param === param);
      return found ? new AutomationCurve(found.points, sampleRate) : undefined;
    };
    this.fader = new StripValue(strip.gainDb, lane('gainDb'));
    this.pan = new StripValue(strip.pan, lane('pan'));
    this.sends = strip.sends.map((send, i) => ({
      to: send.to,
      preFader: send.preFader,
      level: new StripValue(send.levelDb, lane(`sends[${i}].levelDb`)),
      pan:
        send.pan !== undefined || lane(`sends[${i}].pan`)
          ? new StripValue(send.pan ?? 0, lane(`sends[${i}].pan`))
          : undefined,
    }));
    for (const a of strip.automation) {
      const match = /^inserts\[(\d+)\]\.(.+)$/.exec(a.param);
      // A strip whose inserts run in a track worker has none here; the worker automates them.
      if (!match || Number(match[1]) >= inserts.length) continue;
      this.insertAutomation.push({
        insert: Number(match[1]),
        param: match[2],
        curve: new AutomationCurve(a.points, sampleRate),
      });
    }
  }

  get latency(): number {
    return this.insertLatencyBefore(this.inserts.length);
  }

  /** Latency of the inserts before insert `index`. */
  insertLatencyBefore(index: number): number {
    let sum = 0;
    for (let i = 0; i < index; i++) sum += this.inserts[i].latency;
    return sum;
  }

  /**
   * Delays insert `index`'s sidechain key by `frames` (delay compensation: the key reaches
   * the insert at the same timeline frame as this strip's signal).
   */
  delayKey(index: number, frames: number): void {
    const key = this.keys[index];
    if (!key) throw new RangeError(`insert ${index} has no sidechain key`);
    if (frames === 0) {
      key.delay = undefined;
      key.delayed = undefined;
      return;
    }
    const channels = key.source.input.length;
    key.delay = new WholeSampleDelay(channels, frames);
    key.delayed = Array.from({ length: channels }, () => new Float32Array(this.maxBlockSize));
  }

  get tailSamples(): number {
    return this.inserts.reduce((sum, p) => sum + p.tailSamples, 0);
  }

  /**
   * Prepares the inserts, starting automated parameters at their value at `startFrame` so a
   * render does not open with a ramp from the document's static value.
   */
  prepare(spec: ProcessSpec, startFrame = 0): void {
    for (const a of this.insertAutomation) {
      this.inserts[a.insert].setParameter(a.param, a.curve.valueAt(startFrame));
    }
    for (const p of this.inserts) p.prepare({ ...spec, channels: this.channels });
    for (const p of this.inserts) p.reset();
  }

  reset(): void {
    for (const p of this.inserts) p.reset();
    for (const key of this.keys) key?.delay?.reset();
  }

  /** Runs polarity and the inserts on `input[0…length)`, for timeline frames from `start`. */
  processInserts(start: number, length: number): void {
    if (this.strip.polarity) {
      for (const data of this.input) for (let i = 0; i < length; i++) data[i] = -data[i];
    }
    if (this.inserts.length === 0) return;
    for (const key of this.keys) {
      if (!key?.delay || !key.delayed) continue;
      for (let c = 0; c < key.delayed.length; c++) {
        key.delay.process(c, key.source.input[c], length, key.delayed[c]);
      }
    }
    if (this.insertAutomation.length === 0) {
      this.runInserts(0, length);
      return;
    }
    // Split at the automation grid, setting automated parameters at each grid point.
    let offset = 0;
    while (offset < length) {
      const frame = start + offset;
      const nextGrid = (Math.floor(frame / AUTOMATION_GRID) + 1) * AUTOMATION_GRID;
      const n = Math.min(length - offset, nextGrid - frame);
      // Only on grid points: a block starting between them must not change anything.
      if (frame % AUTOMATION_GRID === 0) {
        for (const a of this.insertAutomation) {
          this.inserts[a.insert].setParameter(a.param, a.curve.valueAt(frame));
        }
      }
      this.runInserts(offset, n);
      offset += n;
    }
  }

  private runInserts(offset: number, length: number): void {
    // The whole-buffer block is one object reused block after block; views only off the grid.
    this.block.length = length;
    const block = offset === 0 ? this.block : subBlock(this.input, offset, length);
    for (let i = 0; i < this.inserts.length; i++) {
      const key = this.keys[i];
      let sidechain: AudioBlock | undefined;
      if (key) {
        const keySignal = key.delayed ?? key.source.input;
        sidechain =
          offset === 0 ? { channels: keySignal, length } : subBlock(keySignal, offset, length);
      }
      this.inserts[i].process(block, sidechain);
    }
  }

  /**
   * When fader and pan hold over frames [start, start + length), their left and right gains
   * (master: fader only) go to `faderPanGains` and the result is true; otherwise false.
   */
  holdFaderPan(start: number, length: number, isMaster: boolean): boolean {
    if (!this.fader.holds(start, length) || (!isMaster && !this.pan.holds(start, length))) {
      return false;
    }
    const g = dbToGain(this.fader.at(start));
    let left = 1;
    let right = 1;
    if (!isMaster) {
      const pan = this.panGains(this.pan.at(start), this.strip.panLaw, this.channels === 1);
      left = pan.left;
      right = pan.right;
    }
    this.faderPanGains.left = g * left;
    this.faderPanGains.right = g * right;
    return true;
  }

  /**
   * The linear gain of send `index` when it is a post-fader send following the strip's pan
   * at a level that holds over the block (a scaled copy of the output), else NaN.
   */
  heldSendGain(index: number, start: number, length: number): number {
    const send = this.sends[index];
    if (send.preFader || send.pan || !send.level.holds(start, length)) return Number.NaN;
    return dbToGain(send.level.at(start));
  }

  /**
   * Fader and pan with the gains `holdFaderPan` found, fused with adding the output into
   * `targets` (see mix-kernels.ts).
   */
  mixHeld(length: number, targets: MixTargets): void {
    const inL = this.input[0];
    const inR = this.input[this.channels === 1 ? 0 : 1];
    const { left, right } = this.faderPanGains;
    faderPanMix(inL, inR, left, right, this.output[0], this.output[1], length, targets);
  }

  /** Fader and pan: writes the stereo output from the processed input. */
  applyFaderAndPan(start: number, length: number, isMaster: boolean): void {
    if (this.holdFaderPan(start, length, isMaster)) {
      this.noTargets.clear();
      this.mixHeld(length, this.noTargets);
      return;
    }
    const outL = this.output[0];
    const outR = this.output[1];
    const faderVaries = this.fader.fill(start, length, this.perFrameA);
    const panVaries = !isMaster && this.pan.fill(start, length, this.perFrameB);
    const law = this.strip.panLaw;
    const mono = this.channels === 1;
    const inL = this.input[0];
    const inR = this.input[mono ? 0 : 1];
    const faderDb = this.fader.at(start);
    const panPosition = this.pan.at(start);
    for (let i = 0; i < length; i++) {
      const g = dbToGain(faderVaries ? this.perFrameA[i] : faderDb);
      let left = 1;
      let right = 1;
      if (!isMaster) {
        const pan = this.panGains(panVaries ? this.perFrameB[i] : panPosition, law, mono);
        left = pan.left;
        right = pan.right;
      }
      outL[i] = inL[i] * g * left;
      outR[i] = inR[i] * g * right;
    }
  }

  /**
   * Adds send `index`'s contribution for frames [start, start + length) into `dest` (stereo),
   * scaled by the send level and panned as configured.
   */
  addSend(index: number, start: number, length: number, dest: readonly Float32Array[]): void {
    const send = this.sends[index];
    const mono = this.channels === 1;
    const dL = dest[0];
    const dR = dest[1];
    if (!send.preFader && !send.pan) {
      // Post-fader, following the strip's pan: a scaled copy of the strip's output.
      const oL = this.output[0];
      const oR = this.output[1];
      if (!send.level.fill(start, length, this.perFrameA)) {
        addStereoScaled(dL, dR, oL, oR, length, dbToGain(send.level.at(start)));
        return;
      }
      const perFrame = this.perFrameA;
      for (let i = 0; i < length; i++) {
        const g = dbToGain(perFrame[i]);
        dL[i] += oL[i] * g;
        dR[i] += oR[i] * g;
      }
      return;
    }
    const inL = this.input[0];
    const inR = this.input[mono ? 0 : 1];
    for (let i = 0; i < length; i++) {
      const frame = start + i;
      let g = dbToGain(send.level.at(frame));
      if (!send.preFader) g *= dbToGain(this.fader.at(frame));
      const { left, right } = this.panGains(
        send.pan ? send.pan.at(frame) : 0,
        this.strip.panLaw,
        mono,
      );
      dL[i] += inL[i] * g * left;
      dR[i] += inR[i] * g * right;
    }
  }

  private panGains(position: number, law: PanLaw, mono: boolean): StereoGains {
    return mono ? panGains(position, law, this.gains) : balanceGains(position, law, this.gains);
  }
}

/** A view of frames [offset, offset + length) of `channels` (allocates views: used off the hot path). */
function subBlock(channels: readonly Float32Array[], offset: number, length: number): AudioBlock {
  return { channels: channels.map((c) => c.subarray(offset, offset + length)), length };
}
