/**
 * The shape every repair operation shares. A repair is a pure function over a whole clip
 * (offline, in memory): it returns new audio of the same length, sample rate and channel
 * count, aligned sample for sample with the input (no net latency), and a report of what it
 * found. The session stores the operation's settings; the engine renders the edited copy.
 * Settings are declared as data (src/dsp/params.ts), so schema, validation and `--help`
 * derive from the declaration.
 */
import type { AudioData } from '../../core/audio.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { ParamSpecs } from '../../dsp/params.js';

export type RepairOperationId = 'denoise' | 'dehum' | 'declick' | 'declip';

/** Fields every report carries, so the CLI and batch reports can print any of them alike. */
export interface RepairReportBase {
  readonly operation: RepairOperationId;
  /** One plain sentence saying what was found and done. */
  readonly summary: string;
  /** False when the operation found nothing to repair and returned the input unchanged. */
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export interface RepairResult<R extends RepairReportBase> {
  readonly audio: AudioData;
  readonly report: R;
}

/** A repair operation as data plus its function, for the session and the CLI to list. */
export interface RepairOperation<S extends ParamSpecs, R extends RepairReportBase> {
  readonly id: RepairOperationId;
  readonly name: string;
  readonly description: string;
  readonly settings: S;
  /** Settings are validated against `settings`; missing ones take their defaults. */
  run(audio: AudioData, settings?: Readonly<Record<string, unknown>>): RepairResult<R>;
}
