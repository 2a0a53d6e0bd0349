import type { AudioBlock, ProcessSpec } from '../../core/block.js';
import type { ParamSpecs, ParamValues } from '../params.js';
import { ProcessorBase } from '../processor.js';
import { CompressorEngine, type CompressorSettings } from './compressor-engine.js';

/**
 * A processor around the shared CompressorEngine: each declaration (compressor, glue …)
 * supplies only its parameters and how they map onto engine settings.
 */
export class CompressorEngineProcessor<S extends ParamSpecs> extends ProcessorBase<S> {
  private readonly engine = new CompressorEngine();

  constructor(
    specs: S,
    values: ParamValues<S>,
    private readonly toSettings: (values: ParamValues<S>) => CompressorSettings,
  ) {
    super(specs, values);
  }

  protected allocate(spec: ProcessSpec): void {
    this.engine.prepare(spec);
  }

  protected onParamsChanged(): void {
    this.engine.configure(this.toSettings(this.values), this.sampleRate);
  }

  reset(): void {
    this.engine.reset();
  }

  process(block: AudioBlock, sidechain?: AudioBlock): void {
    this.engine.process(block, sidechain);
  }
}
