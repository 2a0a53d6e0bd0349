import { normalizeOperation } from './normalize.js';
import type { EditOperation } from './operation.js';
import { pitchShiftOperation, tuneOperation } from './pitch/index.js';
import { REPAIR_EDIT_OPERATIONS } from './repair-operations.js';
import { shiftOperation, stretchOperation, warpOperation } from './timing/index.js';

/**
 * Every edit operation a clip can carry in `edits`, by `op`. Adding an operation means
 * writing it and listing it here; the session schema, validation and `--help` follow.
 */
export const EDIT_OPERATIONS: readonly EditOperation[] = [
  normalizeOperation,
  shiftOperation,
  warpOperation,
  stretchOperation,
  tuneOperation,
  pitchShiftOperation,
  ...(REPAIR_EDIT_OPERATIONS as unknown as EditOperation[]),
] as unknown as readonly EditOperation[];

export function findOperation(op: string): EditOperation | undefined {
  return EDIT_OPERATIONS.find((o) => o.op === op);
}
