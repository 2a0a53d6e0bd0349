import type { AudioData } from '../core/audio.js';
import { type AudioBlock, type ProcessSpec, sameSpec } from '../core/block.js';
import {
  assignParam,
  type ParamSpecs,
  type ParamValue,
  type ParamValues,
  resolveParam,
} from './params.js';

/**
 * The one contract every processor keeps (DESIGN.md; STYLE.md §1):
 * - `prepare(spec)` allocates; an unchanged spec may skip re-preparing;
 * - `process(block)` works in place on planar Float32 channels: no allocation, no logging,
 *   no exceptions; called on the render thread only;
 * - `reset()` clears state (tails, envelopes) as for a seek or a new render;
 * - `latency` is the delay it adds, in samples, for the graph to compensate;
 * - `setParameter(path, value)` takes an already validated value ("ratio",
 *   "bands[1].gainDb"); changes are smoothed inside the processor where audible.
 */
export interface Processor {
  prepare(spec: ProcessSpec): void;
  process(block: AudioBlock, sidechain?: AudioBlock): void;
  reset(): void;
  readonly latency: number;
  /** Samples of output that can follow the end of the input (reverb and delay tails). */
  readonly tailSamples: number;
  setParameter(path: string, value: ParamValue): void;
}

/** A kind of processor: its declaration and a factory. */
export interface ProcessorDefinition<S extends ParamSpecs = ParamSpecs> {
  /** The `type` used in session documents, e.g. "eq", "compressor". */
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly params: S;
  /** True when it listens to an external sidechain signal (e.g. a compressor ducking). */
  readonly acceptsSidechain?: boolean;
  create(values: ParamValues<S>, context?: CreateContext): Processor;
}

/** What the engine hands a processor at creation beyond its values. */
export interface CreateContext {
  /** Audio of every `file` parameter, keyed by the path as written in the values. */
  readonly files: ReadonlyMap<string, AudioData>;
}

/** Identity helper that keeps the literal types of a definition. */
export function defineProcessor<S extends ParamSpecs>(
  definition: ProcessorDefinition<S>,
): ProcessorDefinition<S> {
  return definition;
}

/**
 * Base for processors: keeps the typed values, routes `setParameter` through the
 * declaration (so paths resolve the same way everywhere), and re-prepares only when the
 * spec changes. Subclasses implement `allocate`, `process`, `reset` and react to changes in
 * `onParamsChanged`.
 */
export abstract class ProcessorBase<S extends ParamSpecs> implements Processor {
  protected readonly values: ParamValues<S>;
  protected spec: ProcessSpec | undefined;
  latency = 0;
  tailSamples = 0;

  constructor(
    protected readonly specs: S,
    values: ParamValues<S>,
  ) {
    this.values = structuredClone(values);
  }

  prepare(spec: ProcessSpec): void {
    if (sameSpec(this.spec, spec)) return;
    this.spec = spec;
    this.allocate(spec);
    this.onParamsChanged();
    this.reset();
  }

  setParameter(path: string, value: ParamValue): void {
    const address = resolveParam(this.specs, path);
    if (!address) return;
    assignParam(this.values as Record<string, unknown>, address, value);
    if (this.spec) this.onParamsChanged();
  }

  protected get sampleRate(): number {
    return this.spec?.sampleRate ?? 48000;
  }

  /** Allocate state for `spec` (called from `prepare`, never from `process`). */
  protected abstract allocate(spec: ProcessSpec): void;
  /** Recompute derived values (coefficients, targets) after a parameter change. */
  protected abstract onParamsChanged(): void;
  abstract process(block: AudioBlock, sidechain?: AudioBlock): void;
  abstract reset(): void;
}
