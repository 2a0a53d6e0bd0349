import type { AudioData } from '../core/audio.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { ParamSpecs, ParamValues } from '../dsp/params.js';

/**
 * An edit operation: the non-destructive unit of the editing stage. A clip in the session
 * carries a list of them (`clips[i].edits`); the engine applies them in order to the clip's
 * source audio and caches the result, so an edit can be changed or removed at any time and
 * the render follows (removing every edit gives back the unedited audio exactly).
 *
 * Operations are declared like processors: parameters as data (schema, validation, `--help`
 * derive from them), and a pure, deterministic `apply` over a whole source.
 */
export interface EditOperation<S extends ParamSpecs = ParamSpecs> {
  /** The `op` used in session documents, e.g. "denoise", "warp", "pitch". */
  readonly op: string;
  readonly name: string;
  readonly description: string;
  readonly params: S;
  /**
   * Applies the operation. Must not modify `audio`. Unless the operation's purpose is to
   * change timing (a warp, a stretch), the result has the same length, sample rate and
   * channel count, and no net latency: it lines up sample for sample with the input.
   */
  apply(audio: AudioData, values: ParamValues<S>, context: EditContext): EditResult;
}

/**
 * What an operation may know beyond its own audio and values. Operations are
 * self-contained: analysis that needs other material (a guide track for alignment, a key for
 * tuning) runs when the edit is made, and its result (an offset, a warp map, per-note
 * shifts) is stored in the operation's values, so rendering needs nothing else.
 */
export interface EditContext {
  /** Where the edited audio will sit, for messages ("tracks[2].clips[0].edits[1]"). */
  readonly path: string;
}

export interface EditResult {
  readonly audio: AudioData;
  /** What it found and did, e.g. "hum at 50.0 Hz with 6 harmonics", "14 clicks repaired". */
  readonly findings: readonly Diagnostic[];
}

/** Identity helper that keeps the literal types of a definition. */
export function defineOperation<S extends ParamSpecs>(
  operation: EditOperation<S>,
): EditOperation<S> {
  return operation;
}
