import { createHash } from 'node:crypto';
import type { AudioData } from '../core/audio.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { MixdownError } from '../core/errors.js';
import { valuesFromSettings } from '../dsp/params.js';
import { findOperation } from '../edit/registry.js';
import type { ResolvedEdit, ResolvedSource } from '../session/resolved.js';

/** Bump when an operation's rendering changes, so stale cached edits are not reused. */
export const EDIT_CACHE_VERSION = 2;

/**
 * The name of a source's edited audio: the source's content hash, the edit list (operations
 * and every value) and the rate, hashed. Same inputs, same audio: the cache can be reused;
 * any change to an edit gives a new name, and removing every edit reads the source itself.
 * Values are taken as the operation sees them (declared order, defaults filled in), so an
 * edit read from the document as written and the same edit after validation share a name.
 */
export function editedSourceKey(
  source: ResolvedSource,
  edits: readonly ResolvedEdit[],
  sampleRate: number,
): string {
  const recipe = JSON.stringify({
    version: EDIT_CACHE_VERSION,
    source: source.sha256,
    sampleRate,
    edits: edits.map((e) => {
      const operation = findOperation(e.op);
      return {
        op: e.op,
        values: operation ? valuesFromSettings(operation.params, e.values) : e.values,
      };
    }),
  });
  return createHash('sha256').update(recipe).digest('hex').slice(0, 32);
}

export interface EditOutcome {
  readonly audio: AudioData;
  readonly findings: readonly Diagnostic[];
}

/** Applies `edits` in order; each operation gets its declared defaults filled in. */
export function applyEdits(audio: AudioData, edits: readonly ResolvedEdit[]): EditOutcome {
  let current = audio;
  const findings: Diagnostic[] = [];
  for (const edit of edits) {
    const operation = findOperation(edit.op);
    if (!operation) {
      throw new MixdownError(
        'invalid-session',
        `${edit.path}.op: unknown edit operation "${edit.op}".`,
      );
    }
    const values = valuesFromSettings(operation.params, edit.values);
    let result: ReturnType<typeof operation.apply>;
    try {
      result = operation.apply(current, values, { path: edit.path });
    } catch (error) {
      if (error instanceof MixdownError)
        throw new MixdownError(error.code, `${edit.path}: ${error.message}`);
      throw error;
    }
    current = result.audio;
    findings.push(...result.findings);
  }
  return { audio: current, findings };
}
