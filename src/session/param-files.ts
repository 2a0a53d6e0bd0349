import type { ProcessorDefinition } from '../dsp/processor.js';
import type { ParsedSession } from './schema.js';
import { stripsOf } from './strips.js';

/**
 * Files named by processor parameters (e.g. a convolution reverb's impulse response),
 * found through the declarations: every `file` parameter, also inside parameter groups.
 * Like sources, they are paths relative to the project folder.
 */
export interface ParamFile {
  /** Document path, e.g. "buses[1].inserts[0].impulseResponse". */
  readonly path: string;
  /** As written, relative to the project folder. */
  readonly file: string;
}

export function paramFiles(
  session: ParsedSession,
  processors: readonly ProcessorDefinition[],
): ParamFile[] {
  const files: ParamFile[] = [];
  const take = (value: unknown, path: string): void => {
    if (typeof value === 'string' && value !== '') files.push({ path, file: value });
  };
  for (const strip of stripsOf(session)) {
    strip.inserts.forEach((insert, i) => {
      const definition = processors.find((p) => p.type === insert.type);
      const insertPath = `${strip.path}.inserts[${i}]`;
      for (const [id, spec] of Object.entries(definition?.params ?? {})) {
        if (spec.kind === 'file') take(insert[id], `${insertPath}.${id}`);
        if (spec.kind !== 'group') continue;
        const items = (insert[id] ?? []) as Record<string, unknown>[];
        items.forEach((item, j) => {
          for (const [itemId, itemSpec] of Object.entries(spec.items)) {
            if (itemSpec.kind === 'file') take(item[itemId], `${insertPath}.${id}[${j}].${itemId}`);
          }
        });
      }
    });
  }
  return files;
}
